import { Decimal, dec } from './decimal'
import { LocalClock } from './local-clock'
import type { Amount, Tariff, TariffElement } from './tariff'

/** One slot of a spot-price series (e.g. Nord Pool SE3): its instant span and price per kWh excl. VAT. */
export interface SpotSlot {
  from: number
  to: number
  /** Price per kWh excl. VAT, as decimal text (e.g. `'0.8731'`). */
  pricePerKwh: string
}

/** How a tariff follows the spot price: the price is the slot's plus a markup; a missing slot costs the fallback. */
export interface SpotPricing {
  /** Added to every slot's price per kWh (excl. VAT). */
  markupPerKwh: Amount
  /** Price per kWh (excl. VAT, markup included) where the series has no slot. */
  fallbackPerKwh: Amount
  vat?: Amount
  step_size: number
}

const DAY_MS = 86_400_000

/**
 * The OCPI tariff a spot-priced session is priced under (and that its CDR keeps): `base`'s elements with,
 * ahead of them, one ENERGY element per slot overlapping `[from, to)` restricted to its local date and
 * time (price = slot + markup, at most 4 decimals, rounded half up, and never below 0: a negative spot
 * price lowers the driver's price to nothing, it does not pay them; OCPI prices are non-negative), and a fallback ENERGY element
 * after them. Slots must fall on whole local minutes (hours or quarters, as the market publishes).
 * In the hour the clocks repeat in autumn both slots map to the same local times, so the first one's
 * price applies to both: a limit of OCPI's local-time restrictions, stated here and in the README.
 */
export function spotPriced(
  base: Tariff,
  spot: SpotPricing,
  slots: readonly SpotSlot[],
  span: { from: number; to: number },
  timeZone: string,
): Tariff {
  const clock = LocalClock.of(timeZone)
  const markup = dec(spot.markupPerKwh)
  const energy = (price: Amount): TariffElement['price_components'][number] => ({
    type: 'ENERGY',
    price,
    ...(spot.vat === undefined ? {} : { vat: spot.vat }),
    step_size: spot.step_size,
  })
  const slotElements: TariffElement[] = []
  for (const slot of [...slots].sort((a, b) => a.from - b.from)) {
    if (slot.to <= span.from || slot.from >= span.to || slot.to - slot.from > DAY_MS) continue
    const from = clock.at(slot.from)
    // The end as the wall clock of the slot's start reads it: the quarter before the autumn change
    // (02:45 summer time) ends at 03:00, not at the 02:00 winter time its end instant reads.
    const endMinute = (from.minuteOfDay + (slot.to - slot.from) / 60_000) % 1440
    const price = Decimal.max(0, dec(slot.pricePerKwh).plus(markup).toDecimalPlaces(4)).toString()
    slotElements.push({
      price_components: [energy(price)],
      restrictions: {
        start_date: from.date,
        end_date: nextDay(from.date),
        start_time: hhmm(from.minuteOfDay),
        end_time: hhmm(endMinute),
      },
    })
  }
  return {
    ...base,
    elements: [...slotElements, ...base.elements, { price_components: [energy(spot.fallbackPerKwh)] }],
  }
}

function hhmm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}
