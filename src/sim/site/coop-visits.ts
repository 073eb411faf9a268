import type { Rng } from '@src/sim/prng'
import type { DayClock } from './day-clock'
import { tellDeparture } from './departure-told'
import { carOf, NORDIC_FLEET, pickModel } from './fleet'
import type { ScenarioCharger, ScenarioVisit } from './types'

/** The residents' habits in a co-op car park; the defaults are in the README with their sources. */
export interface CoopHabits {
  /** Chance a resident plugs in on a given evening. */
  readonly plugInShare: number
  /** Median energy of a session (kWh) and the log-normal spread. */
  readonly medianSessionKwh: number
  readonly sessionSigma: number
  /** Share of cars on their own (cheap-hours) timer. */
  readonly ownTimerShare: number
  /** Share of cars (and wallboxes) that report ISO 15118 charging needs. */
  readonly reportsNeedsShare: number
  readonly toldShare: number
}

/** The co-op defaults (winter needs more energy: heating the cabin and a cold battery). */
export function coopHabits(season: 'winter' | 'summer'): CoopHabits {
  return {
    plugInShare: 0.55,
    medianSessionKwh: season === 'winter' ? 12 : 9,
    sessionSigma: 0.6,
    ownTimerShare: 0.1,
    reportsNeedsShare: 0.1,
    toldShare: 0.6,
  }
}

/**
 * Two evenings of a co-op: each space has its resident's car, which on each evening plugs in with
 * `plugInShare` chance, mostly after work (around 17:00, σ 1.5 h, some late), and leaves the next
 * morning (around 07:30, σ 1 h; a fifth stay until midday). Each session asks for a log-normal energy,
 * never more than 90 % of the battery; plug-in hybrids ask for most of their small battery. Visits that
 * would not end inside the scenario are left out, so every visit is whole.
 */
export function coopVisits(
  chargers: readonly ScenarioCharger[],
  clock: DayClock,
  durationS: number,
  habits: CoopHabits,
  rng: Rng,
): ScenarioVisit[] {
  const visits: ScenarioVisit[] = []
  for (const charger of chargers) {
    const model = pickModel(rng, NORDIC_FLEET)
    const car = carOf(model, rng)
    const timer = rng.next() < habits.ownTimerShare
    const reportsNeeds = rng.next() < habits.reportsNeedsShare
    let freeFromS = 0
    for (let day = 0; ; day++) {
      const late = rng.next() < 0.15
      const arrivalS = Math.max(freeFromS, clock.at(day, late ? rng.uniform(20, 23.5) : rng.normal(17, 1.5)))
      const stays = rng.next() < 0.2
      const departureS = clock.at(day + 1, stays ? rng.uniform(10, 14) : rng.normal(7.5, 1))
      if (departureS >= durationS) break
      freeFromS = departureS + 600
      if (rng.next() >= habits.plugInShare || arrivalS < 0 || departureS - arrivalS < 1800) continue
      const wantKwh = model.phev
        ? model.batteryKwh * rng.uniform(0.6, 0.95)
        : Math.exp(rng.normal(Math.log(habits.medianSessionKwh), habits.sessionSigma))
      const needWh = Math.round(Math.min(wantKwh, model.batteryKwh * 0.9) * 1000)
      const ownTimerFromS = timer ? clock.at(day, rng.pick([22, 23, 1 + 24])) : undefined
      visits.push({
        id: `${charger.id}-v${day}`,
        chargerId: charger.id,
        arrivalS: Math.round(arrivalS),
        departureS,
        told: tellDeparture(rng, departureS, { toldShare: habits.toldShare, errorSdS: 900 }),
        needWh,
        ...(reportsNeeds ? { reportsNeeds: true } : {}),
        car: ownTimerFromS === undefined ? car : { ...car, ownTimerFromS },
      })
    }
  }
  return visits.sort((a, b) => a.arrivalS - b.arrivalS || a.chargerId.localeCompare(b.chargerId))
}
