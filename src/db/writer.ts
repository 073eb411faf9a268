import type { InValue, ResultSet } from '@libsql/client'
import type { Clock, TimerHandle } from '@src/lib/clock'
import { DatabaseError } from '@src/lib/errors'
import { type HealthStatus, healthy } from '@src/lib/health'
import type { Logger } from '@src/lib/log'
import type { Histogram } from '@src/lib/metrics'
import type { BatchItem } from 'drizzle-orm/batch'
import { type BoundStatement, isBound } from './bound'
import { type Db, PROBE_WRITE } from './client'
import { CommitHealth } from './commit-health'
import { BatchError, clientChannel, type Statement, type WriteChannel } from './write-channel'

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
  statements: Statement[]
  /** The caller's results from the driver's: drizzle's shapes for drizzle queries, as is for bound ones. */
  read: (results: ResultSet[]) => unknown[]
  resolve: (results: unknown[]) => void
  reject: (err: unknown) => void
}

/**
 * How many failing writes one batch may have taken out, each costing one rolled-back attempt, before
 * the rest are committed one by one; innocent writes never fail, whatever the batch holds.
 */
export const MAX_ISOLATED_FAILURES = 8

/** The health probe's test write when nothing was committed for a while. */
const PROBE: BoundStatement = { sql: PROBE_WRITE, args: [] }

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
  /** How old the last commit's outcome may be to answer `status()` without a test write (default 5 s). */
  healthFreshMs?: number
  /** How long a commit may run before `status()` says the database cannot commit (default 10 s). */
  healthStuckMs?: number
}

/**
 * Group commit: every actor's writes go through one writer, which commits everything gathered in the
 * last few milliseconds as one database transaction. Each caller's own queries stay atomic together, and
 * its promise resolves only once the transaction is durable, so "durable before acknowledged" costs one
 * fsync per batch rather than one per message.
 *
 * If a combined batch fails because of one caller's write (a constraint, a value that cannot be
 * stored), that caller alone gets the error, naming its statement, and the others are committed again
 * as one batch: one bad write costs the others one rolled-back attempt, never their group commit. If
 * the database itself fails (disk full, read-only, I/O), every write of the batch fails at once, and
 * {@link DbWriter.status} says why until a commit succeeds again.
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
  #probe: Promise<HealthStatus> | undefined
  readonly #channel: WriteChannel
  readonly #health: CommitHealth

  constructor(private readonly deps: WriterDeps) {
    this.#channel = deps.channel ?? clientChannel(deps.db.$client)
    this.#health = new CommitHealth({
      clock: deps.clock,
      log: deps.log,
      freshMs: deps.healthFreshMs ?? 5000,
      stuckMs: deps.healthStuckMs ?? 10_000,
    })
  }

  /** Commits `queries` atomically, together with other callers' writes; resolves once durable. */
  write<const T extends readonly WriteQuery[]>(queries: T): Promise<WriteResults<T>> {
    if (this.#closed) return Promise.reject(new DatabaseError('writer is closed', undefined))
    if (queries.length === 0) return Promise.resolve([] as unknown as WriteResults<T>)
    return new Promise((resolve, reject) => {
      this.#queue.push({ ...build(queries), resolve: resolve as (r: unknown[]) => void, reject })
      this.#queued += queries.length
      this.#schedule()
    })
  }

  /**
   * Whether this writer can commit, for `/health`: the outcome of its last commit while that is recent
   * (no write per probe on a busy node), otherwise one test write on the writer's own path.
   */
  status(): Promise<HealthStatus> {
    if (this.#closed) return Promise.resolve({ ok: false, reason: 'the database writer is closed' })
    const known = this.#health.known()
    if (known) return Promise.resolve(known)
    this.#probe ??= this.write([PROBE])
      .then(
        (): HealthStatus => healthy,
        (err: unknown): HealthStatus =>
          this.#health.known() ?? { ok: false, reason: `cannot commit: ${reasonOf(err)}` },
      )
      .finally(() => {
        this.#probe = undefined
      })
    return this.#probe
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
    this.#health.began()
    let pending = jobs
    try {
      for (let isolated = 0; pending.length > 0; isolated++) {
        if (isolated === MAX_ISOLATED_FAILURES) return await this.#commitEach(pending)
        const failure = await this.#attempt(pending)
        if (!failure) return
        const culprit = culpritOf(pending, failure.error)
        if (!culprit) return this.#failAll(pending, failure.error)
        culprit.job.reject(culprit.error)
        pending = pending.filter((j) => j !== culprit.job)
      }
    } finally {
      this.#health.ended()
      this.deps.batchSeconds?.observe((performance.now() - started) / 1000)
    }
  }

  /** Commits `jobs` as one transaction and hands each its results; the error if the batch failed. */
  async #attempt(jobs: Job[]): Promise<{ error: unknown } | undefined> {
    let results: ResultSet[]
    try {
      results = await this.#channel.batch(jobs.flatMap((j) => j.statements))
    } catch (error) {
      return { error }
    }
    this.#health.committed()
    let at = 0
    for (const job of jobs) {
      const own = results.slice(at, at + job.statements.length)
      at += job.statements.length
      try {
        job.resolve(job.read(own))
      } catch (err) {
        job.reject(new DatabaseError('write committed, but its results could not be read', err))
      }
    }
    return undefined
  }

  /** The database failed, not a write: every write of the batch fails with its reason. */
  #failAll(jobs: Job[], error: unknown): void {
    const reason = reasonOf(error)
    this.#health.failed(reason)
    for (const job of jobs) job.reject(new DatabaseError(`write failed: ${reason}`, error))
  }

  async #commitEach(jobs: Job[]): Promise<void> {
    this.deps.log.warn('many writes of one batch failed; committing the rest one by one', {
      jobs: jobs.length,
    })
    for (const job of jobs) {
      const failure = await this.#attempt([job])
      if (!failure) continue
      const culprit = culpritOf([job], failure.error)
      if (culprit) job.reject(culprit.error)
      else this.#failAll([job], failure.error)
    }
  }
}

