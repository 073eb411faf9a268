import { Worker } from 'node:worker_threads'
import {
  type Client,
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
} from '@libsql/client'
import { DatabaseError } from '@src/lib/errors'
import { driverReason } from './client'

/** One statement of a batch: SQL text and its bound values. */
export interface Statement {
  sql: string
  args: InValue[]
}

/**
 * Where the group-commit writer sends a batch: one transaction, results in statement order. A failed
 * batch is rolled back whole and rejects with a {@link BatchError}, so the writer can tell whose write
 * broke it.
 */
export interface WriteChannel {
  batch(statements: Statement[]): Promise<ResultSet[]>
  close(): Promise<void>
}

/**
 * A batch that failed and was rolled back. `statement` is the zero-based index of the statement that
 * failed, when one did (unset when the transaction itself could not begin or commit); `sqliteCode` is
 * the driver's code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_FULL`, ...) when it gave one; `reason` is the
 * driver's own words.
 */
export class BatchError extends DatabaseError {
  constructor(
    readonly reason: string,
    readonly statement: number | undefined,
    readonly sqliteCode: string | undefined,
    cause?: unknown,
  ) {
    super(statement === undefined ? reason : `${reason} (statement ${statement + 1} of the batch)`, cause)
  }

  /**
   * The statement whose own content broke the batch (a constraint, a value that cannot be bound, bad
   * SQL), or undefined when the database itself failed (disk full, read-only, I/O, locked), which no
   * statement can be blamed for and which every other write would meet too.
   */
  get culprit(): number | undefined {
    if (this.statement === undefined) return undefined
    if (this.sqliteCode === undefined) return this.statement
    return DATABASE_FAULT.test(this.sqliteCode) ? undefined : this.statement
  }
}

/**
 * SQLite's codes (primary or extended) for a database that cannot do its work whatever it is asked, and
 * every code that is not SQLite's own (the client's or a server's: a closed transaction, a lost link).
 */
const DATABASE_FAULT =
  /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|CORRUPT|NOTADB|NOMEM|PERM|AUTH|INTERRUPT|PROTOCOL|NOLFS)|^(?!SQLITE_)/

/** The writer's batches on the node's own libsql client (in-memory and remote databases). */
export function clientChannel(client: Client): WriteChannel {
  return {
    batch: async (statements) => {
      try {
        return await client.batch(statements as InStatement[])
      } catch (err) {
        throw clientBatchError(err, statements)
      }
    },
    close: async () => {},
  }
}

/**
 * The client's failure as a {@link BatchError}. libsql names the failing statement of errors SQLite
 * raised; a value it cannot bind (NaN, undefined, an object) it refuses before SQLite sees it, without
 * saying where, so that statement is found by its values.
 */
function clientBatchError(err: unknown, statements: Statement[]): BatchError {
  if (err instanceof LibsqlError) {
    const index = err instanceof LibsqlBatchError ? err.statementIndex : undefined
    return new BatchError(driverReason(err), index, err.extendedCode ?? err.code, err)
  }
  const unbindable = statements.findIndex((s) => s.args.some((v) => !bindable(v)))
  const reason = err instanceof Error ? err.message : String(err)
  return new BatchError(reason, unbindable < 0 ? undefined : unbindable, undefined, err)
}

/** What libsql's client can bind: null, text, finite numbers, bigints, booleans, bytes and valid dates. */
function bindable(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'bigint' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (v instanceof Date) return !Number.isNaN(v.getTime())
  return v instanceof Uint8Array || v instanceof ArrayBuffer
}

/** One statement's result as the worker sends it back (rows as value arrays). */
export interface WrittenResult {
  columns: string[]
  rows: unknown[][]
  rowsAffected: number
  lastInsertRowid?: number
}

/** A request to the writer thread. */
export type WorkerRequest =
  | { kind: 'open'; id: number; path: string }
  | { kind: 'batch'; id: number; statements: Statement[] }

/** Why the writer thread's batch failed: `index` is the failing statement, -1 for begin/commit/open. */
export interface WorkerFailure {
  message: string
  index: number
  code?: string
}

