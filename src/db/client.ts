import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type Client, createClient } from '@libsql/client'
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
 * Opens the database. For an embedded `file:` URL the folder is created and SQLite is set to WAL with
 * full fsync on commit: a committed transaction survives power loss, which "durable before
 * acknowledged" needs; group commit (`writer.ts`) keeps that affordable.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const embedded = url.startsWith('file:')
  const path = embedded ? url.slice('file:'.length).split('?')[0] : undefined
  const file = path && path !== ':memory:' ? resolve(path) : undefined
  if (file) mkdirSync(dirname(file), { recursive: true })
  if (embedded) cachePreparedStatements()
  const client = createClient({ url, authToken })
  if (embedded) {
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute('PRAGMA synchronous = FULL')
    await client.execute('PRAGMA busy_timeout = 5000')
    await client.execute('PRAGMA foreign_keys = ON')
  }
  return { db: drizzle(client, { schema }), client, ...(file ? { file } : {}) }
}
