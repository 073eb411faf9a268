import { localTime } from '../site/time-zone'
import type { CompiledPolicy } from './evaluate'
import type { AccessPolicy, SiteAccess } from './model'
import { timeMatches } from './policy-time'
import { compileWindows } from './windows'

/** What of a site a timetable is for: its organization chain (nearest first) and the chargers on it. */
export interface TimetablePlace {
  siteId: string
  organizationChain: readonly string[]
  chargerIds: readonly string[]
}

/** Who a row is about: anyone with an accepted token, or one token, driver, household, group, business account. */
export interface TimetableWho {
  kind: AccessPolicy['whoKind']
  id: string | null
}

/** Where a row holds: the whole site, or the circuit, charger or EVSE its policies name. */
export interface TimetableWhere {
  kind: 'site' | 'circuit' | 'charger' | 'evse'
  id: string
  sub: string | null
}

/** One slot: allowed or denied, by which policy (null: the site default), and whether that changes inside the slot. */
export interface TimetableCell {
  allowed: boolean
  policyId: string | null
  mixed: boolean
}

/** A row: a who at a where, with 7 days (Monday first) of slots. */
export interface TimetableRow {
  who: TimetableWho
  where: TimetableWhere
  /** The site default's row: anyone with an accepted token, on the whole site. */
  isDefault: boolean
  days: TimetableCell[][]
}

/** A policy that the grid leaves out, or shows only on ordinary days, and why. */
export interface TimetableNote {
  policyId: string
  name: string
  note: 'disabled' | 'notValidNow' | 'holidaysOnly' | 'notOnHolidays'
}

/** A week of a site's access rules as a grid. */
export interface Timetable {
  slotMinutes: number
  rows: TimetableRow[]
  notes: TimetableNote[]
  /** The site's holidays from the instant asked for on (local `YYYY-MM-DD`), sorted. */
  holidays: string[]
}

const DAY_MINUTES = 1440
const NO_HOLIDAYS: ReadonlySet<number> = new Set()

/** Whether a policy's where covers some part of the site. */
function onSite(p: AccessPolicy, place: TimetablePlace): boolean {
  switch (p.whereKind) {
    case 'organization':
      return place.organizationChain.includes(p.whereId)
    case 'site':
    case 'circuit':
      return p.whereId === place.siteId
    case 'charger':
    case 'evse':
      return place.chargerIds.includes(p.whereId)
  }
}

function whereOf(p: AccessPolicy, siteId: string): TimetableWhere {
  if (p.whereKind === 'organization' || p.whereKind === 'site') return { kind: 'site', id: siteId, sub: null }
  return { kind: p.whereKind, id: p.whereId, sub: p.whereKind === 'charger' ? null : p.whereSub }
}

/** Whether a policy's where holds everywhere a row's where does. */
function covers(p: AccessPolicy, w: TimetableWhere, siteId: string): boolean {
  const pw = whereOf(p, siteId)
  if (pw.kind === 'site') return true
  if (pw.kind === 'charger') return (w.kind === 'charger' || w.kind === 'evse') && w.id === pw.id
  return pw.kind === w.kind && pw.id === w.id && pw.sub === w.sub
}

const keyOf = (who: TimetableWho, where: TimetableWhere) =>
  `${who.kind}|${who.id ?? ''}|${where.kind}|${where.id}|${where.sub ?? ''}`

/**
 * A week of a site's rules, for the admin's timetable (pure): one row per who × where the site's
 * policies name, plus the site default's row (anyone, the whole site). A row's cell says what the
 * evaluator decides at that local time on an ordinary day (no holiday) for a token that only that
 * row's who and "anyone" policies name: the first of those whose when matches decides, else the site
 * default. Policies are taken in evaluation order (nearest organization first, then position), as
 * valid at `at`; budgets are not counted. Weekly windows are local wall-clock times, so the grid is
 * the same in every week, DST or not. A slot is as its first minute says, and `mixed` when the answer
 * changes within it (a window from 18:15). Holidays are noted beside the grid, not in it.
 *
 * @example timetable(site, place, policies, Date.now()).rows[0].days[0][36] // Monday 18:00–18:30
 */
