import { parentPort } from 'node:worker_threads'
import Database from 'libsql'
import { WRITER_AUTOCHECKPOINT_PAGES } from './checkpointer'
import type { WorkerFailure, WorkerReply, WorkerRequest, WrittenResult } from './write-channel'

/**
 * The group-commit writer's own thread: one connection to the embedded database that runs each batch
 * as one transaction, fsync included, so the node's event loop never waits on the disk.
 */
interface Statement {
  raw(on?: boolean): Statement
  columns(): { name: string }[]
  all(args: unknown[]): unknown[][]
  run(args: unknown[]): { changes: number; lastInsertRowid: number | bigint }
}

let db: { prepare(sql: string): Statement; exec(sql: string): void; inTransaction: boolean } | undefined
const statements = new Map<string, { stmt: Statement; reader: boolean }>()

function open(path: string): void {
  db = new Database(path) as unknown as NonNullable<typeof db>
  db.exec('PRAGMA synchronous = FULL')
  db.exec('PRAGMA busy_timeout = 5000')
  db.exec('PRAGMA foreign_keys = ON')
  db.exec(`PRAGMA wal_autocheckpoint = ${WRITER_AUTOCHECKPOINT_PAGES}`)
}

function prepared(sql: string): { stmt: Statement; reader: boolean } {
  let entry = statements.get(sql)
  if (entry) return entry
  const stmt = (db as NonNullable<typeof db>).prepare(sql)
  let reader = true
  try {
    stmt.raw(true)
  } catch {
    reader = false
  }
  entry = { stmt, reader }
  if (statements.size > 512) statements.delete(statements.keys().next().value as string)
  statements.set(sql, entry)
  return entry
}

const toSql = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v)

function execute(sql: string, args: unknown[]): WrittenResult {
  const { stmt, reader } = prepared(sql)
  const bound = args.map(toSql)
  if (reader) {
    const columns = stmt.columns().map((c) => c.name)
    return { columns, rows: stmt.all(bound), rowsAffected: 0 }
  }
  const info = stmt.run(bound)
  return { columns: [], rows: [], rowsAffected: info.changes, lastInsertRowid: Number(info.lastInsertRowid) }
}

/** Runs a batch as one transaction; a failure names the statement it happened in (-1: begin or commit). */
function batch(request: Extract<WorkerRequest, { kind: 'batch' }>): WorkerReply {
  const conn = db
  if (!conn) return { id: request.id, error: { message: 'the database is not open', index: -1 } }
  let index = -1
  try {
    conn.exec('BEGIN IMMEDIATE')
    const results = request.statements.map((s, i) => {
      index = i
      return execute(s.sql, s.args)
    })
    index = -1
    conn.exec('COMMIT')
    return { id: request.id, results }
  } catch (err) {
    if (conn.inTransaction) conn.exec('ROLLBACK')
    return { id: request.id, error: failure(err, index) }
  }
}

/** An error as the writer's side sees it: message, where, and SQLite's code when it has one. */
function failure(err: unknown, index: number): WorkerFailure {
  const message = err instanceof Error ? err.message : String(err)
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? { message, index, code } : { message, index }
}

const port = parentPort
if (!port) throw new Error('write-worker.ts runs as a worker thread')

function reply(request: WorkerRequest): WorkerReply {
  if (request.kind === 'batch') return batch(request)
  try {
    open(request.path)
    return { id: request.id, results: [] }
  } catch (err) {
    return { id: request.id, error: failure(err, -1) }
  }
}

port.on('message', (request: WorkerRequest) => port.postMessage(reply(request)))
