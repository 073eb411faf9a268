import { zonedInstant } from '@src/domain/site/time-zone'
import { type Decimal, dec } from './decimal'
import { LocalClock } from './local-clock'
import { compileRestrictions } from './restrictions'
import type { Tariff, TariffRestrictions } from './tariff'

/** One stretch of the week at one energy price: which element gives it, excl. and incl. VAT per kWh. */
export interface WeekPriceStep {
  from: number
  to: number
  /** The element (0-based, in tariff order), or null when no element prices energy then. */
  element: number | null
  exclVat: Decimal | null
  inclVat: Decimal | null
}

const STEP_MS = 15 * 60_000
/** Restrictions that depend on the session (energy, current, power, duration, reservations), not the clock. */
const SESSION_KEYS = [
  'min_kwh',
  'max_kwh',
  'min_current',
  'max_current',
  'min_power',
  'max_power',
  'min_duration',
  'max_duration',
  'reservation',
] as const satisfies readonly (keyof TariffRestrictions)[]

/** True when an element's restrictions read something of the session besides the wall clock. */
export const dependsOnSession = (r: TariffRestrictions | undefined) =>
  r !== undefined && SESSION_KEYS.some((k) => r[k] !== undefined)

/**
 * The energy price per kWh from `from` to `to` (instants; the admin passes a week, local Monday 00:00
 * to the next), in 15-minute steps merged where nothing changes, as OCPI picks it: the first element with an ENERGY
 * component whose time, day and date restrictions hold in `timeZone`. Elements restricted by the session
 * (kWh, current, power, duration, reservation) cannot be drawn on a clock and are passed over.
 *
 * @example weekEnergyPrices(tariff, Date.parse('2026-12-07T00:00+01:00'), Date.parse('2026-12-14T00:00+01:00'), 'Europe/Stockholm')
 */
export function weekEnergyPrices(
  tariff: Tariff,
  from: number,
  to: number,
  timeZone: string,
): WeekPriceStep[] {
  const clock = LocalClock.of(timeZone)
  const candidates = tariff.elements.flatMap((e, index) => {
    const energy = e.price_components.find((c) => c.type === 'ENERGY')
    if (!energy || dependsOnSession(e.restrictions)) return []
    const excl = dec(energy.price)
    const inclVat = energy.vat === undefined ? null : excl.times(dec(energy.vat).div(100).plus(1))
    return [{ index, restrictions: compileRestrictions(e.restrictions), exclVat: excl, inclVat }]
  })
  const steps: WeekPriceStep[] = []
  for (let at = from; at < to; at += STEP_MS) {
    const local = clock.at(at)
    const hit = candidates.find((c) =>
      c.restrictions.test({ local: () => local, energyMWh: 0, durationMs: 0, powerW: 0, currentA: 0 }),
    )
    const last = steps.at(-1)
    if (last && last.element === (hit?.index ?? null)) last.to = at + STEP_MS
    else
      steps.push({
        from: at,
        to: at + STEP_MS,
        element: hit?.index ?? null,
        exclVat: hit?.exclVat ?? null,
        inclVat: hit?.inclVat ?? null,
      })
  }
  return steps
}

/** The local week (Monday 00:00 to the next Monday 00:00 in `timeZone`) that holds instant `now`. */
export function weekOf(now: number, timeZone: string): { from: number; to: number } {
  const local = LocalClock.of(timeZone).at(now)
  const [y, m, d] = local.date.split('-').map(Number) as [number, number, number]
  const monday = new Date(Date.UTC(y, m - 1, d - local.weekday))
  const at = (days: number) => {
    const t = new Date(monday.getTime() + days * 86_400_000)
    return zonedInstant(
      { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: 0, minute: 0 },
      timeZone,
    )
  }
  return { from: at(0), to: at(7) }
}