export function timetable(
  site: SiteAccess,
  place: TimetablePlace,
  policies: readonly AccessPolicy[],
  at: number,
  slotMinutes = 30,
): Timetable {
  const rank = (p: AccessPolicy) => place.organizationChain.indexOf(p.organizationId)
  const onThisSite = policies
    .filter((p) => rank(p) >= 0 && onSite(p, place))
    .sort((a, b) => rank(a) - rank(b) || a.position - b.position)
  const notes: TimetableNote[] = []
  const live: CompiledPolicy[] = []
  for (const p of onThisSite) {
    const c = { policy: p, windows: compileWindows(p.windows) }
    const note = (n: TimetableNote['note']) => notes.push({ policyId: p.id, name: p.name, note: n })
    if (!p.enabled) note('disabled')
    else if ((p.validFrom !== null && at < p.validFrom) || (p.validUntil !== null && at >= p.validUntil))
      note('notValidNow')
    else {
      if (p.holidays === 'only') note('holidaysOnly')
      if (p.holidays === 'exclude') note('notOnHolidays')
      live.push(c)
    }
  }
  const rows = new Map<string, { who: TimetableWho; where: TimetableWhere; isDefault: boolean }>()
  for (const c of live) {
    const who = { kind: c.policy.whoKind, id: c.policy.whoId }
    const where = whereOf(c.policy, place.siteId)
    rows.set(keyOf(who, where), { who, where, isDefault: false })
  }
  const anyoneSite: TimetableWhere = { kind: 'site', id: place.siteId, sub: null }
  const defaultKey = keyOf({ kind: 'anyone', id: null }, anyoneSite)
  rows.delete(defaultKey)
  const all = [
    ...rows.values(),
    { who: { kind: 'anyone' as const, id: null }, where: anyoneSite, isDefault: true },
  ]
  return {
    slotMinutes,
    rows: all.map((r) => ({ ...r, days: grid(r, live, site, place.siteId, at, slotMinutes) })),
    notes,
    holidays: upcoming(site.holidays, at, site.timeZone),
  }
}

function grid(
  row: { who: TimetableWho; where: TimetableWhere },
  live: readonly CompiledPolicy[],
  site: SiteAccess,
  siteId: string,
  at: number,
  slotMinutes: number,
): TimetableCell[][] {
  const relevant = live.filter(
    (c) =>
      (c.policy.whoKind === 'anyone' ||
        (c.policy.whoKind === row.who.kind && c.policy.whoId === row.who.id)) &&
      covers(c.policy, row.where, siteId),
  )
  const decide = (weekday: number, minuteOfDay: number): TimetableCell => {
    const wall = { weekday, minuteOfDay, day: 0 }
    const c = relevant.find((r) => timeMatches(r, wall, NO_HOLIDAYS, at))
    if (c) return { allowed: c.policy.effect === 'allow', policyId: c.policy.id, mixed: false }
    return { allowed: site.accessDefault === 'allowAccepted', policyId: null, mixed: false }
  }
  const days: TimetableCell[][] = []
  for (let weekday = 1; weekday <= 7; weekday++) {
    const slots: TimetableCell[] = []
    for (let start = 0; start < DAY_MINUTES; start += slotMinutes) {
      const first = decide(weekday, start)
      let mixed = false
      for (let m = start + 1; m < start + slotMinutes && !mixed; m++) {
        const d = decide(weekday, m)
        mixed = d.allowed !== first.allowed || d.policyId !== first.policyId
      }
      slots.push({ ...first, mixed })
    }
    days.push(slots)
  }
  return days
}

/** The holidays on or after the local date of `at`, sorted. */
function upcoming(holidays: readonly string[], at: number, timeZone: string): string[] {
  const t = localTime(at, timeZone)
  const today = `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`
  return [...holidays].filter((d) => d >= today).sort()
}
