import { type Decimal, dec, sum, ZERO } from './decimal'
import { LocalClock, type LocalMoment } from './local-clock'
import { type MeteredSession, type Stretch, stretchesOf } from './metered-session'
import { type CompiledRestrictions, compileRestrictions, type RestrictionContext } from './restrictions'
import { DEFAULT_ROUNDING, type RoundingPolicy, roundAmount } from './rounding'
import type { IdleFee, Price, Tariff, TariffDimension } from './tariff'

/** A priced dimension of one tariff element: what was used, what is billed and what it costs. */
export interface PricedLine {
  dimension: TariffDimension
  /** Index of the tariff element in `elements` (0-based); null for the idle fee. */
  element: number | null
  /** The element's restrictions in words: why it applied. */
  why: string
  /** Used: Wh for ENERGY, seconds for TIME and PARKING_TIME, 1 for FLAT. */
  used: Decimal
  /** Billed, after `step_size` (only the session's last line of a dimension is rounded up). */
  billed: Decimal
  /** Price per kWh, per hour, or the flat fee (excl. VAT). */
  unitPrice: Decimal
  /** VAT percentage; null when the tariff gives none. */
  vatPercent: Decimal | null
  exclVat: Decimal
  /** VAT amount; null when the tariff gives no VAT for it. */
  vat: Decimal | null
}

/**
 * An OCPI ChargingPeriod: from its start until the next one, with its volumes in exact units (mWh and
 * ms; OCPI's kWh and hours are derived when a CDR is written).
 */
export interface ChargingPeriod {
  startDateTime: number
  energyMWh: number
  chargingMs: number
  parkingMs: number
  /** The elements that priced it, by dimension (for the explanation). */
  elements: Partial<Record<TariffDimension, number>>
}

/** The session's price: exact, and as billed under the rounding policy. */
export interface PricedSession {
  currency: string
  periods: ChargingPeriod[]
  lines: PricedLine[]
  /** The min/max price correction, when one applied (exact; added to the lines' sum). */
  adjustment: { reason: 'min_price' | 'max_price'; exclVat: Decimal; inclVat: Decimal | null } | null
  /** Volumes: energy delivered (Wh, exact), time charging and parked (ms). */
  totalEnergyWh: Decimal
  chargingMs: number
  parkingMs: number
  /** Cost per dimension (exact, excl. VAT). */
  cost: Record<TariffDimension, Decimal>
  /** The exact total, after min/max price. `inclVat` is null when a billed line has no VAT rate. */
  exact: { exclVat: Decimal; inclVat: Decimal | null }
  /** What is billed: rounded per the policy. `vat` = incl − excl. */
  billed: { exclVat: Decimal; vat: Decimal | null; inclVat: Decimal | null }
}

interface CompiledComponent {
  price: Decimal
  vat: Decimal | null
  step: number
}

interface CompiledElement {
  index: number
  restrictions: CompiledRestrictions
  components: Partial<Record<TariffDimension, CompiledComponent>>
}

const KWH_MWH = 1_000_000
/** Wall-clock boundaries are generated for at most this many days of one session. */
const MAX_SESSION_DAYS = 400
const HOUR_MS = 3_600_000

function compile(tariff: Tariff): CompiledElement[] {
  return tariff.elements.map((e, index) => {
    const components: Partial<Record<TariffDimension, CompiledComponent>> = {}
    for (const c of e.price_components)
      components[c.type] ??= {
        price: dec(c.price),
        vat: c.vat === undefined ? null : dec(c.vat),
        step: Math.max(1, c.step_size),
      }
    return { index, restrictions: compileRestrictions(e.restrictions), components }
  })
}

/** Local-midnight and restriction-time instants in the session's span (DST-aware, in the site's zone). */
function wallBoundaries(elements: CompiledElement[], s: MeteredSession, clock: LocalClock): number[] {
  const minutes = new Set<number>()
  for (const e of elements) for (const m of e.restrictions.minutes) minutes.add(m)
  if (minutes.size === 0) return []
  const out: number[] = []
  const first = clock.at(s.start).date
  const [y, mo, d] = first.split('-').map(Number) as [number, number, number]
  for (let day = -1; day < MAX_SESSION_DAYS; day++) {
    const midnight = clock.instantOf({ year: y, month: mo, day: d + day, hour: 0, minute: 0 })
    if (midnight > s.end) break
    for (const m of minutes)
      out.push(
        clock.instantOf({ year: y, month: mo, day: d + day, hour: Math.floor(m / 60), minute: m % 60 }),
      )
  }
  return out
}