/** The writer thread's answer to one request. */
export type WorkerReply = { id: number; results: WrittenResult[] } | { id: number; error: WorkerFailure }

/**
 * The writer's batches on a worker thread with its own connection to an embedded database file: the
 * commit and its fsync happen off the event loop, which keeps serving chargers meanwhile. Reads stay
 * on the node's connection (WAL: they see every committed batch). If the worker dies, the batches in
 * flight fail (their callers' messages get an error, so chargers retry) and the next batch starts a
 * new worker. The worker keeps the process alive only while a batch is in flight.
 */
export class WorkerChannel implements WriteChannel {
  readonly #pending = new Map<number, { resolve: (r: ResultSet[]) => void; reject: (e: unknown) => void }>()
  #worker: Worker | undefined
  #ready: Promise<unknown> | undefined
  #nextId = 0

  constructor(private readonly path: string) {}

  async batch(statements: Statement[]): Promise<ResultSet[]> {
    await this.#start()
    return this.#send({ kind: 'batch', id: ++this.#nextId, statements }).then((r) => r.map(resultSet))
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    this.#ready = undefined
    await worker?.terminate()
  }

  #start(): Promise<unknown> {
    if (this.#ready) return this.#ready
    const worker = new Worker(new URL('./write-worker.ts', import.meta.url))
    worker.on('message', (reply: WorkerReply) => this.#settle(reply))
    worker.on('error', (err: Error) => this.#fail(worker, err.message))
    worker.on('exit', (code) => this.#fail(worker, `exited with code ${code}`))
    worker.unref()
    this.#worker = worker
    this.#ready = this.#send({ kind: 'open', id: ++this.#nextId, path: this.path }).catch((err) => {
      this.#fail(worker, err instanceof Error ? err.message : String(err))
      throw err
    })
    return this.#ready
  }

  #send(request: WorkerRequest): Promise<WrittenResult[]> {
    const worker = this.#worker
    if (!worker) return Promise.reject(new DatabaseError('database writer is closed', undefined))
    return new Promise((resolve, reject) => {
      this.#pending.set(request.id, { resolve: resolve as (r: unknown) => void, reject })
      worker.ref()
      worker.postMessage(request)
    })
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#pending.get(reply.id)
    this.#pending.delete(reply.id)
    if (this.#pending.size === 0) this.#worker?.unref()
    if (!pending) return
    if ('error' in reply) pending.reject(workerBatchError(reply.error))
    else pending.resolve(reply.results as unknown as ResultSet[])
  }

  /** Fails what the current worker had in flight and lets it go; a replaced or closed worker's end is old news. */
  #fail(worker: Worker, message: string): void {
    if (this.#worker !== worker) return
    this.#worker = undefined
    this.#ready = undefined
    const error = new DatabaseError(`database writer thread failed: ${message}`, undefined)
    for (const p of this.#pending.values()) p.reject(error)
    this.#pending.clear()
    void worker.terminate()
  }
}

/** The worker's error, saying which statement of the batch failed when one did. */
function workerBatchError(e: WorkerFailure): BatchError {
  return new BatchError(e.message, e.index < 0 ? undefined : e.index, e.code)
}

/** A result as libsql's client shapes it: rows indexable by position and by column name. */
function resultSet(r: WrittenResult): ResultSet {
  const rows = r.rows.map((values) => {
    const row: Record<string | number, unknown> = {}
    Object.defineProperty(row, 'length', { value: values.length })
    values.forEach((v, i) => {
      Object.defineProperty(row, i, { value: v })
      const name = r.columns[i] as string
      if (!Object.hasOwn(row, name)) row[name] = v
    })
    return row
  })
  const lastInsertRowid = r.lastInsertRowid === undefined ? undefined : BigInt(r.lastInsertRowid)
  return {
    columns: r.columns,
    columnTypes: [],
    rows,
    rowsAffected: r.rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns: r.columns, rows: r.rows, rowsAffected: r.rowsAffected }),
  } as unknown as ResultSet
}
