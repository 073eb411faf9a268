import { hashString, Rng } from '@src/sim/prng'
import {
  allOnOnePhase,
  badDepartures,
  buildingJump,
  disobeyingChargers,
  offlineChargers,
} from './adversarial'
import { coopBuilding } from './coop-building'
import { coopHabits, coopVisits } from './coop-visits'
import { DayClock } from './day-clock'
import { fitNeeds } from './deadline-fit'
import { depotBuilding, depotVisits } from './depot'
import { officeBuilding } from './office-building'
import { officeVisits } from './office-visits'
import { rowLayout } from './site-layout'
import type { SiteScenario } from './types'

/** Phase-to-neutral voltage of a Nordic low-voltage grid (230/400 V). */
export const NORDIC_VOLTAGE_V = 230

/** The fail-safe current every scenario's site installs (A per phase). */
export const FAIL_SAFE_A = 6

/** Epoch ms of Monday noon local time: a winter week in January, a summer one in June (2024). */
export const MONDAY_NOON_MS = {
  winter: Date.UTC(2024, 0, 15, 11),
  summer: Date.UTC(2024, 5, 17, 10),
} as const

/** The depot's needs fit by deadline with this much of the fuse to spare (A): room for ramps and taper. */
export const DEPOT_SPARE_A = 8

/** A housing co-op scenario. */
export interface CoopOptions {
  readonly spaces: number
  readonly mainA: number
  readonly season: 'winter' | 'summer'
  readonly seed: number
  /** Scenario length (h); default 48: two evenings and two mornings from Monday noon. */
  readonly hours?: number
}

/**
 * A housing co-op's car park: a 3 × 16 A wallbox on every space, rows of ten behind 3 × 50 A row fuses,
 * the building's common load on the same main fuse, residents plugging in after work and leaving in the
 * morning. Deterministic for its options.
 *
 * @example
 * const scenario = coopScenario({ spaces: 40, mainA: 63, season: 'winter', seed: 1 })
 */
export function coopScenario(o: CoopOptions): SiteScenario {
  const name = `coop-${o.spaces}-${o.mainA}A-${o.season}`
  const rng = new Rng(hashString(name) ^ o.seed)
  const clock = new DayClock(12)
  const durationS = (o.hours ?? 48) * 3600
  const { main, chargers } = rowLayout(
    { prefix: 'cp', spaces: o.spaces, mainA: o.mainA, rowSize: 10, rowFuseA: 50, chargerMaxA: 16 },
    rng.fork(),
  )
  const building = coopBuilding(
    { spaces: o.spaces, season: o.season, durationS, readIntervalS: 5 },
    clock,
    rng.fork(),
  )
  const visits = coopVisits(chargers, clock, durationS, coopHabits(o.season), rng.fork())
  return {
    name,
    description: `Housing co-op, ${o.spaces} spaces on a 3 × ${o.mainA} A main fuse, ${o.season}`,
    kind: 'realistic',
    startAtMs: MONDAY_NOON_MS[o.season],
    durationS,
    voltageV: NORDIC_VOLTAGE_V,
    main,
    chargers,
    visits,
    building,
    failSafeA: FAIL_SAFE_A,
  }
}

/**
 * An office car park of 40 wallboxes (3 × 16 A) behind the office building's 3 × 160 A main fuse, over
 * a working Tuesday from midnight: commuters charge through the canteen's midday peak, when the
 * building takes most of the fuse.
 */
export function officeScenario(seed: number): SiteScenario {
  const name = 'office-40-160A'
  const rng = new Rng(hashString(name) ^ seed)
  const clock = new DayClock(0)
  const durationS = 24 * 3600
  const { main, chargers } = rowLayout(
    { prefix: 'of', spaces: 40, mainA: 160, rowSize: 10, rowFuseA: 63, chargerMaxA: 16 },
    rng.fork(),
  )
  return {
    name,
    description: 'Office car park, 40 spaces behind the office’s 3 × 160 A main fuse, midday canteen peak',
    kind: 'realistic',
    startAtMs: Date.UTC(2024, 0, 15, 23),
    durationS,
    voltageV: NORDIC_VOLTAGE_V,
    main,
    chargers,
    visits: officeVisits(chargers, clock, 0, rng.fork()),
    building: officeBuilding(durationS, 100, 5, clock, rng.fork()),
    failSafeA: FAIL_SAFE_A,
  }
}

/**
 * A delivery depot of 16 wallboxes (3 × 32 A) on a 3 × 100 A main fuse, from Monday noon: vans and two
 * trucks come back from their routes in the afternoon and evening and leave at fixed hours from 04:30.
 * The needs are scaled so the night just fits by deadline with {@link DEPOT_SPARE_A} to spare; charging
 * all at once, or everyone equally, does not.
 */
export function depotScenario(seed: number): SiteScenario {
  const name = 'depot-16-100A'
  const rng = new Rng(hashString(name) ^ seed)
  const clock = new DayClock(12)
  const durationS = 24 * 3600
  const mainA = 100
  const { main, chargers } = rowLayout(
    { prefix: 'dp', spaces: 16, mainA, rowSize: 8, rowFuseA: mainA, chargerMaxA: 32 },
    rng.fork(),
  )
  const visits = depotVisits(chargers, clock, rng.fork())
  const building = depotBuilding(durationS, 5, clock, rng.fork())
  const site = { mainA, building, voltageV: NORDIC_VOLTAGE_V, durationS }
  return {
    name,
    description: 'Delivery depot, 16 vans and trucks on a 3 × 100 A main fuse, fixed departures from 04:30',
    kind: 'realistic',
    startAtMs: MONDAY_NOON_MS.winter,
    durationS,
    voltageV: NORDIC_VOLTAGE_V,
    main,
    chargers,
    visits: fitNeeds(site, visits, DEPOT_SPARE_A),
    building,
    failSafeA: FAIL_SAFE_A,
  }
}

/**
 * The adversarial cases, each on a winter evening and night of the 20-space co-op on 3 × 35 A (the
 * tightest), from Monday noon: all cars on one phase, a 15-minute building jump of 12 A at 19:00, bad
 * departure data, two chargers offline for an hour from 21:00 while charging, two disobeying chargers.
 */
export function adversarialScenarios(seed: number): SiteScenario[] {
  const base = () => coopScenario({ spaces: 20, mainA: 35, season: 'winter', seed, hours: 24 })
  const clock = new DayClock(12)
  const evening = clock.at(0, 21)
  return [
    allOnOnePhase(base()),
    buildingJump(base(), clock.at(0, 19), 900, 12),
    badDepartures(base(), new Rng(hashString('bad-departures') ^ seed)),
    offlineChargers(base(), evening, 3600),
    disobeyingChargers(base(), evening),
  ]
}

/** The co-op sizes the benchmark runs: spaces and main fuse. */
export const COOP_SIZES = [
  { spaces: 20, mainA: 35 },
  { spaces: 40, mainA: 63 },
  { spaces: 80, mainA: 100 },
] as const

/**
 * Every scenario of the smart-charging benchmark for a seed: the co-ops (three sizes, winter and
 * summer), the office, the depot, then the adversarial cases.
 */
export function benchScenarios(seed = 1): SiteScenario[] {
  const coops = COOP_SIZES.flatMap((size) =>
    (['winter', 'summer'] as const).map((season) => coopScenario({ ...size, season, seed })),
  )
  return [...coops, officeScenario(seed), depotScenario(seed), ...adversarialScenarios(seed)]
}
