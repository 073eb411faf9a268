import type { PerPhase } from '@src/domain/power'
import type { ScenarioCar, ScenarioCharger, ScenarioVisit, SiteScenario, WorldOutput } from './types'

/** A car that answers at once and draws its pilot exactly, for tests to change one trait at a time. */
export const PLAIN_CAR: ScenarioCar = {
  model: 'test car',
  phases: 3,
  maxA: 16,
  minA: 6,
  responseDelayS: 0,
  rampUpAps: 100,
  underPilotA: 0,
  batteryWh: 60_000,
  taperFromShare: 1,
}

/** A charger that applies profiles at once and samples every 10 s. */
export const PLAIN_CHARGER: ScenarioCharger = {
  id: 'c1',
  maxA: 16,
  wiring: ['L1', 'L2', 'L3'],
  applyLatencyS: 0,
  meterIntervalS: 10,
}

/** What a one-charger test scenario may change. */
export interface FixtureOptions {
  readonly charger?: Partial<ScenarioCharger>
  readonly car?: Partial<ScenarioCar>
  readonly visit?: Partial<ScenarioVisit>
  readonly building?: (s: number) => PerPhase
  readonly readIntervalS?: number
  readonly durationS?: number
}

/** One charger, one visit from second 0 to the end, a flat building: a world small enough to reason about. */
export function oneCarScenario(o: FixtureOptions = {}): SiteScenario {
  const durationS = o.durationS ?? 3600
  const charger = { ...PLAIN_CHARGER, ...o.charger }
  const visit: ScenarioVisit = {
    id: 'v1',
    chargerId: charger.id,
    arrivalS: 0,
    departureS: durationS,
    told: { kind: 'none' },
    needWh: 30_000,
    car: { ...PLAIN_CAR, ...o.car },
    ...o.visit,
  }
  return {
    name: 'fixture',
    description: 'one charger, one car',
    kind: 'realistic',
    startAtMs: Date.UTC(2024, 0, 15, 11),
    durationS,
    voltageV: 230,
    main: { id: 'main', limitA: 63, chargerIds: [charger.id] },
    chargers: [charger],
    visits: [visit],
    building: { at: o.building ?? (() => [2, 2, 2]), readIntervalS: o.readIntervalS ?? 5 },
    failSafeA: 6,
  }
}

/** The outputs of one type, narrowed. */
export function ofType<T extends WorldOutput['type']>(
  out: readonly WorldOutput[],
  type: T,
): Extract<WorldOutput, { type: T }>[] {
  return out.filter((e): e is Extract<WorldOutput, { type: T }> => e.type === type)
}