/** The first element (in tariff order) that prices `dimension` and whose restrictions hold. */
function pick(elements: CompiledElement[], dimension: TariffDimension, ctx: RestrictionContext) {
  for (const e of elements)
    if (e.components[dimension] && !e.restrictions.reservation && e.restrictions.test(ctx)) return e
  return undefined
}

interface Bucket {
  dimension: TariffDimension
  element: CompiledElement
  /** mWh for ENERGY, ms for the times, 1 for FLAT. */
  used: number
}

/**
 * Prices a session under an OCPI 2.2.1 tariff, from the charger's meter readings and timestamps.
 *
 * - Each stretch of the session is priced, per dimension, by the first element whose restrictions hold
 *   at its start (OCPI's rule); ENERGY by the kWh delivered, TIME by the time charging, PARKING_TIME by
 *   the time parked without charging, FLAT once per session (the first element with a FLAT that holds).
 * - `step_size` counts once per session for ENERGY and once for TIME and PARKING_TIME together: the
 *   session's total of the last priced time dimension is rounded up (parking if the session ended
 *   parked and parking is priced, else charging time), and so is its total energy, each by the step of
 *   the last element used; the extra is billed at that element's price (mod_cdrs "step_size", and the
 *   maintainers' reading in ocpi/ocpi#546).
 * - `min_price` / `max_price` bound the total excl. and incl. VAT.
 * - Reservation elements never price a charging session.
 * - The idle fee (our extension) is a line of its own: parked time beyond each spell's grace.
 *
 * The running cost is this function on the readings so far (with `end` the latest one): the same code
 * gives the final cost, so what the driver watched is what is billed.
 */
export function priceSession(
  tariff: Tariff,
  session: MeteredSession,
  opts: { timeZone: string; rounding?: RoundingPolicy },
): PricedSession {
  const rounding = opts.rounding ?? DEFAULT_ROUNDING
  const elements = compile(tariff)
  const clock = LocalClock.of(opts.timeZone)
  const usesWall = elements.some((e) => e.restrictions.local)
  const times = usesWall ? wallBoundaries(elements, session, clock) : []
  for (const e of elements) for (const ms of e.restrictions.durations) times.push(session.start + ms)
  const energies = elements.flatMap((e) => e.restrictions.energies)
  const stretches = stretchesOf(session, times, energies)

  const buckets = new Map<string, Bucket>()
  const add = (dimension: TariffDimension, element: CompiledElement, used: number) => {
    const key = `${dimension}:${element.index}`
    const b = buckets.get(key)
    if (b) b.used += used
    else buckets.set(key, { dimension, element, used })
  }
  const last: Partial<Record<TariffDimension, CompiledElement>> = {}
  let lastTimeDimension: 'TIME' | 'PARKING_TIME' | undefined
  let flat: CompiledElement | undefined
  const periods: ChargingPeriod[] = []
  let periodKey = ''
  for (const st of stretches) {
    const ctx = contextOf(st, session, clock)
    const energy = st.energyMWh > 0 ? pick(elements, 'ENERGY', ctx) : undefined
    const timeDimension = st.parked ? 'PARKING_TIME' : 'TIME'
    const time = pick(elements, timeDimension, ctx)
    flat ??= pick(elements, 'FLAT', ctx)
    if (energy) {
      add('ENERGY', energy, st.energyMWh)
      last.ENERGY = energy
    }
    if (time) {
      add(timeDimension, time, st.to - st.from)
      last[timeDimension] = time
      lastTimeDimension = timeDimension
    }
    const key = `${st.parked}:${energy?.index}:${time?.index}`
    if (key !== periodKey || periods.length === 0) {
      periodKey = key
      const elementsOf: ChargingPeriod['elements'] = {}
      if (energy) elementsOf.ENERGY = energy.index
      if (time) elementsOf[timeDimension] = time.index
      periods.push({
        startDateTime: st.from,
        energyMWh: 0,
        chargingMs: 0,
        parkingMs: 0,
        elements: elementsOf,
      })
    }
    const period = periods[periods.length - 1] as ChargingPeriod
    period.energyMWh += st.energyMWh
    if (st.parked) period.parkingMs += st.to - st.from
    else period.chargingMs += st.to - st.from
  }
  // A session that has only just begun owes its start fee already.
  if (stretches.length === 0)
    flat = pick(elements, 'FLAT', contextOf(emptyStretch(session.start), session, clock))
  if (flat) add('FLAT', flat, 1)

  const billedExtra = new Map<string, number>()
  /** Rounds a dimension's session total up to its last element's step (`unit`: mWh per Wh, ms per s). */
  const stepUp = (dimension: TariffDimension, unit: number) => {
    const element = last[dimension]
    if (!element) return
    const step = (element.components[dimension] as CompiledComponent).step * unit
    let total = 0
    for (const b of buckets.values()) if (b.dimension === dimension) total += b.used
    const whole = dimension === 'ENERGY' ? total : Math.ceil(total / 1000) * 1000
    billedExtra.set(`${dimension}:${element.index}`, Math.ceil(whole / step) * step - total)
  }
  stepUp('ENERGY', 1000)
  if (lastTimeDimension) stepUp(lastTimeDimension, 1000)

  const lines: PricedLine[] = []
  for (const [key, b] of buckets) {
    const component = b.element.components[b.dimension] as CompiledComponent
    const billedUnits = b.used + (billedExtra.get(key) ?? 0)
    const { used, billed, exclVat } = costOf(b.dimension, component.price, b.used, billedUnits)
    lines.push({
      dimension: b.dimension,
      element: b.element.index,
      why: b.element.restrictions.description,
      used,
      billed,
      unitPrice: component.price,
      vatPercent: component.vat,
      exclVat,
      vat: component.vat === null ? null : exclVat.times(component.vat).div(100),
    })
  }
  const idle = tariff.idle_fee ? idleLine(tariff.idle_fee, stretches) : null
  if (idle) lines.push(idle)
  lines.sort((a, b) => order(a) - order(b))
  return totals(tariff, periods, lines, stretches, rounding)
}

