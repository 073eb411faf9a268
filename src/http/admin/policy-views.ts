import type { AccessPolicy, AccessWindow } from '@src/domain/access/model'
import type { Timetable, TimetableCell, TimetableRow } from '@src/domain/access/timetable'
import { localTime } from '@src/domain/site/time-zone'
import type { TryAnswer } from '@src/services/access-check'
import type { PolicyItemView, PolicyOrgView, TryAnswerView } from '@views/admin/policies'
import type { TimetableRowView, TimetableView } from '@views/admin/policy-timetable'
import type { PolicyChoices } from './policy-choices'
import { localInput, pickValue } from './policy-form-input'

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** Days as words: runs of three or more as a range (`Mon–Fri`), else a list (`Sat, Sun`). */
export function daysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return 'every day'
  const runs: number[][] = []
  for (const d of sorted) {
    const run = runs.at(-1)
    if (run && run.at(-1) === d - 1) run.push(d)
    else runs.push([d])
  }
  return runs
    .flatMap((r) =>
      r.length >= 3
        ? [`${DAY_NAMES[r[0]! - 1]}–${DAY_NAMES[r.at(-1)! - 1]}`]
        : r.map((d) => DAY_NAMES[d - 1]),
    )
    .join(', ')
}

/** A policy's when in words, e.g. `every day 18:00–08:00; not on holidays; from 2026-01-01 00:00`. */
export function whenText(p: AccessPolicy, zone: string): string {
  const windows = p.windows.map((w: AccessWindow) => `${daysText(w.days)} ${w.from}–${w.to}`)
  const parts = [windows.length ? windows.join(', ') : 'any time']
  if (p.holidays === 'exclude') parts.push('not on holidays')
  if (p.holidays === 'only') parts.push('only on holidays')
  if (p.validFrom !== null) parts.push(`from ${localInput(p.validFrom, zone).replace('T', ' ')}`)
  if (p.validUntil !== null) parts.push(`until ${localInput(p.validUntil, zone).replace('T', ' ')}`)
  return parts.join('; ')
}

/** A policy's with-what in words (price group, tier, budget, session cap), or a dash. */
export function withText(p: AccessPolicy): string {
  const parts = [
    p.priceGroup ? `price ${p.priceGroup}` : '',
    p.priorityTier !== null ? `tier ${p.priorityTier}` : '',
    p.monthlyKwhBudget ? `${p.monthlyKwhBudget} kWh a month` : '',
    p.maxSessionMinutes !== null ? `at most ${p.maxSessionMinutes} min` : '',
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : '—'
}

const whoPick = (kind: string, id: string | null) => (kind === 'anyone' ? 'anyone' : pickValue(kind, id))

/** The policies grouped by organization, in order, as the list shows them. */
export function policyOrgViews(policies: readonly AccessPolicy[], choices: PolicyChoices): PolicyOrgView[] {
  const names = new Map(choices.organizations.map((o) => [o.value, o.label]))
  const byOrg = Map.groupBy(policies, (p) => p.organizationId)
  return [...byOrg].map(([org, list]) => ({
    organizationId: org,
    organizationName: names.get(org) ?? org,
    items: list.map(
      (p, i): PolicyItemView => ({
        id: p.id,
        name: p.name,
        position: p.position,
        enabled: p.enabled,
        effect: p.effect,
        who: choices.labelOf(whoPick(p.whoKind, p.whoId)),
        where: choices.labelOf(pickValue(p.whereKind, p.whereId, p.whereSub)),
        when: whenText(p, choices.zoneOf(pickValue(p.whereKind, p.whereId, p.whereSub))),
        withWhat: withText(p),
        first: i === 0,
        last: i === list.length - 1,
      }),
    ),
  }))
}

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

function rowLabel(row: TimetableRow, choices: PolicyChoices): string {
  if (row.isDefault) return 'Anyone with an accepted token (the site default)'
  const who = choices.labelOf(whoPick(row.who.kind, row.who.id))
  if (row.where.kind === 'site') return who
  return `${who} · ${choices.labelOf(pickValue(row.where.kind, row.where.id, row.where.sub))}`
}

const NOTES = {
  disabled: 'is disabled',
  notValidNow: 'is not valid now (see its validity dates)',
  holidaysOnly: 'applies only on holidays, so it is not in the grid',
  notOnHolidays: 'does not apply on holidays',
} as const

/** A timetable in words and colours for the page. */
export function timetableView(
  t: Timetable,
  site: { id: string; name: string; timeZone: string; accessDefault: string },
  policies: readonly AccessPolicy[],
  choices: PolicyChoices,
): TimetableView {
  const names = new Map(policies.map((p) => [p.id, p.name]))
  const cellTitle = (c: TimetableCell, day: number, slot: number) => {
    const from = slot * t.slotMinutes
    const by = c.policyId ? `"${names.get(c.policyId) ?? c.policyId}"` : 'the site default'
    const change = c.mixed ? ' (changes within)' : ''
    return `${DAY_NAMES[day]} ${clock(from)}–${clock(from + t.slotMinutes)}: ${c.allowed ? 'allowed' : 'denied'} by ${by}${change}`
  }
  const rows: TimetableRowView[] = t.rows.map((r) => ({
    label: rowLabel(r, choices),
    isDefault: r.isDefault,
    days: r.days.map((slots, d) =>
      slots.map((c, i) => ({ allowed: c.allowed, mixed: c.mixed, title: cellTitle(c, d, i) })),
    ),
  }))
  return {
    siteId: site.id,
    siteName: site.name,
    timeZone: site.timeZone,
    accessDefault: site.accessDefault,
    slotMinutes: t.slotMinutes,
    rows,
    notes: t.notes.map((n) => `"${n.name}" ${NOTES[n.note]}`),
    holidays: t.holidays,
  }
}

/** A check's answer for the try form: statuses in both versions, who decided, the explanation. */
export function tryAnswerView(a: TryAnswer, at: number, zone: string): TryAnswerView {
  const decidedBy =
    a.decidedBy === 'policy'
      ? `policy "${a.policy?.name}"`
      : a.decidedBy === 'default'
        ? `the site default (${a.siteDefault})`
        : "the token's own status"
  const t = localTime(at, zone)
  const p = (n: number) => String(n).padStart(2, '0')
  return {
    allowed: a.allowed,
    status201: a.status,
    status16: a.status16,
    decidedBy,
    at: `${t.year}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)} (${zone})`,
    explanation: a.explanation,
  }
}
