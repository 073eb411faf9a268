import { type ConstraintSet, rowMagnitudes } from '../../../src/domain/power/constraint-set'
import type { AcnSession } from './acn-data'
import { ACN_VOLTAGE } from './caltech-network'

/** Length of one period in minutes (the README's 5-minute periods). */
export const PERIOD_MIN = 5
const HOURS = PERIOD_MIN / 60

/** What a scheduler sees of a plugged-in, not yet full EV (acnportal's SessionInfo). */
export interface ActiveEv {
  readonly station: number
  readonly arrival: number
  readonly estimatedDeparture: number
  readonly requestedKwh: number
  readonly remainingKwh: number
  readonly maxPowerKw: number
}

/** Decides the pilot (A) of every station for the current period; index = station index. */
export type AcnScheduler = (period: number, active: readonly ActiveEv[]) => ArrayLike<number>

/** Outcome of one simulated month. */
export interface AcnResult {
  readonly requestedKwh: number
  readonly deliveredKwh: number
  readonly deliveredPct: number
  readonly peakKw: number
  /** Largest amount (A) by which actual currents exceeded any row limit in any period. */
  readonly maxViolationA: number
  /** Largest amount (kWh) by which a session received more than it requested. */
  readonly maxOverDeliveryKwh: number
  readonly schedulerMs: number
  /** Energy by session id (kWh): what was delivered, for conservation checks and comparisons. */
  readonly deliveredBySession: ReadonlyMap<string, number>
  /** Energy integrated from the per-period charging rates (kWh); equals `deliveredKwh` if nothing leaks. */
  readonly energyFromRatesKwh: number
}

interface Plugged {
  readonly session: AcnSession
  deliveredKwh: number
  batteryKwh: number
}

/**
 * ACN-Sim's loop with ideal batteries and continuous EVSEs: each period, unplug departures, plug in
 * arrivals, run the scheduler, then charge every EV at `min(pilot·V, battery max, energy to full)`.
 */
export function simulateAcn(
  sessions: readonly AcnSession[],
  stationIds: readonly string[],
  set: ConstraintSet,
  scheduler: AcnScheduler,
  clock: () => number = () => 0,
): AcnResult {
  const stationIndex = new Map(stationIds.map((id, i) => [id, i]))
  const byArrival = [...sessions].sort((a, b) => a.arrival - b.arrival)
  const last = Math.max(...sessions.map((s) => s.departure))
  const plugged: (Plugged | undefined)[] = new Array(stationIds.length).fill(undefined)
  const done: Plugged[] = []
  const rates = new Float64Array(stationIds.length)
  let next = 0
  let peakKw = 0
  let energyFromRatesKwh = 0
  let maxViolationA = 0
  let schedulerMs = 0
  for (let t = 0; t <= last; t++) {
    unplugDepartures(plugged, done, t)
    next = plugArrivals(byArrival, next, t, plugged, stationIndex)
    const active = activeEvs(plugged)
    const started = clock()
    const pilots = active.length > 0 ? scheduler(t, active) : undefined
    schedulerMs += clock() - started
    rates.fill(0)
    plugged.forEach((ev, i) => {
      if (ev) rates[i] = chargeOnePeriod(ev, pilots ? (pilots[i] ?? 0) : 0)
    })
    const totalKw = (rates.reduce((a, b) => a + b, 0) * ACN_VOLTAGE) / 1000
    peakKw = Math.max(peakKw, totalKw)
    energyFromRatesKwh += totalKw * HOURS
    maxViolationA = Math.max(maxViolationA, worstViolation(set, rates))
  }
  for (const ev of plugged) if (ev) done.push(ev)
  return { ...summarize(done, peakKw, maxViolationA, schedulerMs), energyFromRatesKwh }
}

function unplugDepartures(plugged: (Plugged | undefined)[], done: Plugged[], t: number): void {
  plugged.forEach((ev, i) => {
    if (ev && ev.session.departure <= t) {
      done.push(ev)
      plugged[i] = undefined
    }
  })
}

function plugArrivals(
  byArrival: readonly AcnSession[],
  from: number,
  t: number,
  plugged: (Plugged | undefined)[],
  stationIndex: ReadonlyMap<string, number>,
): number {
  let next = from
  while (next < byArrival.length && byArrival[next]!.arrival <= t) {
    const session = byArrival[next++]!
    const i = stationIndex.get(session.station)
    if (i === undefined) throw new Error(`station ${session.station} not in network`)
    if (plugged[i]) throw new Error(`station ${session.station} occupied at ${t}`)
    plugged[i] = { session, deliveredKwh: 0, batteryKwh: 0 }
  }
  return next
}

function activeEvs(plugged: readonly (Plugged | undefined)[]): ActiveEv[] {
  const active: ActiveEv[] = []
  plugged.forEach((ev, station) => {
    if (!ev || !(ev.session.requestedKwh - ev.deliveredKwh > 1e-3)) return
    active.push({
      station,
      arrival: ev.session.arrival,
      estimatedDeparture: ev.session.estimatedDeparture,
      requestedKwh: ev.session.requestedKwh,
      remainingKwh: ev.session.requestedKwh - ev.deliveredKwh,
      maxPowerKw: ev.session.maxPowerKw,
    })
  })
  return active
}

/** acnportal's ideal `Battery.charge` and `EV.charge`; returns the actual current (A). */
function chargeOnePeriod(ev: Plugged, pilot: number): number {
  const rateToFull = (ev.session.requestedKwh - ev.batteryKwh) / HOURS
  const powerKw = Math.min((pilot * ACN_VOLTAGE) / 1000, ev.session.maxPowerKw, rateToFull)
  ev.batteryKwh += powerKw * HOURS
  const amps = (powerKw * 1000) / ACN_VOLTAGE
  ev.deliveredKwh += ((amps * ACN_VOLTAGE) / 1000) * HOURS
  return amps
}

function worstViolation(set: ConstraintSet, rates: Float64Array): number {
  const magnitudes = rowMagnitudes(set, rates)
  let worst = 0
  magnitudes.forEach((m, i) => {
    worst = Math.max(worst, m - set.limits[i]!)
  })
  return worst
}

function summarize(
  done: readonly Plugged[],
  peakKw: number,
  maxViolationA: number,
  ms: number,
): Omit<AcnResult, 'energyFromRatesKwh'> {
  const requestedKwh = done.reduce((a, ev) => a + ev.session.requestedKwh, 0)
  const deliveredKwh = done.reduce((a, ev) => a + ev.deliveredKwh, 0)
  const maxOverDeliveryKwh = done.reduce((a, ev) => Math.max(a, ev.deliveredKwh - ev.session.requestedKwh), 0)
  return {
    requestedKwh,
    deliveredKwh,
    deliveredPct: (100 * deliveredKwh) / requestedKwh,
    peakKw,
    maxViolationA,
    maxOverDeliveryKwh,
    schedulerMs: ms,
    deliveredBySession: new Map(done.map((ev) => [ev.session.id, ev.deliveredKwh])),
  }
}
