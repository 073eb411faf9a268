import type { PerPhase } from '../../../src/domain/power/site'
import { gaussian, mulberry32 } from './random'

/** One car of the co-op: what it is and how its household uses it. */
export interface CoopCar {
  readonly id: string
  readonly model: string
  readonly phases: 1 | 3
  readonly maxA: number
  readonly batteryKwh: number
}

/** One stay in the car park. Times in seconds from the start (a Monday 00:00). */
export interface CoopVisit {
  readonly car: number
  readonly arrivalS: number
  readonly departureS: number
  /** What the driver told the app, or undefined (unknown departure). */
  readonly toldDepartureS: number | undefined
  readonly neededKwh: number
}

const MIX: readonly (Omit<CoopCar, 'id'> & { readonly share: number })[] = [
  { model: 'VW ID.3/ID.4', phases: 3, maxA: 16, batteryKwh: 77, share: 0.25 },
  { model: 'Tesla Model Y', phases: 3, maxA: 16, batteryKwh: 75, share: 0.2 },
  { model: 'Volvo EX40', phases: 3, maxA: 16, batteryKwh: 69, share: 0.15 },
  { model: 'Renault Zoe', phases: 3, maxA: 32, batteryKwh: 52, share: 0.05 },
  { model: 'Nissan Leaf', phases: 1, maxA: 32, batteryKwh: 40, share: 0.1 },
  { model: 'Kia Niro PHEV', phases: 1, maxA: 16, batteryKwh: 11, share: 0.15 },
  { model: 'Volvo XC60 T6', phases: 1, maxA: 16, batteryKwh: 18, share: 0.1 },
]

const HOUR = 3600
const DAY = 24 * HOUR

/** The 40 cars: a realistic Swedish mix of 1- and 3-phase, 16 and 32 A, small and large batteries. */
export function coopFleet(count: number, seed: number): CoopCar[] {
  const rand = mulberry32(seed)
  return Array.from({ length: count }, (_, i) => {
    const pick = rand()
    let cumulative = 0
    const m =
      MIX.find((x) => {
        cumulative += x.share
        return pick < cumulative
      }) ?? MIX[0]!
    return { id: `car${i}`, model: m.model, phases: m.phases, maxA: m.maxA, batteryKwh: m.batteryKwh }
  })
}

/**
 * A week of stays: weekday evenings home around 17:30 (σ 1 h), away around 07:30 (σ 40 min); at the
 * weekend later and looser, sometimes a midday outing. Each day's driving is log-normal (median
 * 35 km at 0.19 kWh/km, PHEVs on their battery); the state of charge carries over, and a car plugs
 * in when it is below 80 %, asking back to 80 % (90 % on Fridays). 85 % of drivers tell the app when
 * they leave, ±20 min of when they really do.
 */
export function coopVisits(fleet: readonly CoopCar[], days: number, seed: number): CoopVisit[] {
  const rand = mulberry32(seed)
  const visits: CoopVisit[] = []
  fleet.forEach((car, c) => {
    let soc = 0.4 + 0.4 * rand()
    let home = Math.max(14 * HOUR, gaussian(rand, 17.5 * HOUR, HOUR))
    for (let day = 0; day < days; day++) {
      const weekend = day % 7 >= 5
      const leave = (day + 1) * DAY + gaussian(rand, (weekend ? 10 : 7.5) * HOUR, (weekend ? 2 : 0.67) * HOUR)
      const target = day % 7 === 4 ? 0.9 : 0.8
      if (soc < target) {
        const neededKwh = (target - soc) * car.batteryKwh
        const told = rand() < 0.85 ? leave + gaussian(rand, 0, 20 * 60) : undefined
        visits.push({
          car: c,
          arrivalS: day * DAY + home,
          departureS: leave,
          toldDepartureS: told,
          neededKwh,
        })
        soc = target
      }
      const km = Math.exp(gaussian(rand, Math.log(35), 0.6))
      soc = Math.max(0.05, soc - (km * 0.19) / car.batteryKwh)
      home = Math.max(leave - (day + 1) * DAY + 4 * HOUR, gaussian(rand, (weekend ? 16 : 17.5) * HOUR, HOUR))
    }
  })
  return visits.sort((a, b) => a.arrivalS - b.arrivalS)
}

/**
 * Building (common areas: lighting, ventilation, lifts, laundry, sauna) load per phase at time `t`:
 * a night base, a day level, an evening peak around 19:00, laundry machines on L2 in the evening and
 * a Saturday sauna on L3, plus noise. Deterministic in `t` for a seed.
 */
export function buildingLoadA(tS: number, seed: number): PerPhase {
  const hour = (tS % DAY) / HOUR
  const day = Math.floor(tS / DAY) % 7
  const evening = Math.exp(-(((hour - 19) / 1.6) ** 2))
  const daytime = hour > 7 && hour < 22 ? 1 : 0
  const noise = (k: number) => (mulberry32(seed * 1_000_003 + Math.floor(tS / 60) * 7 + k)() - 0.5) * 3
  const laundry = hour >= 17 && hour < 22 && Math.floor(tS / 1800) % 3 !== 0 ? 9 : 0
  const sauna = day === 5 && hour >= 17 && hour < 20 ? 14 : 0
  return [
    8 + 4 * daytime + 12 * evening + noise(1),
    7 + 3 * daytime + 10 * evening + laundry + noise(2),
    6 + 4 * daytime + 9 * evening + sauna + noise(3),
  ]
}
