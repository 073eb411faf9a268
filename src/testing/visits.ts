import { subjects } from '@src/bus/subjects'
import type { CdrRow } from '@src/db/repos/cdrs'
import { type LiveSession, liveSessionSchema } from '@src/domain/sessions/live-session'
import type { FakeClock } from '@src/lib/fake-clock'
import type { Ev } from '@src/sim/ev'
import type { SimCharger, SimProtocol } from '@src/sim/sim-charger'
import { eventually } from '@src/sim/sim-test-kit'
import { sql } from 'drizzle-orm'
import type { JumpingClock } from './jumping-clock'
import type { TestNode } from './node'

/** A car's stay at a simulated charger: plugged in and started at `from`, stopped at `to` (ISO, with offset). */
export interface Visit {
  name: string
  protocol: SimProtocol
  card: string
  from: string
  to: string
  ev: Ev
}

/** What a visit left behind. */
export interface VisitOutcome<V extends Visit = Visit> {
  visit: V
  transactionId: number
  /** The last `session.updated` of the running session: the cost its driver saw. */
  lastSeen: LiveSession
  /** The CDR that stands (the last generation). */
  cdr: CdrRow
  /** Every CDR of the session: one, or a flagged one, its credit and the corrected one. */
  cdrs: CdrRow[]
}

/**
 * The last running `session.updated` of every session a node publishes, as a driver's page would see
 * them. Waiting for one moves the node's clock a second at a time, so a session actor's throttled
 * update comes out without real waiting.
 *
 * @example
 * const views = new RunningViews(node, clock)
 * const seen = await views.pricedUntil(txId, Date.parse('2026-10-01T23:00:00+02:00'))
 */
export class RunningViews {
  readonly #last = new Map<number, LiveSession>()

  constructor(
    node: TestNode,
    private readonly clock: JumpingClock,
  ) {
    node.deps.bus.subscribe(subjects.allSessionUpdates, (payload) => {
      const view = liveSessionSchema.parse(payload)
      if (view.state === 'running') this.#last.set(view.transactionId, view)
    })
  }

  /** The session's running view once its cost is priced up to `instant` (epoch ms). */
  pricedUntil(transactionId: number, instant: number): Promise<LiveSession> {
    return eventually(
      `session ${transactionId} priced until ${new Date(instant).toISOString()}`,
      async () => {
        await this.clock.jumpTo(this.clock.now() + 1000)
        const view = this.#last.get(transactionId)
        return view?.cost?.pricedUntil === instant ? view : undefined
      },
      10_000,
    )
  }
}

/** What a {@link VisitRunner} drives. */
export interface VisitRunnerDeps {
  node: TestNode
  /** The node's clock: jumped ahead of the chargers' to each step, so no reading is in its future. */
  nodeClock: JumpingClock
  /** The simulators' one clock, moved only from step to step (their meter values carry its time). */
  chargerClock: FakeClock
  /** One booted simulator per version, each with connector 1 for the visits. */
  simulators: ReadonlyMap<SimProtocol, SimCharger>
  views: RunningViews
}

interface Step<V> {
  at: number
  visit: V
  kind: 'start' | 'stop'
}

/**
 * Drives simulators through a month of visits on accelerated time: each visit's start and stop in
 * time order (at one instant, a stop first), the node's clock first, then the chargers'. A stop waits
 * until the driver has seen the cost up to that instant, then the session stops there, the car leaves
 * and its CDR is read.
 */
export class VisitRunner<V extends Visit> {
  readonly #steps: Step<V>[]
  readonly #open = new Map<V, number>()

  constructor(
    private readonly deps: VisitRunnerDeps,
    visits: readonly V[],
  ) {
    const steps = visits.flatMap((visit): Step<V>[] => [
      { at: Date.parse(visit.from), visit, kind: 'start' },
      { at: Date.parse(visit.to), visit, kind: 'stop' },
    ])
    const order = (s: Step<V>) => (s.kind === 'stop' ? 0 : 1)
    this.#steps = steps.sort((a, b) => a.at - b.at || order(a) - order(b))
  }

  /** Runs the steps before `until` (epoch ms); returns the visits that ended, in the order they ended. */
  async runUntil(until: number): Promise<VisitOutcome<V>[]> {
    const { nodeClock, chargerClock, simulators } = this.deps
    const ended: VisitOutcome<V>[] = []
    for (let step = this.#steps[0]; step && step.at < until; step = this.#steps[0]) {
      this.#steps.shift()
      if (step.at > nodeClock.now()) await nodeClock.jumpTo(step.at)
      await chargerClock.advance(step.at - chargerClock.now())
      const cp = simulators.get(step.visit.protocol)
      if (!cp) throw new Error(`no ${step.visit.protocol} simulator`)
      if (step.kind === 'start') this.#open.set(step.visit, await this.#begin(cp, step.visit))
      else ended.push(await this.#end(cp, step.visit))
    }
    return ended
  }

  /** The car plugs in and its card is presented; the site's limit reaches it before time moves on. */
  async #begin(cp: SimCharger, visit: V): Promise<number> {
    if (!cp.plugIn(1, visit.ev)) throw new Error(`${visit.name}: ${cp.id} has a car plugged in`)
    const started = await cp.startCharging(1, visit.card)
    if (started.status !== 'Accepted') throw new Error(`${visit.name}: ${started.reason}`)
    await eventually(
      `${visit.name}: the site's limit`,
      () => cp.connector(1).limitA >= visit.ev.maxCurrentA,
      10_000,
    )
    const [row] = await this.deps.node.deps.database.db.all<{ id: number }>(
      sql`SELECT id FROM transactions WHERE charger_id = ${cp.id} AND ended_at IS NULL`,
    )
    if (!row) throw new Error(`${visit.name}: no transaction stored`)
    return row.id
  }

  async #end(cp: SimCharger, visit: V): Promise<VisitOutcome<V>> {
    const transactionId = this.#open.get(visit)
    if (transactionId === undefined) throw new Error(`${visit.name} never started`)
    const lastSeen = await this.deps.views.pricedUntil(transactionId, Date.parse(visit.to))
    await cp.stopCharging(1)
    await cp.unplug(1)
    const cdr = await eventually(
      `${visit.name}: CDR`,
      () => this.deps.node.deps.repos.cdrs.ofTransaction(transactionId),
      10_000,
    )
    return { visit, transactionId, lastSeen, cdr, cdrs: [cdr] }
  }
}
