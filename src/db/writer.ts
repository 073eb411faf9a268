import type { InValue, ResultSet } from '@libsql/client'
import type { Clock, TimerHandle } from '@src/lib/clock'
import { DatabaseError } from '@src/lib/errors'
import type { Logger } from '@src/lib/log'
import type { Histogram } from '@src/lib/metrics'
import type { BatchItem } from 'drizzle-orm/batch'
import { type BoundStatement, isBound } from './bound'
import type { Db } from './client'
import { clientChannel, type WriteChannel } from './write-channel'

/** What drizzle's `.prepare()` gives: the built query, and how to map the driver's result. */
interface PreparedWrite {
  getQuery(): { sql: string; params: unknown[] }
  mapResult(response: unknown, isFromBatch?: boolean): unknown
}

/** A drizzle insert, update or delete (optionally with `.returning()`). */
export type DrizzleWrite = BatchItem<'sqlite'> & { prepare(): PreparedWrite }

/** One write a writer can batch: a drizzle query, or a compiled statement (`bound.ts`) on hot paths. */
export type WriteQuery = DrizzleWrite | BoundStatement

/** Per write: drizzle's result for a drizzle query, the driver's result set for a bound statement. */
export type WriteResults<T extends readonly WriteQuery[]> = {
  [K in keyof T]: T[K] extends DrizzleWrite ? T[K]['_']['result'] : ResultSet
}

interface Job {
  queries: readonly WriteQuery[]
  resolve: (results: unknown[]) => void
  reject: (err: unknown) => void
}

/** What the writer needs; `batchSeconds` observes how long each commit takes. */
export interface WriterDeps {
  db: Db
  /** Where batches run; by default on `db`'s own client (see `WorkerChannel` for embedded files). */
  channel?: WriteChannel
  clock: Clock
  log: Logger
  /** How long to gather writes before one commit (0 = commit on the next microtask). */
  flushMs: number
  /** Commit at once when this many queries are waiting. */
  maxQueries?: number
  batchSeconds?: Histogram
}

/**
 * Group commit: every actor's writes go through one writer, which commits everything gathered in the
 * last few milliseconds as one database transaction. Each caller's own queries stay atomic together, and
 * its promise resolves only once the transaction is durable, so "durable before acknowledged" costs one
 * fsync per batch rather than one per message.
 *
 * If a combined batch fails, each caller's queries are retried alone, so one bad write cannot fail the
 * others.
 *
 * @example
 * const [row] = await writer.write([db.insert(transactions).values(v).returning({ id: transactions.id })])
 */
export class DbWriter {
  #queue: Job[] = []
  #queued = 0
  #timer: TimerHandle | undefined
  #flushing: Promise<void> | undefined
  #closed = false
  readonly #channel: WriteChannel

  constructor(private readonly deps: WriterDeps) {
    this.#channel = deps.channel ?? clientChannel(deps.db.$client)
  }

  /** Commits `queries` atomically, together with other callers' writes; resolves once durable. */
  write<const T extends readonly WriteQuery[]>(queries: T): Promise<WriteResults<T>> {
    if (this.#closed) return Promise.reject(new DatabaseError('writer is closed', undefined))
    if (queries.length === 0) return Promise.resolve([] as unknown as WriteResults<T>)
    return new Promise((resolve, reject) => {
      this.#queue.push({ queries, resolve: resolve as (r: unknown[]) => void, reject })
      this.#queued += queries.length
      this.#schedule()
    })
  }

  /** Commits everything waiting now and waits for it (used at shutdown). */
  async flush(): Promise<void> {
    while (this.#queue.length > 0 || this.#flushing) {
      if (this.#flushing) await this.#flushing
      else await this.#commitNow()
    }
  }

  /** Flushes and refuses further writes. */
  async close(): Promise<void> {
    await this.flush()
    this.#closed = true
    await this.#channel.close()
  }

  #schedule(): void {
    if (this.#flushing || this.#timer !== undefined) return
    if (this.#queued >= (this.deps.maxQueries ?? 2000) || this.deps.flushMs === 0) {
      this.#timer = 0
      queueMicrotask(() => void this.#commitNow())
    } else {
      this.#timer = this.deps.clock.setTimeout(() => void this.#commitNow(), this.deps.flushMs)
    }
  }

  #commitNow(): Promise<void> {
    if (this.#timer !== undefined && this.#timer !== 0) this.deps.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#flushing) return this.#flushing
    const jobs = this.#queue
    this.#queue = []
    this.#queued = 0
    if (jobs.length === 0) return Promise.resolve()
    this.#flushing = this.#commit(jobs).finally(() => {
      this.#flushing = undefined
      if (this.#queue.length > 0) this.#schedule()
    })
    return this.#flushing
  }

  async #commit(jobs: Job[]): Promise<void> {
    const started = performance.now()
    const all = jobs.flatMap((j) => j.queries)
    try {
      const results = await this.#batch(all)
      let at = 0
      for (const job of jobs) {
        job.resolve(results.slice(at, at + job.queries.length))
        at += job.queries.length
      }
    } catch (err) {
      if (jobs.length === 1) jobs[0]!.reject(new DatabaseError('write failed', err))
      else await this.#commitEach(jobs)
    } finally {
      this.deps.batchSeconds?.observe((performance.now() - started) / 1000)
    }
  }

  async #commitEach(jobs: Job[]): Promise<void> {
    this.deps.log.warn('group commit failed; committing writes one by one', { jobs: jobs.length })
    for (const job of jobs) {
      try {
        job.resolve(await this.#batch(job.queries))
      } catch (err) {
        job.reject(new DatabaseError('write failed', err))
      }
    }
  }

  /** One transaction, as drizzle's own batch does it, with bound statements passed straight through. */
  async #batch(queries: readonly WriteQuery[]): Promise<unknown[]> {
    const prepared = queries.map((q) => (isBound(q) ? undefined : q.prepare()))
    const statements = queries.map((q, i) => {
      if (isBound(q)) return q
      const { sql, params } = (prepared[i] as PreparedWrite).getQuery()
      return { sql, args: params as InValue[] }
    })
    const results = await this.#channel.batch(statements)
    return results.map((r, i) => prepared[i]?.mapResult(r, true) ?? r)
  }
}
