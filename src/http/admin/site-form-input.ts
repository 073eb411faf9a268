import { splitHolidays } from '@src/domain/site/holidays'
import {
  type CircuitFields,
  type ConnectorFields,
  circuitIdSchema,
  circuitSchema,
  connectorSchema,
  formToInput,
  type SiteFields,
  siteIdSchema,
  siteSchema,
} from '@src/services/site-input'
import type { ZodError } from 'zod'
import { z } from 'zod'
import { fieldErrors } from './render'

/** A parsed form: its data, or a message per field. */
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> }

const EVSE_MESSAGE = 'enter the EVSE number, 1 or more'
const evseId = z.coerce
  .number({ error: EVSE_MESSAGE })
  .int(EVSE_MESSAGE)
  .min(1, EVSE_MESSAGE)
  .max(999, 'at most 999')
const chargerId = z.string().trim().min(1, 'choose a charger').max(48, 'at most 48 characters')

/** The site settings form's fields, by kind. */
const SETTINGS_FIELDS = {
  numbers: [
    'voltageV',
    'phases',
    'mainFuseA',
    'safetyMarginA',
    'buildingMaxA',
    'peakTargetKw',
    'loopIntervalMs',
    'failSafeA',
  ],
  nullable: ['buildingMaxA', 'peakTargetKw', 'failSafeA', 'buildingMeterChargerId'],
  text: ['name', 'timeZone', 'buildingMeter', 'buildingMeterChargerId', 'objective', 'accessDefault'],
}

/** The settings form as the site schema takes it; caps: the holidays textarea becomes a list of dates. */
function settingsInput(values: Record<string, string>): Record<string, unknown> {
  return { ...formToInput(values, SETTINGS_FIELDS), holidays: splitHolidays(values.holidays ?? '') }
}

/** Several zod results → one parsed value, or every message keyed by field (`single` names a whole-value field). */
function combine<T>(
  results: { key?: string; result: { success: true } | { success: false; error: ZodError } }[],
  data: () => T,
): Parsed<T> {
  const errors: Record<string, string> = {}
  for (const { key, result } of results) {
    if (result.success) continue
    if (key) errors[key] ??= result.error.issues[0]!.message
    else for (const [k, v] of Object.entries(fieldErrors(result.error.issues))) errors[k] ??= v
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, data: data() }
}

/** The site settings form (also the "add a site" form, whose other fields take their defaults). */
export function parseSettings(values: Record<string, string>): Parsed<SiteFields> {
  const r = siteSchema.safeParse(settingsInput(values))
  return combine([{ result: r }], () => r.data!)
}

/** The "add a site" form: an id and the settings. */
export function parseNewSite(values: Record<string, string>): Parsed<{ id: string; settings: SiteFields }> {
  const id = siteIdSchema.safeParse(values.id ?? '')
  const settings = siteSchema.safeParse(settingsInput(values))
  return combine([{ key: 'id', result: id }, { result: settings }], () => ({
    id: id.data!,
    settings: settings.data!,
  }))
}

/** The circuit form: its id and settings. */
export function parseCircuitForm(
  values: Record<string, string>,
): Parsed<{ id: string; circuit: CircuitFields }> {
  const id = circuitIdSchema.safeParse(values.circuitId ?? '')
  const input = circuitSchema.safeParse(
    formToInput(values, { numbers: ['limitA'], nullable: ['parentId'], text: ['name', 'parentId'] }),
  )
  return combine([{ key: 'circuitId', result: id }, { result: input }], () => ({
    id: id.data!,
    circuit: input.data!,
  }))
}

/** The assign form: which charger EVSE, and how it is connected. */
export function parseConnectorForm(
  values: Record<string, string>,
): Parsed<{ chargerId: string; evseId: number; connector: ConnectorFields }> {
  const charger = chargerId.safeParse(values.chargerId ?? '')
  const evse = evseId.safeParse(values.evseId ?? '')
  const input = connectorSchema.safeParse(
    formToInput(values, { numbers: ['maxA'], nullable: ['circuitId'], text: ['circuitId', 'wiring'] }),
  )
  return combine(
    [{ key: 'chargerId', result: charger }, { key: 'evseId', result: evse }, { result: input }],
    () => ({ chargerId: charger.data!, evseId: evse.data!, connector: input.data! }),
  )
}
