import { type Decimal, dec, sum } from './decimal'
import type { PricedLine, PricedSession } from './price-session'
import { type RoundingPolicy, roundAmount } from './rounding'
import type { Tariff, TariffDimension } from './tariff'

/** OCPI volumes are numbers with 4 decimals: kWh and hours are rounded half up to that for the CDR. */
const VOLUME_DECIMALS = 4
const HOUR_MS = 3_600_000

/** An OCPI Price as it is sent: numbers, rounded as billed. */
export interface OcpiPrice {
  excl_vat: number
  incl_vat?: number
}

/** The priced parts of an OCPI 2.2.1 CDR (the token, location and ids are the session's). */
export interface CdrPricing {
  currency: string
  tariffs: Tariff[]
  charging_periods: {
    start_date_time: string
    dimensions: { type: 'ENERGY' | 'TIME' | 'PARKING_TIME'; volume: number }[]
    tariff_id: string
  }[]
  total_cost: OcpiPrice
  total_fixed_cost?: OcpiPrice
  total_energy: number
  total_energy_cost?: OcpiPrice
  total_time: number
  total_time_cost?: OcpiPrice
  total_parking_time?: number
  total_parking_cost?: OcpiPrice
}

const volume = (d: Decimal) => d.toDecimalPlaces(VOLUME_DECIMALS).toNumber()

/**
 * The CDR's pricing from a priced session: the tariff as it was, one charging period per period, and
 * the totals. `total_cost` is exactly what is billed (`priced.billed`); each dimension's cost is its
 * lines' exact sum rounded by the same policy (so under `level: 'total'` they need not add up to the
 * total to the öre; under `component` they do). Dimension costs are left out where nothing was billed
 * for that dimension, as OCPI's optional fields allow. `total_time` is the whole session (charging and
 * parked), as OCPI defines it; a time charging is in its periods.
 */
export function cdrPricing(tariff: Tariff, priced: PricedSession, rounding: RoundingPolicy): CdrPricing {
  const price = (lines: readonly PricedLine[]): OcpiPrice | undefined => {
    if (lines.length === 0) return undefined
    const r = (d: Decimal) => roundAmount(d, rounding)
    const excl =
      rounding.level === 'component'
        ? sum(lines.map((l) => r(l.exclVat)))
        : r(sum(lines.map((l) => l.exclVat)))
    const vatKnown = lines.every((l) => l.vat !== null)
    const incl = !vatKnown
      ? null
      : rounding.level === 'component'
        ? sum(lines.map((l) => r(l.exclVat).plus(r(l.vat as Decimal))))
        : r(sum(lines.map((l) => l.exclVat.plus(l.vat as Decimal))))
    return incl === null
      ? { excl_vat: excl.toNumber() }
      : { excl_vat: excl.toNumber(), incl_vat: incl.toNumber() }
  }
  const of = (d: TariffDimension) => price(priced.lines.filter((l) => l.dimension === d))
  const totalMs = priced.chargingMs + priced.parkingMs
  const pricing: CdrPricing = {
    currency: priced.currency,
    tariffs: [tariff],
    charging_periods: priced.periods.map((p) => ({
      start_date_time: new Date(p.startDateTime).toISOString(),
      dimensions: [
        ...(p.energyMWh > 0
          ? [{ type: 'ENERGY' as const, volume: volume(dec(p.energyMWh).div(1_000_000)) }]
          : []),
        ...(p.chargingMs > 0
          ? [{ type: 'TIME' as const, volume: volume(dec(p.chargingMs).div(HOUR_MS)) }]
          : []),
        ...(p.parkingMs > 0
          ? [{ type: 'PARKING_TIME' as const, volume: volume(dec(p.parkingMs).div(HOUR_MS)) }]
          : []),
      ],
      tariff_id: tariff.id,
    })),
    total_cost:
      priced.billed.inclVat === null
        ? { excl_vat: priced.billed.exclVat.toNumber() }
        : { excl_vat: priced.billed.exclVat.toNumber(), incl_vat: priced.billed.inclVat.toNumber() },
    total_energy: volume(priced.totalEnergyWh.div(1000)),
    total_time: volume(dec(totalMs).div(HOUR_MS)),
  }
  const fixed = of('FLAT')
  const energy = of('ENERGY')
  const time = of('TIME')
  const parking = of('PARKING_TIME')
  if (fixed) pricing.total_fixed_cost = fixed
  if (energy) pricing.total_energy_cost = energy
  if (time) pricing.total_time_cost = time
  if (priced.parkingMs > 0) pricing.total_parking_time = volume(dec(priced.parkingMs).div(HOUR_MS))
  if (parking) pricing.total_parking_cost = parking
  return pricing
}
