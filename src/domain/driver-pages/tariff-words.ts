import { dec } from '@src/domain/tariffs/decimal'
import { roundAmount } from '@src/domain/tariffs/rounding'
import type {
  Amount,
  DayOfWeek,
  PriceComponent,
  Tariff,
  TariffRestrictions,
} from '@src/domain/tariffs/tariff'
import type { Language } from './language'

/** A tariff in words, as a driver reads it before charging: the tariff's own text and one line per element. */
export interface TariffWords {
  /** The tariff's alt text in the driver's language (else English, else the first), if it has one. */
  text: string | null
  lines: string[]
}

const words = {
  en: {
    ENERGY: 'per kWh',
    TIME: 'per hour charging',
    PARKING_TIME: 'per hour parked',
    FLAT: 'per session',
    days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    from: (kwh: string) => `from ${kwh} kWh`,
    upTo: (kwh: string) => `up to ${kwh} kWh`,
    idle: (price: string, grace: number) => `idle fee ${price} per hour after ${grace} min without charging`,
    cap: (max: string) => `at most ${max}`,
    min: (p: string) => `at least ${p} per session`,
    max: (p: string) => `at most ${p} per session`,
    inclVat: 'prices incl. VAT',
  },
  sv: {
    ENERGY: 'per kWh',
    TIME: 'per timme laddning',
    PARKING_TIME: 'per timme parkerad',
    FLAT: 'per laddning',
    days: ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
    from: (kwh: string) => `från ${kwh} kWh`,
    upTo: (kwh: string) => `upp till ${kwh} kWh`,
    idle: (price: string, grace: number) => `avgift ${price} per timme efter ${grace} min utan laddning`,
    cap: (max: string) => `högst ${max}`,
    min: (p: string) => `minst ${p} per laddning`,
    max: (p: string) => `högst ${p} per laddning`,
    inclVat: 'priser inkl. moms',
  },
} as const

const DAY_ORDER: readonly DayOfWeek[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
]

/**
 * A unit price as a driver is shown it: incl. VAT when the component has a rate (Swedish consumer
 * prices are shown with VAT), rounded half-up to two decimals for display only (what is billed is
 * priced exactly by the engine), with the currency: `3.00 SEK`.
 */
export function shownPrice(price: Amount, vatPercent: Amount | undefined, currency: string): string {
  const gross = dec(String(price)).mul(dec(1).add(dec(String(vatPercent ?? 0)).div(100)))
  return `${roundAmount(gross, { scale: 2, mode: 'halfUp' }).toFixed(2)} ${currency}`
}

/** When an element applies, in words (`Mon–Fri 07:00–22:00`), or empty when always. */
function when(r: TariffRestrictions | undefined, lang: Language): string[] {
  if (!r) return []
  const w = words[lang]
  const parts: string[] = []
  if (r.day_of_week?.length) {
    const idx = r.day_of_week.map((d) => DAY_ORDER.indexOf(d)).sort((a, b) => a - b)
    const run = idx.every((d, i) => i === 0 || d === idx[i - 1]! + 1)
    parts.push(
      run && idx.length > 2
        ? `${w.days[idx[0]!]}–${w.days[idx.at(-1)!]}`
        : idx.map((d) => w.days[d]).join(', '),
    )
  }
  if (r.start_time || r.end_time) parts.push(`${r.start_time ?? '00:00'}–${r.end_time ?? '24:00'}`)
  if (r.min_kwh !== undefined) parts.push(w.from(String(r.min_kwh)))
  if (r.max_kwh !== undefined) parts.push(w.upTo(String(r.max_kwh)))
  return parts
}

function component(c: PriceComponent, currency: string, lang: Language): string {
  return `${shownPrice(c.price, c.vat, currency)} ${words[lang][c.type]}`
}

/**
 * The tariff in words for the driver page and the connector's QR page: its alt text in the driver's
 * language, then one line per element with its prices and when it applies, the idle fee, and the
 * minimum and maximum price. Restrictions other than days, times and kWh are left to the alt text.
 *
 * @example
 * tariffWords(tariff, 'sv').lines // ['mån–fre 07:00–22:00: 3.75 SEK per kWh', '2.50 SEK per kWh', …]
 */
export function tariffWords(tariff: Tariff, lang: Language): TariffWords {
  const w = words[lang]
  const alt = tariff.tariff_alt_text ?? []
  const text = (alt.find((t) => t.language === lang) ?? alt.find((t) => t.language === 'en') ?? alt[0])?.text
  const lines = tariff.elements.map((e) => {
    const prices = e.price_components.map((c) => component(c, tariff.currency, lang)).join(', ')
    const at = when(e.restrictions, lang)
    return at.length ? `${at.join(' ')}: ${prices}` : prices
  })
  const idle = tariff.idle_fee
  if (idle) {
    const price = shownPrice(idle.price, idle.vat, tariff.currency)
    const max =
      idle.max_excl_vat === undefined
        ? ''
        : `, ${w.cap(shownPrice(idle.max_excl_vat, idle.vat, tariff.currency))}`
    lines.push(`${w.idle(price, idle.grace_minutes)}${max}`)
  }
  const money = (p: { excl_vat: Amount; incl_vat?: Amount | undefined }) =>
    `${dec(String(p.incl_vat ?? p.excl_vat)).toFixed(2)} ${tariff.currency}`
  if (tariff.min_price) lines.push(w.min(money(tariff.min_price)))
  if (tariff.max_price) lines.push(w.max(money(tariff.max_price)))
  lines.push(w.inclVat)
  return { text: text ?? null, lines }
}
