import type { Bus } from '@src/bus/port'
import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import { ActorCell, type KindRuntime } from './cell'
import { defaultSupervision } from './supervisor'
import type { ActorKind, ActorRef } from './types'

/** Access to the actors of one kind, typed by their message. */
export interface KindHandle<M> {
  /** The live actor for `id`, activating it if needed. */
  get(id: string): ActorRef<M>
  /** The live actor for `id`, or undefined (never activates). */
  find(id: string): ActorRef<M> | undefined
  /** Graceful stop of one actor. */
  stop(id: string): void
  /** Number of live actors of this kind. */
  readonly size: number
  /** Ids of the live actors of this kind. */
  ids(): string[]
}

/** Counters the system keeps for `/metrics`. */
export interface ActorStats {
  restarts: number
  activations: number
  passivations: number
}

const defaultMailbox = { capacity: 1000, overflow: 'reject' as const }

/** What the actor system runs on: the node's clock, logger, and the bus its actors acquire from. */
export interface ActorSystemDeps {
  clock: Clock
  log: Logger
  /** Where `ctx.subscribe` and `ctx.serve` go; the runtime releases them for each incarnation. */
  bus: Bus
}

/**
 * The actor system of one node: a registry of live actors per kind, activation on first use,
 * passivation of idle actors, and graceful shutdown.
 */
export class ActorSystem {
  readonly #kinds = new Map<string, Map<string, ActorCell<never>>>()
  readonly #sweeps = new Map<string, TimerHandle>()
  readonly stats: ActorStats = { restarts: 0, activations: 0, passivations: 0 }
  #closed = false

  constructor(private readonly deps: ActorSystemDeps) {}

  /** Registers a kind of actor and returns its typed handle. */
  register<M>(kind: ActorKind<M>): KindHandle<M> {
    if (this.#kinds.has(kind.name)) throw new Error(`actor kind ${kind.name} is registered twice`)
    const cells = new Map<string, ActorCell<M>>()
    this.#kinds.set(kind.name, cells as unknown as Map<string, ActorCell<never>>)
    const runtime: KindRuntime = {
      name: kind.name,
      clock: this.deps.clock,
      log: this.deps.log,
      bus: this.deps.bus,
      mailbox: kind.mailbox ?? defaultMailbox,
      supervision: kind.supervision ?? defaultSupervision,
      askTimeoutMs: kind.askTimeoutMs ?? 5000,
      onStopped: (cell) => {
        if (cells.get(cell.id) === (cell as unknown)) cells.delete(cell.id)
      },
      onRestart: () => void this.stats.restarts++,
    }
    if (kind.passivateAfterMs) this.#startSweep(kind.name, cells, kind.passivateAfterMs)
    const activate = (id: string, after?: Promise<void>) => {
      if (this.#closed) throw new Error('actor system is shut down')
      this.stats.activations++
      const cell = new ActorCell<M>(id, kind.factory(id), runtime, after)
      cells.set(id, cell)
      return cell
    }
    return {
      get: (id) => {
        const cell = cells.get(id)
        return cell?.running ? cell : activate(id, cell?.whenStopped())
      },
      find: (id) => cells.get(id),
      stop: (id) => cells.get(id)?.stop(),
      ids: () => [...cells.keys()],
      get size() {
        return cells.size
      },
    }
  }

  /** Live actors across all kinds. */
  get size(): number {
    let n = 0
    for (const cells of this.#kinds.values()) n += cells.size
    return n
  }

  /** Stops every actor gracefully and waits until all have finished. */
  async shutdown(): Promise<void> {
    this.#closed = true
    for (const h of this.#sweeps.values()) this.deps.clock.clearTimeout(h)
    const waits: Promise<void>[] = []
    for (const cells of this.#kinds.values()) {
      for (const cell of cells.values()) {
        cell.stop()
        waits.push(cell.whenStopped())
      }
    }
    await Promise.all(waits)
  }

  #startSweep<M>(name: string, cells: Map<string, ActorCell<M>>, idleMs: number): void {
    const { clock } = this.deps
    const sweep = () => {
      const cutoff = clock.now() - idleMs
      for (const cell of cells.values()) {
        if (cell.idle && cell.lastActive <= cutoff) {
          this.stats.passivations++
          cell.stop()
        }
      }
      if (!this.#closed) this.#sweeps.set(name, clock.setTimeout(sweep, Math.max(1, idleMs / 2)))
    }
    this.#sweeps.set(name, clock.setTimeout(sweep, Math.max(1, idleMs / 2)))
  }
}
