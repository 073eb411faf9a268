import type { Rng } from '@src/sim/prng'
import { addCycling } from './building-appliances'
import { BuildingSeries } from './building-series'
import type { DayClock } from './day-clock'
import type { ScenarioBuilding } from './types'

/**
 * An office building behind the same main fuse as its car park (heated by district heating, as most
 * Nordic offices are): ventilation fans from 06:00 to 19:00, lighting and desks through the working
 * day, and the canteen kitchen's midday peak (ovens, fryers and the dishwasher switching in steps of
 * 10–20 A between 10:30 and 13:30). `peakA` is the building's typical midday load per phase.
 */
export function officeBuilding(
  durationS: number,
  peakA: number,
  readIntervalS: number,
  clock: DayClock,
  rng: Rng,
): ScenarioBuilding {
  const load = new BuildingSeries(durationS)
  load.addProfile((s) => {
    const h = clock.hourOf(s)
    const fans = h >= 6 && h < 19 ? 0.3 : 0.1
    const desks = Math.max(0, Math.min(1, (h - 7) / 1.5, (17.5 - h) / 1.5)) * 0.3
    const a = peakA * (fans + desks)
    return [a, a * 0.95, a * 1.05]
  })
  const days = Math.ceil((clock.startHour * 3600 + durationS) / 86_400)
  for (let day = 0; day < days; day++) {
    const kitchen = { fromS: clock.at(day, 10.5), toS: clock.at(day, 13.5) }
    load.addPulse(clock.at(day, 11), clock.at(day, 12.75), [peakA * 0.2, peakA * 0.2, peakA * 0.2])
    addCycling(load, rng, { ...kitchen, onS: [300, 900], offS: [120, 600], amps: [15, 12, 18] })
    addCycling(load, rng, { ...kitchen, onS: [120, 300], offS: [180, 420], amps: [0, 18, 0] })
  }
  load.addNoise(rng, peakA * 0.02)
  return load.building(readIntervalS)
}
