import { afterAll, describe, expect, test } from 'bun:test'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Client, createClient, type InStatement, type ResultSet } from '@libsql/client'
import { randomId } from '@src/lib/ids'
import Database from 'libsql'
import {
  cachePreparedStatements,
  cachingPrepare,
  type Prepare,
  withoutStatementCache,
} from './statement-cache'
import { openTestDatabase } from './testing'

// The cache replaces a method of libsql's Database.prototype, process-wide. These tests fail if that
// stops working: if @libsql/client no longer calls it (a libsql upgrade, a second copy of libsql under
// the client, a client that prepares differently), or if caching ever changes a result.

const files: string[] = []
afterAll(() => {
  for (const file of files)
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
})

/** A client on a new database file, as the node opens it (integers as bigint, to see every bit). */
function newClient(): Client {
  const file = join(tmpdir(), `csms-cache-${randomId(8)}.db`)
  files.push(file)
  return createClient({ url: `file:${file}`, intMode: 'bigint' })
}

/** libsql's own prepare, a new statement per call (the cache keeps it while installed). */
function libsqlPrepare(): Promise<Prepare> {
  cachePreparedStatements()
  return withoutStatementCache(async () => (Database.prototype as unknown as { prepare: Prepare }).prepare)
}

/** Records each prepare the client makes through libsql's Database.prototype while `run` runs. */
async function preparesDuring(run: () => Promise<unknown>): Promise<{ sql: string; statement: object }[]> {
  const proto = Database.prototype as unknown as { prepare: Prepare }
  const installed = proto.prepare
  const seen: { sql: string; statement: object }[] = []
  proto.prepare = function recorded(this: object, sql: string) {
    const statement = installed.call(this, sql)
    seen.push({ sql, statement })
    return statement
  }
  try {
    await run()
  } finally {
    proto.prepare = installed
  }
  return seen
}

describe('the prepared-statement cache', () => {
  test('is installed where @libsql/client prepares: the same statement object for the same SQL', async () => {
    const database = await openTestDatabase()
    const { client } = database
    const results: unknown[] = []
    const run = () =>
      preparesDuring(async () => {
        for (const stmt of [
          { sql: 'SELECT ? AS x', args: [1] },
          { sql: 'SELECT ? AS x', args: [2] },
          'SELECT 3 AS x',
        ])
          results.push((await client.execute(stmt)).rows[0]?.x)
      })
    const cached = await run()
    const uncached = await withoutStatementCache(run)
    database.remove()

    const why =
      'the client did not prepare through libsql Database.prototype.prepare: the cache is not in use'
    expect(
      cached.map((p) => p.sql),
      why,
    ).toEqual(['SELECT ? AS x', 'SELECT ? AS x', 'SELECT 3 AS x'])
    expect(cached[1]?.statement).toBe(cached[0]!.statement)
    expect(cached[2]?.statement).not.toBe(cached[0]!.statement)
    expect(uncached[1]?.statement).not.toBe(uncached[0]!.statement)
    expect(results).toEqual([1, 2, 3, 1, 2, 3])
  })

  test('one libsql prepare per SQL text and connection; least recently used dropped; a schema change drops all', async () => {
    const prepare = await libsqlPrepare()
    const prepared: string[] = []
    const cached = cachingPrepare(function counted(this: object, sql: string) {
      prepared.push(sql)
      return prepare.call(this, sql)
    }, 2)
    const [a, b] = [new Database(':memory:'), new Database(':memory:')]
    const first = cached.call(a, 'SELECT 1')
    expect(cached.call(a, 'SELECT 1')).toBe(first)
    expect(cached.call(b, 'SELECT 1')).not.toBe(first)
    cached.call(a, 'SELECT 2')
    cached.call(a, 'SELECT 1')
    cached.call(a, 'SELECT 3')
    expect(cached.call(a, 'SELECT 1')).toBe(first)
    cached.call(a, 'SELECT 2')
    expect(prepared).toEqual(['SELECT 1', 'SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2'])

    prepared.length = 0
    a.exec('CREATE TABLE x (a)')
    cached.call(a, '  -- a comment first\n  ALTER TABLE x ADD COLUMN y')
    cached.call(a, '/* and here */ CREATE TABLE z (a)')
    cached.call(a, 'CREATE TABLE z (a)')
    expect(cached.call(a, 'SELECT 1')).not.toBe(first)
    expect(cached.call(b, 'SELECT 1')).not.toBe(first)
    expect(prepared).toEqual([
      '  -- a comment first\n  ALTER TABLE x ADD COLUMN y',
      '/* and here */ CREATE TABLE z (a)',
      'CREATE TABLE z (a)',
      'SELECT 1',
      'SELECT 1',
    ])
    a.close()
    b.close()
  })

  test('every result through @libsql/client is the same with and without the cache', async () => {
    cachePreparedStatements()
    const withCache = await workload(newClient())
    const without = await withoutStatementCache(() => workload(newClient()))
    expect(withCache).toEqual(without)
    const columns = withCache.map((r) => (r as { columns?: string[] }).columns?.join(','))
    expect(columns).toContain('id,n,r,s,b,u,extra')
    expect(columns).toContain('z,n,y')
  })
})

