import type { GridPhase, PerPhase } from '../../../src/domain/power/site'
import type {
  ScenarioCar,
  ScenarioCharger,
  ScenarioFuse,
  ScenarioVisit,
  SiteScenario,
} from '../../../src/sim/site/types'
import { mulberry32 } from './random'

/** Size of a {@link syntheticSite}. */
export interface SyntheticSiteOptions {
  readonly spaces: number
  readonly hours: number
  readonly seed: number
}

const HOUR = 3600
const ROTATIONS: readonly (readonly GridPhase[])[] = [
  ['L1', 'L2', 'L3'],
  ['L2', 'L3', 'L1'],
  ['L3', 'L1', 'L2'],
]
const CARS: readonly Pick<ScenarioCar, 'model' | 'phases' | 'maxA' | 'batteryWh'>[] = [
  { model: '3-phase 16 A', phases: 3, maxA: 16, batteryWh: 77_000 },
  { model: '3-phase 32 A', phases: 3, maxA: 32, batteryWh: 52_000 },
  { model: '2-phase 16 A', phases: 2, maxA: 16, batteryWh: 64_000 },
  { model: '1-phase 32 A', phases: 1, maxA: 32, batteryWh: 40_000 },
  { model: '1-phase 16 A', phases: 1, maxA: 16, batteryWh: 18_000 },
]

/**
 * A dense, seeded co-op-like scenario for sizing and checking the offline optimum before the real
 * scenarios exist: rows of ten wallboxes (every tenth single-phase, the rest 3-phase with rotated
 * wiring) behind 40 A row fuses, a main fuse of 35 A plus 1.1 A per space, an overnight visit per
 * space and night plus a 1–4 h daytime visit on half the days, 1-, 2- and 3-phase cars, and a building
 * that steps every 20 minutes. Not a realistic workload: it is built to be visit-heavy and contested.
 */
export function syntheticSite(opts: SyntheticSiteOptions): SiteScenario {
  const rand = mulberry32(opts.seed)
  const chargers: ScenarioCharger[] = Array.from({ length: opts.spaces }, (_, i) => ({
    id: `cp${i}`,
    maxA: i % 4 === 0 ? 16 : 32,
    wiring: i % 10 === 9 ? [ROTATIONS[i % 3]![0]!] : ROTATIONS[i % 3]!,
    applyLatencyS: 1,
    meterIntervalS: 30,
  }))
  const rows: ScenarioFuse[] = []
  for (let r = 0; r * 10 < opts.spaces; r++)
    rows.push({ id: `row${r}`, limitA: 40, chargerIds: chargers.slice(r * 10, r * 10 + 10).map((c) => c.id) })
  const durationS = opts.hours * HOUR
  const visits: ScenarioVisit[] = []
  const visit = (chargerId: string, arrivalS: number, departureS: number): void => {
    const kind = CARS[Math.floor(rand() * CARS.length)]!
    const car: ScenarioCar = {
      ...kind,
      minA: 6,
      responseDelayS: 2,
      rampUpAps: 2,
      underPilotA: 0.5,
      taperFromShare: 0.9,
    }
    const needWh = Math.round(kind.batteryWh * (0.1 + 0.5 * rand()))
    visits.push({
      id: `v${visits.length}`,
      chargerId,
      arrivalS,
      departureS,
      told: { kind: 'told', atS: departureS },
      needWh,
      car,
    })
  }
  for (const c of chargers)
    for (let day = 0; day * 24 < opts.hours; day++) {
      const base = day * 24 * HOUR
      const home = base + (16 + 3 * rand()) * HOUR
      if (home < durationS) visit(c.id, home, base + (30 + 3 * rand()) * HOUR)
      if (rand() < 0.5) {
        const from = base + (9 + 4 * rand()) * HOUR
        if (from < durationS) visit(c.id, from, from + (1 + 3 * rand()) * HOUR)
      }
    }
  const steps = Array.from({ length: Math.ceil(durationS / 1200) + 1 }, () => rand())
  return {
    name: `synthetic-${opts.spaces}`,
    description: `${opts.spaces} spaces, ${visits.length} visits over ${opts.hours} h (sizing fixture)`,
    kind: 'adversarial',
    startAtMs: Date.UTC(2026, 0, 5),
    durationS,
    voltageV: 230,
    main: { id: 'main', limitA: Math.round(35 + 1.1 * opts.spaces), children: rows },
    chargers,
    visits,
    building: {
      at: (s: number): PerPhase => {
        const step = steps[Math.floor(s / 1200)]! * 12
        return [8 + step, 6 + step / 2, 10]
      },
      readIntervalS: 5,
    },
    failSafeA: 6,
  }
}
