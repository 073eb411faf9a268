import type { GridPhase, PerPhase } from '../../../src/domain/power/site'
import type {
  ScenarioCar,
  ScenarioCharger,
  ScenarioFuse,
  ScenarioVisit,
  SiteScenario,
} from '../../../src/sim/site/types'

/** A charger for hand-solved tests: 3-phase L1-L2-L3 unless told otherwise. */
export function charger(
  id: string,
  maxA: number,
  wiring: readonly GridPhase[] = ['L1', 'L2', 'L3'],
): ScenarioCharger {
  return { id, maxA, wiring, applyLatencyS: 1, meterIntervalS: 30 }
}

/** A car with plain physics; only phases and maximum matter to the optimum and the scores. */
export function car(phases: 1 | 2 | 3, maxA: number, extra: Partial<ScenarioCar> = {}): ScenarioCar {
  return {
    model: `${phases}-phase ${maxA} A`,
    phases,
    maxA,
    minA: 6,
    responseDelayS: 2,
    rampUpAps: 2,
    underPilotA: 0,
    batteryWh: 100_000,
    taperFromShare: 1,
    ...extra,
  }
}

/** A visit told truthfully. */
export function visit(
  id: string,
  chargerId: string,
  arrivalS: number,
  departureS: number,
  needWh: number,
  c: ScenarioCar,
): ScenarioVisit {
  return { id, chargerId, arrivalS, departureS, told: { kind: 'told', atS: departureS }, needWh, car: c }
}

/** A scenario around a fuse tree, at 230 V, with a building given per second (none by default). */
export function scenario(parts: {
  main: ScenarioFuse
  chargers: readonly ScenarioCharger[]
  visits: readonly ScenarioVisit[]
  durationS: number
  building?: (s: number) => PerPhase
}): SiteScenario {
  return {
    name: 'test',
    description: 'a hand-solved case',
    kind: 'realistic',
    startAtMs: 0,
    durationS: parts.durationS,
    voltageV: 230,
    main: parts.main,
    chargers: parts.chargers,
    visits: parts.visits,
    building: { at: parts.building ?? (() => [0, 0, 0]), readIntervalS: 5 },
    failSafeA: 6,
  }
}