function order(l: PricedLine): number {
  return ['FLAT', 'ENERGY', 'TIME', 'PARKING_TIME'].indexOf(l.dimension) * 1000 + (l.element ?? 999)
}

/** The idle fee's line: parked time beyond each spell's grace, stepped once, capped; null when none is due. */
function idleLine(fee: IdleFee, stretches: readonly Stretch[]): PricedLine | null {
  const grace = fee.grace_minutes * 60_000
  let idleMs = 0
  let spell = 0
  for (const st of stretches) {
    if (!st.parked) {
      spell = 0
      continue
    }
    const ms = st.to - st.from
    idleMs += Math.max(0, spell + ms - Math.max(grace, spell))
    spell += ms
  }
  if (idleMs === 0) return null
  const step = Math.max(1, fee.step_size) * 1000
  const billedMs = Math.ceil((Math.ceil(idleMs / 1000) * 1000) / step) * step
  const price = dec(fee.price)
  const uncapped = price.times(billedMs).div(HOUR_MS)
  const cap = fee.max_excl_vat === undefined ? null : dec(fee.max_excl_vat)
  const exclVat = cap !== null && uncapped.gt(cap) ? cap : uncapped
  const vatPercent = fee.vat === undefined ? null : dec(fee.vat)
  return {
    dimension: 'PARKING_TIME',
    element: null,
    why: `idle fee after ${fee.grace_minutes} min parked${cap === null ? '' : `, at most ${cap.toFixed(2)}`}`,
    used: dec(idleMs).div(1000),
    billed: dec(billedMs).div(1000),
    unitPrice: price,
    vatPercent,
    exclVat,
    vat: vatPercent === null ? null : exclVat.times(vatPercent).div(100),
  }
}

function emptyStretch(at: number): Stretch {
  return { from: at, to: at, energyMWh: 0, energyBeforeMWh: 0, powerW: 0, currentA: 0, parked: false }
}

function contextOf(st: Stretch, s: MeteredSession, clock: LocalClock): RestrictionContext {
  let local: LocalMoment | undefined
  return {
    local: () => {
      local ??= clock.at(st.from)
      return local
    },
    energyMWh: st.energyBeforeMWh,
    durationMs: st.from - s.start,
    powerW: st.parked ? 0 : st.powerW,
    currentA: st.parked ? 0 : st.currentA,
  }
}

