import type { Rng } from '@src/sim/prng'
import { addBlockHeater, addCycling, addDry, addWash } from './building-appliances'
import { BuildingSeries } from './building-series'
import type { DayClock } from './day-clock'
import type { ScenarioBuilding } from './types'

/** What the co-op's own meter carries besides the wallboxes. */
export interface CoopBuildingOptions {
  readonly spaces: number
  readonly season: 'winter' | 'summer'
  readonly durationS: number
  readonly readIntervalS: number
}

/**
 * The co-op's common load on the car park's main fuse: lighting and ventilation (a daily curve), the
 * laundry room (washers and dryers, 9–11 A single-phase steps in the day and evening), a sauna some
 * evenings in co-ops of 40 spaces or more (a small one's car park meter does not carry it), and in
 * winter the heat pump (a three-phase compressor cycling 20–40 min on) and the block heaters of the
 * petrol and diesel cars on their morning timers. Scaled with the number of spaces.
 */
export function coopBuilding(o: CoopBuildingOptions, clock: DayClock, rng: Rng): ScenarioBuilding {
  const load = new BuildingSeries(o.durationS)
  const size = o.spaces / 40
  const winter = o.season === 'winter'
  load.addProfile((s) => {
    const h = clock.hourOf(s)
    const day = h >= 6.5 && h < 23 ? 1 : 0
    const evening = Math.exp(-(((h - 19) / 2) ** 2))
    const base = size * ((winter ? 4 : 2.5) + 1.5 * day + 2 * evening)
    return [base, base * 0.9, base * 1.1]
  })
  const days = Math.ceil((clock.startHour * 3600 + o.durationS) / 86_400)
  for (let day = 0; day < days; day++) {
    addLaundry(load, rng, clock, day, size)
    if (size >= 1 && rng.next() < 0.5) addSauna(load, rng, clock.at(day, rng.uniform(17, 20)))
  }
  if (winter) {
    const compressorA = 9 * size
    addCycling(load, rng, {
      fromS: 0,
      toS: o.durationS,
      onS: [1200, 2400],
      offS: [600, 1500],
      amps: [compressorA, compressorA, compressorA],
    })
    const heaters = Math.round(6 * size)
    for (let day = 1; day < days; day++)
      for (let i = 0; i < heaters; i++) addBlockHeater(load, rng, clock.at(day, rng.normal(7.3, 0.6)), i % 3)
  }
  load.addNoise(rng, 0.6 * Math.sqrt(size))
  return load.building(o.readIntervalS)
}

/** A sauna evening: a 9 kW three-phase heater (13 A a phase) heating up, then cycling, for 2–3 h. */
function addSauna(load: BuildingSeries, rng: Rng, startS: number): void {
  const heatUpS = rng.uniform(1800, 2700)
  load.addPulse(startS, startS + heatUpS, [13, 13, 13])
  const endS = startS + rng.uniform(7200, 10_800)
  addCycling(load, rng, {
    fromS: startS + heatUpS,
    toS: endS,
    onS: [240, 480],
    offS: [300, 600],
    amps: [13, 13, 13],
  })
}

/** One day of the laundry room: washers and dryers started between 08:00 and 21:00. */
function addLaundry(load: BuildingSeries, rng: Rng, clock: DayClock, day: number, size: number): void {
  const runs = Math.round(rng.uniform(4, 8) * size)
  for (let i = 0; i < runs; i++) {
    const start = clock.at(day, rng.uniform(8, 21))
    const phase = rng.int(0, 2)
    if (rng.next() < 0.6) addWash(load, rng, start, phase)
    else addDry(load, rng, start, phase)
  }
}
