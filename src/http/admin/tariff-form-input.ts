import { DEFAULT_ROUNDING, type RoundingPolicy } from '@src/domain/tariffs/rounding'
import {
  DAYS_OF_WEEK,
  type Tariff,
  type TariffElement,
  type TariffRestrictions,
} from '@src/domain/tariffs/tariff'
import { type TariffInput, tariffInput } from '@src/services/tariff-edits'

/** Form values: what was typed, by field name. */
export type FormValues = Record<string, string>

/** A restriction the form edits: its OCPI key, its field suffix (`e{i}{suffix}`), minutes for durations. */
const RESTRICTION_FIELDS = [
  ['start_time', 'from'],
  ['end_time', 'to'],
  ['start_date', 'startDate'],
  ['end_date', 'endDate'],
  ['min_kwh', 'minKwh'],
  ['max_kwh', 'maxKwh'],
  ['min_current', 'minCurrent'],
  ['max_current', 'maxCurrent'],
  ['min_power', 'minPower'],
  ['max_power', 'maxPower'],
  ['min_duration', 'minDuration'],
  ['max_duration', 'maxDuration'],
] as const satisfies readonly (readonly [keyof TariffRestrictions, string])[]
const DURATIONS = new Set<string>(['min_duration', 'max_duration'])
/** The idle fee's OCPI keys and their fields. */
const IDLE_FIELDS = [
  ['price', 'idlePrice'],
  ['grace_minutes', 'idleGrace'],
  ['step_size', 'idleStep'],
  ['max_excl_vat', 'idleMax'],
] as const
const ALT_LANGUAGES = [
  ['sv', 'altSv'],
  ['en', 'altEn'],
] as const

const count = (v: string | undefined, min: number) => Math.max(min, Math.min(50, Number(v) || 0))
/** How many element rows the form holds (at least one). */
export const elementCount = (values: FormValues) => count(values.elements, 1)
/** How many price component rows element `i` holds (at least one). */
export const componentCount = (values: FormValues, i: number) => count(values[`e${i}parts`], 1)

/** The form of a new tariff: SEK, 25 % VAT, öre half up on the total, one element of one energy price. */
export const NEW_TARIFF_VALUES: FormValues = {
  currency: 'SEK',
  vat: '25',
  scale: String(DEFAULT_ROUNDING.scale),
  mode: DEFAULT_ROUNDING.mode,
  level: DEFAULT_ROUNDING.level,
  elements: '1',
  e0parts: '1',
  e0c0type: 'ENERGY',
  e0c0step: '1',
}

const text = (v: string | number | undefined) => (v === undefined ? '' : String(v))

/** A stored version as the form shows it, for its next version. */
export function tariffFormValues(name: string, body: Tariff, rounding: RoundingPolicy): FormValues {
  const values: FormValues = {
    name,
    currency: body.currency,
    vat: text(body.elements[0]?.price_components[0]?.vat),
    scale: String(rounding.scale),
    mode: rounding.mode,
    level: rounding.level,
    minPrice: text(body.min_price?.excl_vat),
    maxPrice: text(body.max_price?.excl_vat),
    elements: String(body.elements.length),
  }
  for (const [lang, field] of ALT_LANGUAGES)
    values[field] = body.tariff_alt_text?.find((t) => t.language === lang)?.text ?? ''
  if (body.idle_fee) for (const [key, field] of IDLE_FIELDS) values[field] = text(body.idle_fee[key])
  if (body.spot) {
    values.spot = body.spot.series_id
    values.spotMarkup = text(body.spot.markup_per_kwh)
    values.spotFallback = text(body.spot.fallback_per_kwh)
  }
  body.elements.forEach((e, i) => {
    const r = e.restrictions ?? {}
    values[`e${i}parts`] = String(e.price_components.length)
    e.price_components.forEach((c, j) => {
      values[`e${i}c${j}type`] = c.type
      values[`e${i}c${j}price`] = String(c.price)
      values[`e${i}c${j}step`] = String(c.step_size)
      if (text(c.vat) !== values.vat) values[`e${i}c${j}vat`] = text(c.vat)
    })
    if (r.reservation) values[`e${i}reservation`] = r.reservation
    for (const [key, suffix] of RESTRICTION_FIELDS) {
      const v = r[key]
      values[`e${i}${suffix}`] =
        v === undefined ? '' : DURATIONS.has(key) ? String(Number(v) / 60) : String(v)
    }
    for (const d of r.day_of_week ?? []) values[`e${i}day${DAYS_OF_WEEK.indexOf(d)}`] = 'on'
  })
  return values
}

