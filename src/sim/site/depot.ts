import type { Rng } from '@src/sim/prng'
import { addCycling } from './building-appliances'
import { BuildingSeries } from './building-series'
import type { DayClock } from './day-clock'
import { type CarModel, carOf } from './fleet'
import type { ScenarioBuilding, ScenarioCharger, ScenarioVisit } from './types'

/**
 * A depot vehicle: its on-board charger, battery, a day's route energy (kWh, winter), when it comes
 * back (a range of hours) and the fixed hour its route leaves the next morning.
 */
interface DepotVehicle extends CarModel {
  readonly routeKwh: readonly [number, number]
  readonly backH: readonly [number, number]
  readonly leavesH: number
}

/**
 * The depot's fleet: 11 kW vans, 22 kW small vans and two 22 kW AC trucks, makers' published on-board
 * chargers and usable batteries; route energies are assumptions for winter city distribution.
 */
const DEPOT_FLEET: readonly DepotVehicle[] = [
  {
    model: 'Ford E-Transit',
    phases: 3,
    maxA: 16,
    minA: 6,
    batteryKwh: 68,
    weight: 4,
    routeKwh: [25, 45],
    backH: [15, 18],
    leavesH: 6.5,
  },
  {
    model: 'Mercedes eSprinter',
    phases: 3,
    maxA: 16,
    minA: 6,
    batteryKwh: 81,
    weight: 3,
    routeKwh: [30, 55],
    backH: [16, 18.5],
    leavesH: 6,
  },
  {
    model: 'VW ID. Buzz Cargo',
    phases: 3,
    maxA: 16,
    minA: 6,
    batteryKwh: 77,
    weight: 3,
    routeKwh: [20, 40],
    backH: [15, 17.5],
    leavesH: 7,
  },
  {
    model: 'Renault Kangoo E-Tech 22 kW',
    phases: 3,
    maxA: 32,
    minA: 8,
    batteryKwh: 45,
    weight: 4,
    routeKwh: [15, 30],
    backH: [16, 19],
    leavesH: 5,
  },
  {
    model: 'Volvo FL Electric',
    phases: 3,
    maxA: 32,
    minA: 8,
    batteryKwh: 265,
    weight: 2,
    routeKwh: [70, 110],
    backH: [19, 21],
    leavesH: 4.5,
  },
]

/**
 * An evening and night at the depot: each space has its vehicle, which comes back from its route
 * in its afternoon or evening window and leaves at its route's fixed hour the next morning (the trucks
 * last in and first out: they load for the shops' morning deliveries). The schedule is
 * the operator's, so every departure is told exactly; half the vehicles report ISO 15118 needs.
 */
export function depotVisits(
  chargers: readonly ScenarioCharger[],
  clock: DayClock,
  rng: Rng,
): ScenarioVisit[] {
  return chargers.map((charger, i) => {
    const vehicle = DEPOT_FLEET[i % DEPOT_FLEET.length]!
    const departureS = clock.at(1, vehicle.leavesH)
    const needKwh = Math.min(rng.uniform(...vehicle.routeKwh), vehicle.batteryKwh * 0.9)
    return {
      id: `${charger.id}-night`,
      chargerId: charger.id,
      arrivalS: clock.at(0, rng.uniform(...vehicle.backH)),
      departureS,
      told: { kind: 'told', atS: departureS },
      needWh: Math.round(needKwh * 1000),
      ...(i % 2 === 0 ? { reportsNeeds: true } : {}),
      car: carOf(vehicle, rng, { responseDelayS: [1, 5] }),
    }
  })
}

/**
 * The depot's own load: hall lighting and the office through the day, the workshop's air compressor
 * cycling, and the hall's heaters (three-phase, cycling) through the winter night.
 */
export function depotBuilding(
  durationS: number,
  readIntervalS: number,
  clock: DayClock,
  rng: Rng,
): ScenarioBuilding {
  const load = new BuildingSeries(durationS)
  load.addProfile((s) => {
    const h = clock.hourOf(s)
    const a = h >= 5 && h < 20 ? 8 : 3
    return [a, a, a]
  })
  addCycling(load, rng, {
    fromS: 0,
    toS: clock.at(0, 18),
    onS: [120, 300],
    offS: [300, 900],
    amps: [9, 9, 9],
  })
  addCycling(load, rng, { fromS: 0, toS: durationS, onS: [900, 1800], offS: [600, 1800], amps: [10, 10, 10] })
  load.addNoise(rng, 0.5)
  return load.building(readIntervalS)
}
