import { Worker } from 'node:worker_threads'
import type { Client, InStatement, InValue, ResultSet } from '@libsql/client'
import { DatabaseError } from '@src/lib/errors'

/** Where the group-commit writer sends a batch: one transaction, results in statement order. */
export interface WriteChannel {
  batch(statements: { sql: string; args: InValue[] }[]): Promise<ResultSet[]>
  close(): Promise<void>
}

/** The writer's batches on the node's own libsql client (in-memory and remote databases). */
export function clientChannel(client: Client): WriteChannel {
  return {
    batch: (statements) => client.batch(statements as InStatement[]),
    close: async () => {},
  }
}

/** One statement's result as the worker sends it back (rows as value arrays). */
export interface WrittenResult {
  columns: string[]
  rows: unknown[][]
  rowsAffected: number
  lastInsertRowid?: number
}

export type WorkerRequest =
  | { kind: 'open'; id: number; path: string }
  | { kind: 'batch'; id: number; statements: { sql: string; args: InValue[] }[] }

export type WorkerReply =
  | { id: number; results: WrittenResult[] }
  | { id: number; error: { message: string; index: number } }

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

  async batch(statements: { sql: string; args: InValue[] }[]): Promise<ResultSet[]> {
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
    if ('error' in reply) pending.reject(new Error(failureText(reply.error)))
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
function failureText(e: { message: string; index: number }): string {
  return e.index < 0 ? e.message : `${e.message} (statement ${e.index + 1} of the batch)`
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
