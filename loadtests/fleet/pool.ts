import { join } from 'node:path'
import type { FleetOptions, FleetProgress } from './fleet'
import { IpcChild } from './ipc'
import { readFdLimit } from './proc'
import { mergeSnapshots, type StatsSnapshot } from './stats'

/** Sockets one worker process holds at most: its open-file limit minus room for everything else. */
export function socketsPerWorker(): number {
  return Math.max(100, Math.min(19_800, readFdLimit(process.pid) - 200))
}

interface WorkerSnapshot {
  stats: StatsSnapshot
  progress: FleetProgress
  rss: number
}

/** What a pool reports: merged stats, progress, and the workers' own memory. */
export interface PoolSnapshot {
  stats: StatsSnapshot
  progress: FleetProgress
  workerRss: number[]
}

/**
 * A fleet spread over worker processes (Bun.spawn), so the client side can hold more sockets than
 * one process's open-file limit allows and use more than one core. Worker `k` runs a consecutive
 * range of charger indexes; rates are divided evenly.
 */
export class FleetPool {
  private constructor(private readonly workers: IpcChild[]) {}

  /** Starts `count` workers (at least enough for `chargers` sockets). */
  static async spawn(count: number, chargers = 0): Promise<FleetPool> {
    const n = Math.max(count, Math.ceil(chargers / socketsPerWorker()), 1)
    const script = join(import.meta.dir, 'worker-main.ts')
    const workers = Array.from({ length: n }, () => new IpcChild(script))
    await Promise.all(workers.map((w) => w.ready))
    return new FleetPool(workers)
  }

  get size(): number {
    return this.workers.length
  }

  /** The worker processes' ids (to sample the driver's own CPU). */
  get pids(): number[] {
    return this.workers.map((w) => w.pid)
  }

  /** Brings the fleet up (connect + boot, at `connectRate` in total); resolves when every worker is done. */
  async start(o: FleetOptions): Promise<FleetProgress> {
    const k = this.workers.length
    const first = o.first ?? 0
    const base = Math.floor(o.count / k)
    const progress = await Promise.all(
      this.workers.map((w, i) => {
        const count = base + (i < o.count % k ? 1 : 0)
        const offset = first + i * base + Math.min(i, o.count % k)
        const connectRate = (o.connectRate ?? 500) / k
        return w.ask<FleetProgress>('start', { ...o, first: offset, count, connectRate })
      }),
    )
    return mergeProgress(progress)
  }

  /** Sets the total rate of the transaction mix (messages/s). */
  async setRate(perSecond: number): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask('rate', perSecond / this.workers.length)))
  }

  /** Spreads the chargers over the transaction cycle (see {@link Fleet.prime}). */
  async prime(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask('prime')))
  }

  /** Every charger runs `cycles` whole transaction cycles. */
  async runCycles(cycles: number): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ask('cycles', cycles)))
  }

  /** Merged stats of all workers; `reset` starts a new window. */
  async snapshot(reset = false): Promise<PoolSnapshot> {
    const snaps = await Promise.all(this.workers.map((w) => w.ask<WorkerSnapshot>('snapshot', reset)))
    return {
      stats: mergeSnapshots(snaps.map((s) => s.stats)),
      progress: mergeProgress(snaps.map((s) => s.progress)),
      workerRss: snaps.map((s) => s.rss),
    }
  }

  /** Closes every socket and ends the workers. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop('stop', 10_000)))
  }
}

function mergeProgress(list: readonly FleetProgress[]): FleetProgress {
  const latest = (times: (number | undefined)[]) =>
    times.some((t) => t === undefined) ? undefined : Math.max(...(times as number[]))
  return {
    chargers: list.reduce((n, p) => n + p.chargers, 0),
    booted: list.reduce((n, p) => n + p.booted, 0),
    failed: list.reduce((n, p) => n + p.failed, 0),
    bringUpMs: latest(list.map((p) => p.bringUpMs)),
    lastBootMs: latest(list.map((p) => p.lastBootMs)),
  }
}
