import { OBJECTIVES } from '@src/domain/power'
import { isLocalDate, MAX_HOLIDAYS, normalizeHolidays } from '@src/domain/site/holidays'
import { parseWiring } from '@src/domain/site/model'
import type { Circuit, SiteConfig } from '@src/domain/site/site-config'
import { ACCESS_DEFAULTS, BUILDING_METERS } from '@src/domain/site/site-config'
import { DEFAULT_TIME_ZONE, isTimeZone } from '@src/domain/site/time-zone'
import { z } from 'zod'

/** The id of the main fuse in the power model and in `SiteStatus.nodes`: no circuit may take it. */
export const MAIN_NODE_ID = 'main'

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,47}$/
const ID_MESSAGE = 'use 1–48 letters, digits, ".", "_" or "-"'

/** A site id (also used in bus subjects and URLs). */
export const siteIdSchema = z.string().regex(ID, ID_MESSAGE)

/** A circuit id: like a site id, but never `main` (the main fuse). */
export const circuitIdSchema = z
  .string()
  .regex(ID, ID_MESSAGE)
  .refine((id) => id !== MAIN_NODE_ID, '"main" is the main fuse: choose another id')

/** A number in a range, with one message that says what to enter whatever was wrong. */
const range = (min: number, max: number, unit: string) => {
  const message = `enter a number from ${min} to ${max} ${unit}`
  return z.number({ error: message }).min(min, message).max(max, message)
}

const name = z
  .string({ error: 'enter a name' })
  .trim()
  .min(1, 'enter a name')
  .max(100, 'at most 100 characters')

/** caps: a site's holidays, local dates `YYYY-MM-DD`; each wrong one is named in the message. */
const holidays = z
  .array(
    z.string({ error: 'list dates like 2026-12-24' }).refine(isLocalDate, {
      error: (issue) => `${String(issue.input)} is not a date: write dates like 2026-12-24`,
    }),
    { error: 'list dates like 2026-12-24' },
  )
  .max(MAX_HOLIDAYS, `at most ${MAX_HOLIDAYS} dates`)
  .transform(normalizeHolidays)

/**
 * A site's settings, for the API (JSON) and the admin form (after {@link formToInput}). Omitted optional
 * fields take their defaults, so a PUT replaces the whole set.
 */
export const siteSchema = z
  .strictObject({
    name,
    timeZone: z
      .string({ error: 'enter a time zone like Europe/Stockholm' })
      .trim()
      .refine(isTimeZone, 'enter a time zone like Europe/Stockholm (IANA name)')
      .default(DEFAULT_TIME_ZONE),
    voltageV: range(100, 400, 'V').default(230),
    phases: z.union([z.literal(1), z.literal(3)], { error: 'choose 1 or 3 phases' }).default(3),
    mainFuseA: range(1, 5000, 'A'),
    safetyMarginA: range(0, 1000, 'A').default(0),
    buildingMaxA: range(0, 5000, 'A').nullable().default(null),
    buildingMeter: z.enum(BUILDING_METERS, 'choose none, http or ocpp').default('none'),
    buildingMeterChargerId: z.string().max(48, 'at most 48 characters').nullable().default(null),
    peakTargetKw: range(0.1, 100_000, 'kW').nullable().default(null),
    loopIntervalMs: range(100, 60_000, 'ms').int('enter whole milliseconds').default(500),
    failSafeA: range(0, 5000, 'A').nullable().default(null),
    objective: z.enum(OBJECTIVES, 'choose vehicles, fair or energy').default('vehicles'),
    // caps: who may charge when no access policy decides, and the site's holidays
    accessDefault: z
      .enum(ACCESS_DEFAULTS, 'choose allowAccepted (any accepted token) or deny')
      .default('allowAccepted'),
    holidays: holidays.default([]),
    /** Whose site it is: for a new site, the caller's default organization when omitted. */
    organizationId: z.string().min(1).max(64).optional(),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
    if (s.safetyMarginA >= s.mainFuseA) issue('safetyMarginA', 'must be less than the main fuse')
    if (s.buildingMaxA !== null && s.buildingMaxA > s.mainFuseA)
      issue('buildingMaxA', `at most the main fuse (${s.mainFuseA} A)`)
    if (s.failSafeA !== null && s.failSafeA > s.mainFuseA)
      issue('failSafeA', `at most the main fuse (${s.mainFuseA} A)`)
    if (s.failSafeA !== null && s.failSafeA > 0 && s.failSafeA < 6)
      issue('failSafeA', 'below 6 A no car charges: use 0, 6 or more, or leave it empty')
    if (s.buildingMeter === 'ocpp' && !s.buildingMeterChargerId)
      issue('buildingMeterChargerId', 'enter the id of the meter connected as a charger')
  })

