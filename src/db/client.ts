import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type Client, createClient, LibsqlError } from '@libsql/client'
import { type Clock, systemClock } from '@src/lib/clock'
import { DatabaseUnavailableError } from '@src/lib/errors'
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql'
import * as schema from './schema'
import { cachePreparedStatements } from './statement-cache'

/** The typed database handle every repository takes (`$client` is the libsql client under it). */
export type Db = LibSQLDatabase<typeof schema> & { $client: Client }

/** A database connection: the drizzle handle and the libsql client under it (closed at shutdown). */
export interface Database {
  db: Db
  client: Client
  /** The embedded database's file (unset in memory and for a remote server). */
  file?: string
}

/**
 * A real write that needs no table: it rewrites the database header's application id ("CSMS"), one
 * page through the WAL and its fsync. It proves the database can commit (at boot, and for `/health`
 * when nothing was written for a while) and marks the file as this application's.
 */
export const PROBE_WRITE = 'PRAGMA application_id = 1129531731'

/** How long boot waits for a remote database to answer before giving up on it. */
export const CONNECT_TIMEOUT_MS = 10_000

/**
 * Opens the database and proves it usable: an embedded file must be writable (one probe write), a
 * remote server must answer. For an embedded `file:` URL the folder is created and SQLite is set to WAL
 * with full fsync on commit: a committed transaction survives power loss, which "durable before
 * acknowledged" needs; group commit (`writer.ts`) keeps that affordable. A database that cannot be
 * used throws a {@link DatabaseUnavailableError} whose message is one line saying what, where and
 * what to do, so the node stops with that line instead of a stack trace.
 */
export async function openDatabase(
  url: string,
  authToken?: string,
  clock: Clock = systemClock,
): Promise<Database> {
  const embedded = url.startsWith('file:')
  const path = embedded ? url.slice('file:'.length).split('?')[0] : undefined
  const file = path && path !== ':memory:' ? resolve(path) : undefined
  let client: Client | undefined
  try {
    if (file) mkdirSync(dirname(file), { recursive: true })
    if (embedded) cachePreparedStatements()
    client = createClient({ url, authToken })
    if (embedded) {
      await client.execute('PRAGMA journal_mode = WAL')
      await client.execute('PRAGMA synchronous = FULL')
      await client.execute('PRAGMA busy_timeout = 5000')
      await client.execute('PRAGMA foreign_keys = ON')
      await client.execute(PROBE_WRITE)
    } else {
      await answersWithin(client.execute('select 1'), clock, CONNECT_TIMEOUT_MS)
    }
  } catch (err) {
    client?.close()
    throw unavailable(url, file, err)
  }
  return { db: drizzle(client, { schema }), client, ...(file ? { file } : {}) }
}

async function answersWithin<T>(work: Promise<T>, clock: Clock, ms: number): Promise<T> {
  let timer: ReturnType<Clock['setTimeout']> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([work, late])
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer)
  }
}

/** One line: which database, the driver's reason in its words and code, and what a person can do. */
function unavailable(url: string, file: string | undefined, err: unknown): DatabaseUnavailableError {
  const where = file ? `file ${file}` : `server ${url.split('?')[0]}`
  const code = codeOf(err)
  const reason = `${driverReason(err)}${code ? ` (${code})` : ''}`
  return new DatabaseUnavailableError(
    `cannot use the database ${where}: ${reason}. ${advice(file, code)}`,
    err,
  )
}

function advice(file: string | undefined, code: string | undefined): string {
  if (!file)
    return 'Check that the libsql server runs at that address and is reachable from this host, and that DATABASE_URL and DATABASE_AUTH_TOKEN are right.'
  if (code?.startsWith('SQLITE_FULL') || code === 'ENOSPC')
    return 'Free space on that disk, or set DATABASE_URL to a file on another disk.'
  if (code?.startsWith('SQLITE_NOTADB') || code?.startsWith('SQLITE_CORRUPT'))
    return 'That file is not a usable SQLite database: set DATABASE_URL to another file, or restore it from a backup.'
  return 'The node must write that file and create files beside it (-wal, -shm): check the permissions of the file and its folder and that the disk is mounted writable, or set DATABASE_URL to a writable file.'
}

/** The driver's or the system's code for an error (`SQLITE_READONLY`, `ECONNREFUSED`), if it has one. */
function codeOf(err: unknown): string | undefined {
  if (err instanceof LibsqlError) return err.extendedCode ?? err.code
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.length > 0 ? code : undefined
}

/** libsql's message without the codes it puts in front ("SQLITE_FULL: SQLITE_FULL: database or disk is full"). */
export function driverReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.replace(/^(?:[A-Z][A-Z0-9_]*: )+/, '')
}
