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
  /** True for an embedded file database (single-writer, fsync per commit). */
  embedded: boolean
}

/**
 * Opens the database. For an embedded `file:` URL the folder is created and SQLite is set to WAL with
 * full fsync on commit: a committed transaction survives power loss, which "durable before
 * acknowledged" needs; group commit (`writer.ts`) keeps that affordable.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  const embedded = url.startsWith('file:')
  if (embedded) {
    const path = url.slice('file:'.length).split('?')[0]!
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true })
  }
  if (embedded) cachePreparedStatements()
  const client = createClient({ url, authToken })
  if (embedded) {
    await client.execute('PRAGMA journal_mode = WAL')
    await client.execute('PRAGMA synchronous = FULL')
    await client.execute('PRAGMA busy_timeout = 5000')
    await client.execute('PRAGMA foreign_keys = ON')
  }
  return { db: drizzle(client, { schema }), client, embedded }
}