/** Used and billed in the line's units (Wh, s, 1) and the cost excl. VAT of what is billed. */
function costOf(dimension: TariffDimension, price: Decimal, used: number, billed: number) {
  if (dimension === 'FLAT') return { used: dec(1), billed: dec(1), exclVat: price }
  if (dimension === 'ENERGY')
    return {
      used: dec(used).div(1000),
      billed: dec(billed).div(1000),
      exclVat: price.times(billed).div(KWH_MWH),
    }
  return {
    used: dec(used).div(1000),
    billed: dec(billed).div(1000),
    exclVat: price.times(billed).div(HOUR_MS),
  }
}

function totals(
  tariff: Tariff,
  periods: ChargingPeriod[],
  lines: PricedLine[],
  stretches: Stretch[],
  rounding: RoundingPolicy,
): PricedSession {
  const cost: Record<TariffDimension, Decimal> = { ENERGY: ZERO, FLAT: ZERO, PARKING_TIME: ZERO, TIME: ZERO }
  for (const l of lines) cost[l.dimension] = cost[l.dimension].plus(l.exclVat)
  const vatKnown = lines.every((l) => l.vat !== null)
  const lineExcl = sum(lines.map((l) => l.exclVat))
  const lineIncl = vatKnown ? sum(lines.map((l) => l.exclVat.plus(l.vat as Decimal))) : null
  const bounded = bound(lineExcl, lineIncl, tariff.min_price, tariff.max_price)
  const adjustment =
    bounded.reason === null
      ? null
      : {
          reason: bounded.reason,
          exclVat: bounded.exclVat.minus(lineExcl),
          inclVat: bounded.inclVat === null || lineIncl === null ? null : bounded.inclVat.minus(lineIncl),
        }
  let excl: Decimal
  let incl: Decimal | null
  if (rounding.level === 'total') {
    excl = roundAmount(bounded.exclVat, rounding)
    incl = bounded.inclVat === null ? null : roundAmount(bounded.inclVat, rounding)
  } else {
    const r = (d: Decimal) => roundAmount(d, rounding)
    excl = sum(lines.map((l) => r(l.exclVat)))
    incl = vatKnown ? sum(lines.map((l) => r(l.exclVat).plus(r(l.vat as Decimal)))) : null
    if (adjustment) {
      excl = excl.plus(r(adjustment.exclVat))
      incl = incl === null || adjustment.inclVat === null ? null : incl.plus(r(adjustment.inclVat))
    }
  }
  const sumOf = (pick: (s: Stretch) => number) => stretches.reduce((a, s) => a + pick(s), 0)
  return {
    currency: tariff.currency,
    periods,
    lines,
    adjustment,
    totalEnergyWh: dec(sumOf((s) => s.energyMWh)).div(1000),
    chargingMs: sumOf((s) => (s.parked ? 0 : s.to - s.from)),
    parkingMs: sumOf((s) => (s.parked ? s.to - s.from : 0)),
    cost,
    exact: { exclVat: bounded.exclVat, inclVat: bounded.inclVat },
    billed: { exclVat: excl, vat: incl === null ? null : incl.minus(excl), inclVat: incl },
  }
}

/**
 * Applies `min_price` and `max_price` to the exact totals. Each bound holds excl. VAT and, where the
 * bound gives it, incl. VAT; where it gives only excl. VAT the incl. total moves in proportion.
 */
function bound(
  excl: Decimal,
  incl: Decimal | null,
  min: Price | undefined,
  max: Price | undefined,
): { exclVat: Decimal; inclVat: Decimal | null; reason: 'min_price' | 'max_price' | null } {
  const apply = (limit: Price, below: boolean) => {
    const e = dec(limit.excl_vat)
    const i = limit.incl_vat === undefined ? null : dec(limit.incl_vat)
    const crosses = (a: Decimal, b: Decimal) => (below ? a.lt(b) : a.gt(b))
    const exclOut = crosses(excl, e) ? e : excl
    let inclOut = incl
    if (incl !== null) {
      if (i !== null) inclOut = crosses(incl, i) ? i : incl
      else if (!exclOut.eq(excl)) inclOut = excl.isZero() ? null : incl.times(exclOut).div(excl)
    }
    return { exclVat: exclOut, inclVat: inclOut, changed: !exclOut.eq(excl) || inclOut !== incl }
  }
  if (min) {
    const r = apply(min, true)
    if (r.changed) return { exclVat: r.exclVat, inclVat: r.inclVat, reason: 'min_price' }
  }
  if (max) {
    const r = apply(max, false)
    if (r.changed) return { exclVat: r.exclVat, inclVat: r.inclVat, reason: 'max_price' }
  }
  return { exclVat: excl, inclVat: incl, reason: null }
}
