import type { SiteScenario } from '@src/sim/site/types'
import type { BenchRow } from './bench-row'
import { round2 } from './bench-row'
import { type ClosedLoopOptions, type ClosedLoopResult, runClosedLoop } from './closed-loop'
import type { Controller } from './controller'
import { equalShare, uncontrolled } from './equal-share'
import { offlineOptimum } from './optimum'
import { energyScore } from './score'

/** The controllers every scenario is run with, ours first. */
export const CONTROLLERS: readonly ('ours' | Controller)[] = ['ours', equalShare, uncontrolled]

/** One scenario's runs: the optimum and each controller's result with its score. */
export interface ScenarioRuns {
  readonly scenario: SiteScenario
  readonly optimumWh: number
  readonly optimumMs: number
  readonly runs: readonly { readonly result: ClosedLoopResult; readonly row: BenchRow }[]
}

/**
 * Runs one scenario: the offline optimum, then every controller in closed loop, each scored against
 * the optimum. Rows for `results/smart.json`, one per controller.
 */
export async function runScenario(
  scenario: SiteScenario,
  opts: ClosedLoopOptions,
  controllers: readonly ('ours' | Controller)[] = CONTROLLERS,
): Promise<ScenarioRuns> {
  const optimum = offlineOptimum(scenario)
  const runs = []
  for (const controller of controllers) {
    const cpu = process.cpuUsage()
    const result = await runClosedLoop(scenario, controller, opts)
    const cpuMs = cpuMsSince(cpu)
    const delivered = new Map(result.visits.map((v) => [v.id, v.deliveredWh]))
    const score = energyScore(scenario, delivered, optimum)
    runs.push({ result, row: rowOf(scenario, result, score, optimum.totalWh, cpuMs, opts) })
  }
  return { scenario, optimumWh: optimum.totalWh, optimumMs: optimum.solveMs, runs }
}

/** CPU time (user + system, ms) since `since`: on a shared machine, what the run itself cost. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1000
}

function rowOf(
  scenario: SiteScenario,
  r: ClosedLoopResult,
  score: ReturnType<typeof energyScore>,
  optimumWh: number,
  cpuMs: number,
  opts: ClosedLoopOptions,
): BenchRow {
  const o = r.overloads
  return {
    workload: 'closed-loop',
    network: scenario.name,
    capacity_kw: round2((3 * scenario.main.limitA * scenario.voltageV) / 1000),
    algorithm: r.controller,
    energy_delivered_pct: score.pctOfOptimum === null ? null : round2(score.pctOfOptimum),
    peak_kw: round2(r.peakKw),
    runtime_ms: Math.round(r.runtimeMs),
    cpu_ms: Math.round(cpuMs),
    kind: scenario.kind,
    simulated_h: round2(scenario.durationS / 3600),
    loop_interval_ms: r.controller === 'ours' ? (opts.loopIntervalMs ?? 500) : 1000,
    visits: scenario.visits.length,
    optimum_kwh: round2(optimumWh / 1000),
    delivered_kwh: round2(score.deliveredWh / 1000),
    cars_short: score.carsShort,
    seconds_over: o.seconds,
    over_building_s: o.byClass.building.seconds,
    over_ev_lag_s: o.byClass.evLag.seconds,
    over_allocation_s: o.byClass.allocation.seconds,
    worst_excess_a: round2(o.worstA),
    worst_excess_pct: round2(o.worstPct),
    worst_building_a: round2(o.byClass.building.worstA),
    worst_ev_lag_a: round2(o.byClass.evLag.worstA),
    worst_allocation_a: round2(o.byClass.allocation.worstA),
    setpoints: r.setpoints,
    fail_safe_defaults: r.defaults,
    session_hours: round2(r.sessionHours),
    setpoints_per_session_hour: r.sessionHours > 0 ? round2(r.setpoints / r.sessionHours) : null,
    peak_hour_kw: round2(r.peakHourKw),
    refused_departures: r.refusedDepartures,
    ticks_scheduled: r.ticks?.scheduled ?? null,
    ticks_replan: r.ticks?.replan ?? null,
  }
}