/** A write's statements, built once when it is queued, and how to read its results back. */
function build(queries: readonly WriteQuery[]): Pick<Job, 'statements' | 'read'> {
  const prepared = queries.map((q) => (isBound(q) ? undefined : q.prepare()))
  const statements = queries.map((q, i): Statement => {
    if (isBound(q)) return { sql: q.sql, args: q.args }
    const { sql, params } = (prepared[i] as PreparedWrite).getQuery()
    return { sql, args: params as InValue[] }
  })
  const read = (results: ResultSet[]) => results.map((r, i) => prepared[i]?.mapResult(r, true) ?? r)
  return { statements, read }
}

/** The write whose own statement broke the batch, with the error it gets; undefined if the database failed. */
function culpritOf(jobs: Job[], error: unknown): { job: Job; error: DatabaseError } | undefined {
  const index = error instanceof BatchError ? error.culprit : undefined
  if (index === undefined) return undefined
  let first = 0
  for (const job of jobs) {
    const own = index - first
    if (own < job.statements.length) {
      const what = sqlHead(job.statements[own]!.sql)
      const where = `its statement ${own + 1} of ${job.statements.length} (${what})`
      return {
        job,
        error: new DatabaseError(`write failed at ${where}: ${(error as BatchError).reason}`, error),
      }
    }
    first += job.statements.length
  }
  return undefined
}

/** The start of a statement's SQL, enough to recognise it in a log (values are never shown). */
function sqlHead(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat
}

/** Why the database failed, in its own words and code. */
function reasonOf(error: unknown): string {
  if (error instanceof BatchError)
    return error.sqliteCode ? `${error.reason} (${error.sqliteCode})` : error.reason
  return error instanceof Error ? error.message : String(error)
}
