import { parentPort, workerData } from 'node:worker_threads'
import Database from 'libsql'

/**
 * The checkpointer's thread: copies committed WAL frames into the database file every `everyMs`, with
 * its own connection. PASSIVE never blocks the writer, which keeps committing meanwhile. A failure is
 * reported once until the checkpoints succeed again.
 */
const { path, everyMs } = workerData as { path: string; everyMs: number }
const port = parentPort
if (!port) throw new Error('checkpoint-worker.ts runs as a worker thread')

const db = new Database(path) as unknown as { prepare(sql: string): { get(): unknown } }
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
let lastError: string | undefined
setInterval(() => {
  try {
    checkpoint.get()
    lastError = undefined
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    if (error !== lastError) port.postMessage({ error })
    lastError = error
  }
}, everyMs)