/** Moves element or component fields `from` → `to` (both prefixes like `e2` or `e1c3`). */
function renumber(values: FormValues, from: string, to: string): FormValues {
  const out: FormValues = {}
  const pattern = new RegExp(`^${from}(?!\\d)`)
  for (const [k, v] of Object.entries(values)) out[pattern.test(k) ? k.replace(pattern, to) : k] = v
  return out
}

/** Drops the fields of one element or component prefix and moves the ones after it up by one. */
function removeRow(values: FormValues, prefix: (n: number) => string, n: number, total: number): FormValues {
  const kept = Object.fromEntries(
    Object.entries(values).filter(([k]) => !new RegExp(`^${prefix(n)}(?!\\d)`).test(k)),
  )
  let out = kept
  for (let k = n + 1; k < total; k++) out = renumber(out, prefix(k), prefix(k - 1))
  return out
}

/**
 * A row added or removed (the editor's buttons, by htmx or a plain post): `add-element`,
 * `remove-element:i`, `add-component:i`, `remove-component:i:j`. What was typed elsewhere stays; the
 * last row of a kind is never removed. Unknown operations change nothing.
 */
export function applyRowOp(values: FormValues, op: string): FormValues {
  const [kind, a, b] = op.split(':')
  const n = elementCount(values)
  const i = Number(a)
  const elementOk = Number.isInteger(i) && i >= 0 && i < n
  if (kind === 'add-element')
    return {
      ...values,
      elements: String(n + 1),
      [`e${n}parts`]: '1',
      [`e${n}c0type`]: 'ENERGY',
      [`e${n}c0step`]: '1',
    }
  if (kind === 'remove-element' && elementOk && n > 1)
    return { ...removeRow(values, (k) => `e${k}`, i, n), elements: String(n - 1) }
  if (!elementOk) return values
  const m = componentCount(values, i)
  if (kind === 'add-component')
    return { ...values, [`e${i}parts`]: String(m + 1), [`e${i}c${m}type`]: 'ENERGY', [`e${i}c${m}step`]: '1' }
  const j = Number(b)
  if (kind === 'remove-component' && Number.isInteger(j) && j >= 0 && j < m && m > 1)
    return { ...removeRow(values, (k) => `e${i}c${k}`, j, m), [`e${i}parts`]: String(m - 1) }
  return values
}

/** The rows the editor shows: per element row, its number of price rows. */
export const formRows = (values: FormValues) =>
  Array.from({ length: elementCount(values) }, (_, i) => componentCount(values, i))

/** The outcome of reading the form: the service's input, or a message per field. */
export type TariffForm = { ok: true; input: TariffInput } | { ok: false; errors: Record<string, string> }

