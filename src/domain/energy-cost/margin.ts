import { type Decimal, dec, sum, ZERO } from '../tariffs/decimal'
import type { SpotSlot } from '../tariffs/spot-price'

/** Where a site's energy price comes from: a fixed price per kWh, or a spot-price series' slots. */
export type EnergySource = { kind: 'fixed'; pricePerKwh: string } | { kind: 'spot'; seriesId: string }

/** What a site's property pays for energy, excl. VAT in `currency`: the energy, the grid's energy fee and its monthly effect fee. */
export interface GridTariff {
  currency: string
  energy: EnergySource
  /** The grid company's fee per kWh transferred. */
  energyFeePerKwh: string
  /** The grid company's monthly fee per kW of the month's peak. */
  effectFeePerKw: string
}

/** One minute of the charging's power as the site loop recorded it (minutes since the epoch, kW). */
export interface ChargingMinute {
  minute: number
  evKw: number
}

/** What a month's energy margin is computed from. */
export interface MarginInput {
  tariff: GridTariff
  minutes: readonly ChargingMinute[]
  /** The month's highest hourly mean of charging power (kW). */
  peakKw: number
  /** The spot slots covering the month (a `spot` tariff); ignored for `fixed`. */
  slots: readonly SpotSlot[]
  /** What the drivers paid: each CDR's total excl. VAT in the tariff's currency (credit CDRs negative). */
  cdrTotals: readonly string[]
}

/** A month's energy cost against what the drivers paid, as decimal text in the tariff's currency. */
export interface EnergyMargin {
  currency: string
  /** The charging energy (kWh, to the Wh). */
  energyKwh: string
  /** Energy the spot series had no price for (kWh, to the Wh): not in `energyCost`. */
  unpricedKwh: string
  /** The peak the effect fee is billed on (kW, to 0.01). */
  peakKw: string
  energyCost: string
  energyFee: string
  effectFee: string
  /** The three lines added. */
  cost: string
  revenue: string
  /** `revenue` − `cost`. */
  margin: string
  sessions: number
}

/** Money is rounded to the öre/cent, half up, once per line. */
const money = (d: Decimal) => d.toDecimalPlaces(2)
/** Money as text with two decimals, or all of its own where it has more (a CDR total under a finer rounding). */
const moneyText = (d: Decimal) => (d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toString())

/**
 * A month's energy margin of a site (pure, exact decimals). The charging energy is the loop's
 * recorded minutes: each minute's mean power (its float taken at its shortest decimal text) × 1/60 h,
 * summed exactly. The energy is priced per minute at the fixed price or at the spot slot holding the
 * minute's start; minutes no slot holds are reported as `unpricedKwh` and cost nothing here. The grid
 * fee is per kWh of all the energy; the effect fee is per kW of the month's highest hourly mean of the
 * charging power, rounded to 0.01 kW half up first (the charging's own peak, not the building's).
 * Each of the three lines is rounded to 2 decimals half up, and the cost is their sum, so the lines add
 * up on a page; the revenue is the CDRs' totals as billed (already rounded), added exactly. The energy
 * shown is rounded to the Wh for display only (the fees are on the exact sum).
 *
 * @example energyMargin({ tariff: { currency: 'SEK', energy: { kind: 'fixed', pricePerKwh: '1.20' }, energyFeePerKwh: '0.30', effectFeePerKw: '50' }, minutes: [{ minute: 0, evKw: 60 }], peakKw: 1, slots: [], cdrTotals: ['5.00'] })
 * // energyKwh '1.000', energyCost '1.20', energyFee '0.30', effectFee '50.00', cost '51.50', margin '-46.50'
 */
export function energyMargin(input: MarginInput): EnergyMargin {
  const { tariff } = input
  const priceAt = pricer(tariff.energy, input.slots)
  let kwMinutes = ZERO
  let unpricedKwMinutes = ZERO
  let pricedKwMinutes = ZERO
  for (const m of input.minutes) {
    const kw = dec(m.evKw)
    kwMinutes = kwMinutes.plus(kw)
    const price = priceAt(m.minute * 60_000)
    if (price === undefined) unpricedKwMinutes = unpricedKwMinutes.plus(kw)
    else pricedKwMinutes = pricedKwMinutes.plus(kw.times(price))
  }
  const energyKwh = kwMinutes.dividedBy(60)
  const peakKw = dec(input.peakKw).toDecimalPlaces(2)
  const energyCost = money(pricedKwMinutes.dividedBy(60))
  const energyFee = money(energyKwh.times(dec(tariff.energyFeePerKwh)))
  const effectFee = money(peakKw.times(dec(tariff.effectFeePerKw)))
  const cost = energyCost.plus(energyFee).plus(effectFee)
  const revenue = sum(input.cdrTotals.map(dec))
  return {
    currency: tariff.currency,
    energyKwh: energyKwh.toFixed(3),
    unpricedKwh: unpricedKwMinutes.dividedBy(60).toFixed(3),
    peakKw: peakKw.toFixed(2),
    energyCost: moneyText(energyCost),
    energyFee: moneyText(energyFee),
    effectFee: moneyText(effectFee),
    cost: moneyText(cost),
    revenue: moneyText(revenue),
    margin: moneyText(revenue.minus(cost)),
    sessions: input.cdrTotals.length,
  }
}

/** The energy price per kWh at an instant: the fixed price, or the price of the spot slot holding it. */
function pricer(source: EnergySource, slots: readonly SpotSlot[]): (at: number) => Decimal | undefined {
  if (source.kind === 'fixed') {
    const price = dec(source.pricePerKwh)
    return () => price
  }
  const sorted = [...slots].sort((a, b) => a.from - b.from).map((s) => ({ ...s, price: dec(s.pricePerKwh) }))
  return (at) => {
    let lo = 0
    let hi = sorted.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = sorted[mid]!
      if (at < s.from) hi = mid - 1
      else if (at >= s.to) lo = mid + 1
      else return s.price
    }
    return undefined
  }
}