/**
 * Each statement three times (so the cached runs reuse statements), with every kind of value, rows and
 * no rows, errors, RETURNING, PRAGMA, a batch, and then the same SQL after the schema changed under it
 * (ALTER, DROP and CREATE, a multi-statement script).
 */
async function workload(client: Client): Promise<unknown[]> {
  const out: unknown[] = []
  const run = async (stmt: InStatement) => {
    try {
      out.push(shape(await client.execute(stmt)))
    } catch (err) {
      out.push({ error: (err as Error).message, code: (err as { code?: string }).code })
    }
  }
  const everything = { sql: 'SELECT * FROM t WHERE rowid > ? ORDER BY rowid', args: [0] }
  await run('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT, b BLOB, u TEXT UNIQUE)')
  for (let round = 0; round < 3; round++) {
    const values = [2n ** 60n + BigInt(round), 1.5, 'é😀\u0000"', new Uint8Array([round, 255]), `u${round}`]
    await run({ sql: 'INSERT INTO t (n, r, s, b, u) VALUES (?, ?, ?, ?, ?)', args: values })
    await run({ sql: 'INSERT INTO t (n, u) VALUES (?, ?)', args: [1, 'u0'] })
    await run(everything)
    await run({ sql: 'SELECT n, s FROM t WHERE id < ?', args: [0] })
    await run({ sql: 'UPDATE t SET r = r + 1 WHERE id = ? RETURNING id, r', args: [1] })
    await run({ sql: 'UPDATE t SET s = ? WHERE id = ?', args: ['none', 99] })
    await run({ sql: 'SELECT :name AS named, $other AS other', args: { name: 'x', other: round } })
    await run('PRAGMA table_info(t)')
    out.push((await client.batch([everything, { sql: 'DELETE FROM t WHERE id = ?', args: [99] }])).map(shape))
  }
  await run("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'new'")
  await run(everything)
  await run('DROP TABLE t')
  await run('CREATE TABLE t (z TEXT, n INTEGER)')
  await run({ sql: 'INSERT INTO t VALUES (?, ?)', args: ['zz', 7] })
  await run(everything)
  await client.executeMultiple('ALTER TABLE t ADD COLUMN y TEXT; UPDATE t SET y = z || z')
  await run(everything)
  client.close()
  return out
}

/** A result set as plain data: columns, types, each row's values and named fields, counts. */
function shape(rs: ResultSet) {
  const value = (v: unknown) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v)
  return {
    columns: rs.columns,
    columnTypes: rs.columnTypes,
    rows: rs.rows.map((row) => ({
      values: Array.from(row, value),
      fields: Object.entries(row).map(([k, v]) => [k, value(v)]),
    })),
    rowsAffected: rs.rowsAffected,
    lastInsertRowid: rs.lastInsertRowid,
  }
}
