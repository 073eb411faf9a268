/** One meter reading of a session, with the charger's own timestamp. */
export interface MeterReading {
  /** The charger's timestamp (ms), never the server's clock. */
  at: number
  /** Energy delivered since the session started (Wh, the register minus its value at the start). */
  wh: number
  /** Current summed over the phases (A), when the charger reports it. */
  currentA?: number
}

/** A stretch in which the car stays plugged in without charging (full, or its own timer). */
export interface ParkedStretch {
  from: number
  /** Open while the car is still parked: up to the session's end. */
  to: number | null
}

/**
 * A charging session as the pricing engine sees it, all in the charger's time: from the start of the
 * transaction to its end (or, for the running cost, to the latest reading), the meter readings, and
 * the stretches the car was parked without charging (PARKING_TIME rather than TIME).
 */
export interface MeteredSession {
  start: number
  end: number
  readings: readonly MeterReading[]
  parked: readonly ParkedStretch[]
}

/** A stretch of a session in which nothing a tariff can see changes. */
export interface Stretch {
  from: number
  to: number
  /** Energy delivered in the stretch (mWh). */
  energyMWh: number
  /** Energy delivered before it (mWh). */
  energyBeforeMWh: number
  powerW: number
  currentA: number
  parked: boolean
}

interface Point {
  at: number
  mwh: number
  currentA: number | undefined
}

/** Phase voltage used to estimate current from power where the charger sends no current. */
const NOMINAL_V = 230

/**
 * The points energy is known at: 0 at the start, each reading inside the session (a register that
 * goes backwards is held at its highest value: energy is never negative), the last value at the end.
 * Energy is whole mWh: a reading's Wh are rounded to the nearest mWh.
 */
function pointsOf(s: MeteredSession): Point[] {
  const points: Point[] = [{ at: s.start, mwh: 0, currentA: undefined }]
  let high = 0
  const readings = [...s.readings].sort((a, b) => a.at - b.at)
  for (const r of readings) {
    const mwh = Math.max(high, Math.round(r.wh * 1000))
    high = mwh
    if (r.at <= s.start) {
      points[0] = { at: s.start, mwh, currentA: r.currentA }
      continue
    }
    if (r.at > s.end) break
    const last = points[points.length - 1] as Point
    if (r.at === last.at) points[points.length - 1] = { at: r.at, mwh, currentA: r.currentA }
    else points.push({ at: r.at, mwh, currentA: r.currentA })
  }
  const last = points[points.length - 1] as Point
  if (last.at < s.end) points.push({ at: s.end, mwh: last.mwh, currentA: 0 })
  return points
}

/** `a × b ÷ c` rounded down (or up), exactly, for non-negative integers. */
function mulDiv(a: number, b: number, c: number, up: boolean): number {
  const p = a * b
  if (Number.isSafeInteger(p)) return up ? Math.ceil(p / c) : Math.floor(p / c)
  const big = BigInt(a) * BigInt(b)
  const q = big / BigInt(c)
  return Number(up && q * BigInt(c) !== big ? q + 1n : q)
}

/**
 * The session cut into stretches at every reading, parking change and boundary a tariff can switch
 * at: `times` (instants: wall-clock boundaries, session durations) and `energies` (mWh levels: a
 * stretch starts at the first millisecond the level is reached). Energy within a meter interval is
 * spread evenly over its time, in whole mWh (rounded down at each cut, so the stretches sum exactly
 * to the readings).
 */
export function stretchesOf(
  s: MeteredSession,
  times: readonly number[],
  energies: readonly number[],
): Stretch[] {
  const points = pointsOf(s)
  const cuts = new Set<number>([s.start, s.end])
  for (const p of points) cuts.add(p.at)
  for (const t of times) if (t > s.start && t < s.end) cuts.add(t)
  for (const p of s.parked) {
    if (p.from > s.start && p.from < s.end) cuts.add(p.from)
    if (p.to !== null && p.to > s.start && p.to < s.end) cuts.add(p.to)
  }
  for (const e of energies) {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1] as Point
      const b = points[i] as Point
      if (a.mwh < e && e <= b.mwh) {
        cuts.add(a.at + mulDiv(e - a.mwh, b.at - a.at, b.mwh - a.mwh, true))
        break
      }
    }
  }
  const sorted = [...cuts].sort((x, y) => x - y)
  const out: Stretch[] = []
  let i = 1
  const energyAt = (t: number, a: Point, b: Point) =>
    t >= b.at ? b.mwh : a.mwh + mulDiv(b.mwh - a.mwh, t - a.at, b.at - a.at, false)
  for (let k = 1; k < sorted.length; k++) {
    const from = sorted[k - 1] as number
    const to = sorted[k] as number
    while (i < points.length - 1 && (points[i] as Point).at <= from) i++
    const a = points[i - 1] as Point
    const b = points[i] as Point
    const before = energyAt(from, a, b)
    const energy = energyAt(to, a, b) - before
    const span = b.at - a.at
    const powerW = span > 0 ? ((b.mwh - a.mwh) / span) * 3600 : 0
    out.push({
      from,
      to,
      energyMWh: energy,
      energyBeforeMWh: before,
      powerW,
      currentA: b.currentA ?? powerW / NOMINAL_V,
      parked: s.parked.some((p) => p.from <= from && (p.to === null || from < p.to)),
    })
  }
  return out
}
