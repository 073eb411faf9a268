import { Worker } from 'node:worker_threads'
import type { Logger } from '@src/lib/log'

/** How often the checkpointer copies the WAL into the database file (ms). */
export const CHECKPOINT_EVERY_MS = 1000

/**
 * The writer connection checkpoints the WAL only when it has grown past this many pages (40 MB), as a
 * backstop should the checkpointer fall behind or stop; SQLite's default, 1,000 pages, would put a
 * checkpoint (a database-file write and fsync) inside a group commit every few seconds under load.
 */
export const WRITER_AUTOCHECKPOINT_PAGES = 10_000

/**
 * Keeps an embedded database's WAL short from a thread of its own, so that copying WAL frames into the
 * database file and its fsync never delay a commit and so never the chargers waiting on one.
 */
export class Checkpointer {
  #worker: Worker | undefined

  constructor(
    private readonly path: string,
    private readonly log: Logger,
    private readonly everyMs = CHECKPOINT_EVERY_MS,
  ) {}

  start(): void {
    if (this.#worker) return
    const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
      workerData: { path: this.path, everyMs: this.everyMs },
    })
    worker.on('message', (m: { error: string }) => this.log.warn('WAL checkpoint failed', { error: m.error }))
    worker.on('error', (err: Error) => this.log.error('WAL checkpointer stopped', { error: err.message }))
    worker.unref()
    this.#worker = worker
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    await worker?.terminate()
  }
}