/** Reads the editor's fields into the body `POST/PUT /api/v1/tariffs` takes, converting text to numbers. */
function rawInput(values: FormValues, base: Tariff | undefined, errors: Record<string, string>) {
  const v = (k: string) => (values[k] ?? '').trim()
  const whole = (field: string, scale = 1): number | undefined => {
    const t = v(field)
    if (t === '') return undefined
    if (/^\d{1,9}$/.test(t)) return Number(t) * scale
    errors[field] = 'Enter a whole number.'
    return undefined
  }
  const minutes = (field: string): number | undefined => {
    const t = v(field)
    if (t === '') return undefined
    if (/^\d{1,7}(\.\d{1,2})?$/.test(t)) return Math.round(Number(t) * 60)
    errors[field] = 'Enter minutes, like 90.'
    return undefined
  }
  const vat = v('vat') === '' ? undefined : v('vat')
  const elements = Array.from({ length: elementCount(values) }, (_, i): TariffElement => {
    const restrictions: Record<string, unknown> = {}
    for (const [key, suffix] of RESTRICTION_FIELDS) {
      const field = `e${i}${suffix}`
      const value = DURATIONS.has(key) ? minutes(field) : v(field) === '' ? undefined : v(field)
      if (value !== undefined) restrictions[key] = value
    }
    const days = DAYS_OF_WEEK.filter((_, k) => values[`e${i}day${k}`] === 'on')
    if (days.length > 0) restrictions.day_of_week = days
    if (v(`e${i}reservation`) !== '') restrictions.reservation = v(`e${i}reservation`)
    const components = Array.from({ length: componentCount(values, i) }, (_, j) => {
      const own = v(`e${i}c${j}vat`) === '' ? vat : v(`e${i}c${j}vat`)
      return {
        type: v(`e${i}c${j}type`),
        price: v(`e${i}c${j}price`),
        ...(own === undefined ? {} : { vat: own }),
        step_size: whole(`e${i}c${j}step`) ?? 0,
      }
    })
    return {
      price_components: components,
      ...(Object.keys(restrictions).length > 0 ? { restrictions } : {}),
    } as TariffElement
  })
  const price = (field: string) => (v(field) === '' ? undefined : { excl_vat: v(field) })
  const altTexts = [
    ...ALT_LANGUAGES.filter(([, field]) => v(field) !== '').map(([language, field]) => ({
      language,
      text: v(field),
    })),
    ...(base?.tariff_alt_text ?? []).filter((t) => !ALT_LANGUAGES.some(([lang]) => lang === t.language)),
  ]
  const idleGiven = IDLE_FIELDS.some(([, field]) => v(field) !== '')
  const carried = base
    ? Object.fromEntries(
        (['type', 'tariff_alt_url', 'start_date_time', 'end_date_time'] as const)
          .filter((k) => base[k] !== undefined)
          .map((k) => [k, base[k]]),
      )
    : {}
  const tariff = {
    ...carried,
    currency: v('currency').toUpperCase(),
    elements,
    ...(price('minPrice') ? { min_price: price('minPrice') } : {}),
    ...(price('maxPrice') ? { max_price: price('maxPrice') } : {}),
    ...(altTexts.length > 0 ? { tariff_alt_text: altTexts } : {}),
    ...(idleGiven
      ? {
          idle_fee: {
            price: v('idlePrice'),
            ...(vat === undefined ? {} : { vat }),
            grace_minutes: whole('idleGrace') ?? 0,
            step_size: whole('idleStep') ?? 0,
            ...(v('idleMax') === '' ? {} : { max_excl_vat: v('idleMax') }),
          },
        }
      : {}),
    ...(v('spot') === ''
      ? {}
      : {
          spot: {
            series_id: v('spot'),
            markup_per_kwh: v('spotMarkup'),
            fallback_per_kwh: v('spotFallback'),
            ...(vat === undefined ? {} : { vat }),
            step_size: 1,
          },
        }),
  }
  return {
    name: v('name'),
    ...(v('organizationId') === '' ? {} : { organizationId: v('organizationId') }),
    tariff,
    rounding: { scale: whole('scale') ?? DEFAULT_ROUNDING.scale, mode: v('mode'), level: v('level') },
    altFields: altTexts.map((t) => ALT_LANGUAGES.find(([lang]) => lang === t.language)?.[1] ?? 'form'),
  }
}

/** The form field of a zod issue's path in the API's input (`tariff.elements.0.price_components.1.price`). */
function fieldOf(path: readonly PropertyKey[], altFields: readonly string[], values: FormValues): string {
  const [top, key, i, sub, j, leaf] = path.map(String)
  if (top !== 'tariff') return top === 'rounding' ? ((key as string) ?? 'form') : (top ?? 'form')
  if (key === 'elements' && i !== undefined && sub === 'price_components') {
    if (j === undefined) return `e${i}`
    if (leaf === 'vat') return (values[`e${i}c${j}vat`] ?? '').trim() === '' ? 'vat' : `e${i}c${j}vat`
    return `e${i}c${j}${leaf === 'step_size' ? 'step' : (leaf ?? 'price')}`
  }
  if (key === 'elements' && i !== undefined && sub === 'restrictions') {
    if (j === 'day_of_week') return `e${i}days`
    if (j === 'reservation') return `e${i}reservation`
    return `e${i}${RESTRICTION_FIELDS.find(([k]) => k === j)?.[1] ?? ''}`
  }
  if (key === 'spot')
    return i === 'markup_per_kwh' ? 'spotMarkup' : i === 'fallback_per_kwh' ? 'spotFallback' : 'spot'
  if (key === 'min_price') return 'minPrice'
  if (key === 'max_price') return 'maxPrice'
  if (key === 'tariff_alt_text') return altFields[Number(i)] ?? 'form'
  if (key === 'idle_fee')
    return IDLE_FIELDS.find(([k]) => k === i)?.[1] ?? (i === 'vat' ? 'vat' : 'idlePrice')
  if (key === 'currency') return 'currency'
  return 'form'
}

/**
 * Reads the tariff editor into the input the API's service takes, checked by the API's own schema
 * (`tariffInput`), so the admin has no rules of its own: each issue comes back beside its field.
 * A component's own VAT % (`e{i}c{j}vat`) overrides the tariff's for it. `base` is the version a "new
 * version" starts from: what the form does not edit (type, URL, validity, alt texts in other
 * languages) is carried over from it.
 */
export function parseTariffForm(values: FormValues, base?: Tariff): TariffForm {
  const errors: Record<string, string> = {}
  const { altFields, ...raw } = rawInput(values, base, errors)
  const parsed = tariffInput.safeParse(raw)
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[fieldOf(issue.path, altFields, values)] ??= issue.message
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, input: parsed.data }
}
