import type { AccessPolicy, AccessWindow } from '@src/domain/access/model'
import { localTime, zonedInstant } from '@src/domain/site/time-zone'
import { type PolicyInput, policyInput, WHERE_KINDS, WHO_KINDS } from '@src/services/policy-input'
import { fieldErrors } from './render'

/** How many window rows the form offers (filled ones plus empty ones to add). */
export const WINDOW_ROWS = 4

/** A picker's value: kind, id and sub joined by `:`, each part URI-encoded (ids may hold anything). */
export const pickValue = (kind: string, id?: string | null, sub?: string | null) =>
  [kind, id, sub]
    .filter((p): p is string => p !== undefined && p !== null)
    .map(encodeURIComponent)
    .join(':')

function unpick(value: string): { kind: string; id: string | null; sub: string | null } {
  const [kind = '', id, sub] = value.split(':').map((p) => {
    try {
      return decodeURIComponent(p)
    } catch {
      return ''
    }
  })
  return { kind, id: id ?? null, sub: sub ?? null }
}

/** `datetime-local` (YYYY-MM-DDTHH:MM) in `zone` → epoch ms; '' → null; undefined when it is not a time. */
export function instantOf(text: string, zone: string): number | null | undefined {
  if (text.trim() === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim())
  if (!m) return undefined
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
  return zonedInstant({ year, month, day, hour, minute }, zone)
}

/** Epoch ms → `datetime-local` text in `zone` ('' for null). */
export function localInput(ms: number | null, zone: string): string {
  if (ms === null) return ''
  const t = localTime(ms, zone)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${t.year}-${p(t.month)}-${p(t.day)}T${p(t.hour)}:${p(t.minute)}`
}

/** The windows of the form's rows: a row with days and both times is a window; an empty row is none. */
function windowsOf(values: Record<string, string>, errors: Record<string, string>): AccessWindow[] {
  const out: AccessWindow[] = []
  for (let i = 0; i < WINDOW_ROWS; i++) {
    const days = [1, 2, 3, 4, 5, 6, 7].filter((d) => values[`w${i}d${d}`] === 'on')
    const from = values[`w${i}from`]?.trim() ?? ''
    const to = values[`w${i}to`]?.trim() ?? ''
    if (days.length === 0 && from === '' && to === '') continue
    if (days.length === 0) errors[`w${i}`] = 'Tick the days this window starts on.'
    else if (from === '' || to === '') errors[`w${i}`] = 'Give the window a from and a to time.'
    else out.push({ days, from, to })
  }
  return out
}

const number = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : Number(v))

/** The outcome of reading the form: the service's input, or a message per field. */
export type PolicyForm = { ok: true; input: PolicyInput } | { ok: false; errors: Record<string, string> }

/**
 * Reads the policy form: `who` and `where` pickers (see {@link pickValue}), window rows `w{i}d{day}`,
 * `w{i}from`, `w{i}to`, validity as local times in `zoneOf(where)` (the site's zone), the rest as the
 * API names them. Errors are keyed by the form's field names.
 */
export function parsePolicyForm(
  values: Record<string, string>,
  zoneOf: (where: string) => string,
): PolicyForm {
  const errors: Record<string, string> = {}
  const who = unpick(values.who ?? '')
  const where = unpick(values.where ?? '')
  if (!(WHO_KINDS as readonly string[]).includes(who.kind)) errors.who = 'Choose who this policy is for.'
  if (!(WHERE_KINDS as readonly string[]).includes(where.kind))
    errors.where = 'Choose where this policy holds.'
  const windows = windowsOf(values, errors)
  const zone = zoneOf(values.where ?? '')
  const validFrom = instantOf(values.validFrom ?? '', zone)
  const validUntil = instantOf(values.validUntil ?? '', zone)
  if (validFrom === undefined) errors.validFrom = 'Enter a date and time.'
  if (validUntil === undefined) errors.validUntil = 'Enter a date and time.'
  const parsed = policyInput.safeParse({
    name: values.name ?? '',
    organizationId: values.organizationId,
    enabled: values.enabled === 'on',
    effect: values.effect,
    whoKind: who.kind,
    whoId: who.id,
    whereKind: where.kind,
    whereId: where.id ?? '',
    whereSub: where.sub,
    windows,
    validFrom: validFrom ?? null,
    validUntil: validUntil ?? null,
    holidays: values.holidays || 'ignore',
    priceGroup: values.priceGroup?.trim() ?? '',
    priorityTier: number(values.priorityTier),
    monthlyKwhBudget: values.monthlyKwhBudget?.trim() ?? '',
    maxSessionMinutes: number(values.maxSessionMinutes),
  })
  if (!parsed.success) {
    const byField = fieldErrors(parsed.error.issues)
    for (const [k, v] of Object.entries(byField)) errors[formFieldOf(k)] ??= v
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}

/** The form field a service or schema field is shown beside. */
export function formFieldOf(field: string): string {
  if (field === 'whoKind' || field === 'whoId') return 'who'
  if (field === 'whereKind' || field === 'whereId' || field === 'whereSub') return 'where'
  if (field === 'windows') return 'w0'
  return field
}

/** A stored policy as the form's values (for its edit form). */
export function policyFormValues(p: AccessPolicy, zone: string): Record<string, string> {
  const v: Record<string, string> = {
    name: p.name,
    organizationId: p.organizationId,
    effect: p.effect,
    who: p.whoKind === 'anyone' ? 'anyone' : pickValue(p.whoKind, p.whoId),
    where: pickValue(p.whereKind, p.whereId, p.whereSub),
    validFrom: localInput(p.validFrom, zone),
    validUntil: localInput(p.validUntil, zone),
    holidays: p.holidays,
    priceGroup: p.priceGroup ?? '',
    priorityTier: p.priorityTier === null ? '' : String(p.priorityTier),
    monthlyKwhBudget: p.monthlyKwhBudget ?? '',
    maxSessionMinutes: p.maxSessionMinutes === null ? '' : String(p.maxSessionMinutes),
  }
  if (p.enabled) v.enabled = 'on'
  p.windows.slice(0, WINDOW_ROWS).forEach((w, i) => {
    for (const d of w.days) v[`w${i}d${d}`] = 'on'
    v[`w${i}from`] = w.from
    v[`w${i}to`] = w.to
  })
  return v
}

/** A new policy's form: enabled, allow, holidays ignored. */
export const NEW_POLICY_VALUES: Record<string, string> = {
  enabled: 'on',
  effect: 'allow',
  holidays: 'ignore',
}
