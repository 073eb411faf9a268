import type { Rng } from '@src/sim/prng'
import type { DayClock } from './day-clock'
import { tellDeparture } from './departure-told'
import { carOf, NORDIC_FLEET, pickModel } from './fleet'
import type { ScenarioCharger, ScenarioVisit } from './types'

const TELLING = { toldShare: 0.5, errorSdS: 1200 }

/** When a visitor space's two visitors may come (hours), and their longest stays; they never overlap. */
const VISITOR_SLOTS = [
  { fromH: 9, toH: 10.5, longestH: 2.5 },
  { fromH: 13, toH: 15, longestH: 3 },
] as const

/**
 * A working day at an office car park: four spaces in five are a commuter's, who arrives between 07:00
 * and 09:30, leaves between 15:30 and 17:30 and asks for a round trip or two (log-normal, median
 * 10 kWh); the rest are visitor spaces, each used by up to two visitors for 1–3 h (one in the
 * morning, one after lunch) who ask for a fifth to a half of their battery. Half the drivers tell their
 * departure, ± 20 min.
 */
export function officeVisits(
  chargers: readonly ScenarioCharger[],
  clock: DayClock,
  day: number,
  rng: Rng,
): ScenarioVisit[] {
  const visits: ScenarioVisit[] = []
  for (const charger of chargers) {
    if (rng.next() < 0.8) {
      const model = pickModel(rng, NORDIC_FLEET)
      const departureS = clock.at(day, rng.uniform(15.5, 17.5))
      const kwh = model.phev ? model.batteryKwh * 0.8 : Math.exp(rng.normal(Math.log(10), 0.5))
      visits.push({
        id: `${charger.id}-commuter`,
        chargerId: charger.id,
        arrivalS: clock.at(day, rng.uniform(7, 9.5)),
        departureS,
        told: tellDeparture(rng, departureS, TELLING),
        needWh: Math.round(Math.min(kwh, model.batteryKwh * 0.9) * 1000),
        car: carOf(model, rng),
      })
      continue
    }
    for (const [i, slot] of VISITOR_SLOTS.entries()) {
      if (rng.next() < 0.3) continue
      const model = pickModel(rng, NORDIC_FLEET)
      const arrivalS = clock.at(day, rng.uniform(slot.fromH, slot.toH))
      const departureS = arrivalS + Math.round(rng.uniform(3600, slot.longestH * 3600))
      visits.push({
        id: `${charger.id}-visitor${i + 1}`,
        chargerId: charger.id,
        arrivalS,
        departureS,
        told: tellDeparture(rng, departureS, TELLING),
        needWh: Math.round(model.batteryKwh * rng.uniform(0.2, 0.5) * 1000),
        car: carOf(model, rng),
      })
    }
  }
  return visits.sort((a, b) => a.arrivalS - b.arrivalS || a.chargerId.localeCompare(b.chargerId))
}