/** A sub-circuit's settings. */
export const circuitSchema = z.strictObject({
  name,
  parentId: circuitIdSchema.nullable().default(null),
  limitA: range(1, 5000, 'A'),
})

/** How a charger EVSE is connected on a site. */
export const connectorSchema = z.strictObject({
  circuitId: circuitIdSchema.nullable().default(null),
  maxA: range(6, 500, 'A'),
  wiring: z.string({ error: 'enter the wiring, e.g. L1,L2,L3' }).max(20, 'at most 20 characters'),
})

/** Parsed inputs. */
export type SiteFields = z.output<typeof siteSchema>
export type CircuitFields = z.output<typeof circuitSchema>
export type ConnectorFields = z.output<typeof connectorSchema>

/**
 * Form strings → the JSON shape the schemas take: `numbers` become numbers (a decimal comma is
 * accepted; text that is no number becomes NaN and gets the field's message); an empty field is null
 * when `nullable`, else absent (so it takes its default, or gets the "enter …" message).
 */
export function formToInput(
  values: Record<string, string>,
  fields: { numbers?: readonly string[]; nullable?: readonly string[]; text?: readonly string[] },
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const nullable = new Set(fields.nullable ?? [])
  for (const key of [...(fields.numbers ?? []), ...(fields.text ?? [])]) {
    const raw = (values[key] ?? '').trim()
    if (raw === '') {
      if (nullable.has(key)) out[key] = null
      continue
    }
    out[key] = fields.numbers?.includes(key) ? Number(raw.replace(',', '.')) : raw
  }
  return out
}

/** Field problems of a circuit that only the rest of the site shows: its parent and loops. */
export function circuitErrors(config: SiteConfig, id: string, c: CircuitFields): Record<string, string> {
  if (c.parentId === null) return {}
  if (c.parentId === id) return { parentId: 'a circuit cannot hang under itself' }
  const parents = new Map<string, string | null>(config.circuits.map((x: Circuit) => [x.id, x.parentId]))
  if (!parents.has(c.parentId)) return { parentId: `no circuit ${c.parentId} on this site` }
  parents.set(id, c.parentId)
  const seen = new Set<string>()
  for (let at: string | null | undefined = c.parentId; at; at = parents.get(at)) {
    if (at === id || seen.has(at)) return { parentId: `under ${c.parentId} the circuits would form a loop` }
    seen.add(at)
  }
  return {}
}

/** Field problems of a connector assignment that depend on the site: its circuit and wiring. */
export function connectorErrors(config: SiteConfig, c: ConnectorFields): Record<string, string> {
  const errors: Record<string, string> = {}
  if (c.circuitId !== null && !config.circuits.some((x) => x.id === c.circuitId))
    errors.circuitId = `no circuit ${c.circuitId} on this site`
  if (!parseWiring(c.wiring, config.site.phases))
    errors.wiring =
      config.site.phases === 1
        ? 'this site has one phase: use L1'
        : 'list the grid phase of each charger phase: L1,L2,L3, rotated L2,L3,L1, or one phase like L3'
  return errors
}

/** Errors as one line for the API: `field: message; field: message`. */
export function errorLine(errors: Record<string, string>): string {
  return Object.entries(errors)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ')
}
