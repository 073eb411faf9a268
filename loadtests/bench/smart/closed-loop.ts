import { loadConfig } from '@src/config'
import type { SiteScenario, WorldOutput, WorldSecond } from '@src/sim/site/types'
import { SiteWorld } from '@src/sim/site/world'
import { BaselineDriver } from './baseline-driver'
import type { SentSetpoint } from './command-link'
import type { Controller } from './controller'
import { OursDriver } from './ours-driver'
import type { BuildingMeterKind } from './scenario-site'
import { type RunRecord, TruthRecorder } from './truth-recorder'

/** How a closed-loop run is set up; every field has the product's default. */
export interface ClosedLoopOptions {
  /** How the building reading reaches our loop (default `http`, the site's meter API). */
  buildingMeter?: BuildingMeterKind
  /** Our loop's interval (ms; default 500, the product's). */
  loopIntervalMs?: number
  /** The OCPP call timeout (ms; default `CSMS_OCPP_CALL_TIMEOUT_MS`'s). */
  callTimeoutMs?: number
  /** Seeds our loop's tick phase and resync jitter (default 1). */
  seed?: number
  /** Sees each second's truth as it is played (the run keeps only the main fuse's). */
  onSecond?: (second: WorldSecond) => void
  /** Sees every setpoint as it is sent. */
  onSent?: (sent: SentSetpoint) => void
}

/** One visit's outcome: what it wanted and what it physically got. */
export interface VisitOutcome {
  readonly id: string
  readonly needWh: number
  readonly deliveredWh: number
}

/** What a closed-loop run measured. */
export interface ClosedLoopResult extends RunRecord {
  readonly scenario: string
  readonly controller: string
  readonly visits: readonly VisitOutcome[]
  /** Departures drivers told that the driver page refused. */
  readonly refusedDepartures: number
  /** Our loop's ticks: scheduled and early re-plans (none for a baseline, asked once a second). */
  readonly ticks: { readonly scheduled: number; readonly replan: number } | null
  /** Wall-clock time of the run (ms). */
  readonly runtimeMs: number
}

/** A controller that the harness runs against a world: our site actor, and the baselines. */
interface Driver {
  /** Delivers the output of second `s` and lets the controller act until the second ends. */
  second(s: number, outputs: readonly WorldOutput[]): Promise<void>
  readonly refusedDepartures: number
  readonly ticks: ClosedLoopResult['ticks']
  dispose(): Promise<void>
}

/**
 * Runs a scenario in closed loop: the world (`SiteWorld`) plays it one second at a time, and a
 * controller hears only what the world reports (charger events, building readings) and acts only through
 * it (setpoints that take the chargers' latency, get lost on dropped links, are ignored by disobeying
 * chargers). `'ours'` is the real site actor with the real database, bus and use cases (see
 * {@link OursDriver}); a baseline {@link Controller} decides every second on what a live CSMS knows
 * (see {@link BaselineDriver}). The result is the physical truth: each visit's energy, the seconds over any
 * fuse's rating with their cause, the setpoints sent.
 *
 * @example
 * const r = await runClosedLoop(scenario, 'ours')
 * console.log(r.overloads.byClass.allocation.seconds, r.setpoints / r.sessionHours)
 */
export async function runClosedLoop(
  scenario: SiteScenario,
  controller: 'ours' | Controller,
  opts: ClosedLoopOptions = {},
): Promise<ClosedLoopResult> {
  const started = performance.now()
  const world = new SiteWorld(scenario)
  const recorder = new TruthRecorder(scenario)
  const onSent = (s: SentSetpoint) => {
    recorder.sent(s)
    opts.onSent?.(s)
  }
  const driver: Driver =
    controller === 'ours'
      ? await OursDriver.start(scenario, world, {
          buildingMeter: opts.buildingMeter ?? 'http',
          loopIntervalMs: opts.loopIntervalMs ?? 500,
          callTimeoutMs: opts.callTimeoutMs ?? loadConfig({}).ocppCallTimeoutMs,
          seed: opts.seed ?? 1,
          onSent,
        })
      : new BaselineDriver(scenario, world, controller, onSent)
  try {
    for (let s = 0; s < scenario.durationS; s++) {
      const outputs = world.advanceTo(s)
      const second = world.second()
      recorder.observe(second, scenario.startAtMs + s * 1000, world)
      opts.onSecond?.(second)
      for (const o of outputs) if (o.type === 'building.reading') recorder.reading(o)
      await driver.second(s, outputs)
    }
  } finally {
    await driver.dispose()
  }
  return {
    scenario: scenario.name,
    controller: controller === 'ours' ? 'ours' : controller.name,
    ...recorder.record(),
    visits: scenario.visits.map((v) => ({
      id: v.id,
      needWh: v.needWh,
      deliveredWh: world.deliveredWh(v.id),
    })),
    refusedDepartures: driver.refusedDepartures,
    ticks: driver.ticks === null ? null : { ...driver.ticks },
    runtimeMs: performance.now() - started,
  }
}
