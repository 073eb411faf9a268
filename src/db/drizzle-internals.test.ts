import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import type { ResultSet } from '@libsql/client'
import { systemClock } from '@src/lib/clock'
import { silentLogger } from '@src/lib/log'
import { and, asc, eq, max, sql } from 'drizzle-orm'
import { assignments, compile, placeholders } from './bound'
import type { Db } from './client'
import { chargerEvents, chargers, connectors, tokens, transactionEvents } from './schema'
import { openTestDatabase } from './testing'
import { WorkerChannel } from './write-channel'
import { DbWriter } from './writer'

// bound.ts reads drizzle's Param and Placeholder objects, and writer.ts batches through drizzle's
// prepared-query methods (`prepare()`, `getQuery()`, `mapResult()`): internals, not drizzle's public
// API. These tests compare both with drizzle's own way of running the same query, so a drizzle upgrade
// that changes them fails here rather than in production.

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>
let ours: TestDatabase
let theirs: TestDatabase
beforeEach(async () => {
  ;[ours, theirs] = [await openTestDatabase(), await openTestDatabase()]
})
afterEach(() => {
  ours.remove()
  theirs.remove()
})

const token = {
  uid: 'T-1',
  type: 'RFID',
  status: 'Accepted',
  expiresAt: null,
  parentUid: 'P-1',
  label: 'é "quoted"',
  allowConcurrentTx: true,
  createdAt: 1,
  updatedAt: 2,
}
const event = {
  chargerId: 'CP-1',
  at: 5,
  kind: 'firmware',
  payload: { status: 'Installed', nested: [1, null] },
}
const connector = {
  chargerId: 'CP-1',
  evseId: 1,
  connectorId: 1,
  status: 'Charging',
  errorCode: 'NoError',
  info: null,
  vendorErrorCode: null,
  statusAt: 10,
  updatedAt: 11,
}

/** A hot-path statement compiled once, and the same statement as drizzle builds it from values. */
interface Case {
  name: string
  compiled: (db: Db) => { sql: string; args: unknown[] }
  drizzle: (db: Db) => { toSQL(): { sql: string; params: unknown[] } } & PromiseLike<unknown>
  /** The rows the statement changes, read back with plain drizzle. */
  read: (db: Db) => PromiseLike<unknown[]>
}

const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[]

const cases: Case[] = [
  {
    name: 'an insert with a boolean, a null and text',
    compiled: (db) => compile(db.insert(tokens).values(placeholders(keys(token))))(token),
    drizzle: (db) => db.insert(tokens).values(token),
    read: (db) => db.select().from(tokens),
  },
  {
    name: 'an insert with a JSON column',
    compiled: (db) => compile(db.insert(chargerEvents).values(placeholders(keys(event))))(event),
    drizzle: (db) => db.insert(chargerEvents).values(event),
    read: (db) => db.select().from(chargerEvents),
  },
  {
    name: 'an upsert whose update assigns placeholders',
    compiled: (db) =>
      compile(
        db
          .insert(connectors)
          .values(placeholders(keys(connector)))
          .onConflictDoUpdate({
            target: [connectors.chargerId, connectors.evseId, connectors.connectorId],
            set: assignments(['status', 'statusAt']),
          }),
      )(connector),
    drizzle: (db) =>
      db
        .insert(connectors)
        .values(connector)
        .onConflictDoUpdate({
          target: [connectors.chargerId, connectors.evseId, connectors.connectorId],
          set: { status: connector.status, statusAt: connector.statusAt },
        }),
    read: (db) => db.select().from(connectors),
  },
  {
    name: 'an update with assignments and a placeholder in the where clause',
    compiled: (db) =>
      compile<{ id: string; lastSeenAt: number; label: string }>(
        db
          .update(chargers)
          .set(assignments(['lastSeenAt', 'label']))
          .where(eq(chargers.id, sql.placeholder('id'))),
      )({ id: 'CP-1', lastSeenAt: 99, label: 'seen' }),
    drizzle: (db) =>
      db.update(chargers).set({ lastSeenAt: 99, label: 'seen' }).where(eq(chargers.id, 'CP-1')),
    read: (db) => db.select().from(chargers),
  },
]

describe('compile (bound.ts) against drizzle rendering the same query', () => {
  for (const c of cases) {
    test(`${c.name}: the same SQL, and the same rows after running it`, async () => {
      for (const d of [ours, theirs])
        await d.db.insert(chargers).values({ id: 'CP-1', createdAt: 1, updatedAt: 1 })
      const bound = c.compiled(ours.db)
      expect(bound.sql).toBe(c.drizzle(theirs.db).toSQL().sql)
      await ours.client.execute(bound as never)
      await c.drizzle(theirs.db)
      expect(await c.read(ours.db)).toEqual(await c.read(theirs.db))
    })
  }

  test('a select with a placeholder inside raw SQL reads what drizzle reads', async () => {
    const rows = [1, 2, 3].map((seqNo) => ({
      chargerId: 'CP-1',
      ocppTxId: 'TX-1',
      seqNo,
      eventType: 'Updated',
      at: seqNo,
      triggerReason: 'MeterValuePeriodic',
      receivedAt: seqNo,
    }))
    for (const d of [ours, theirs]) await d.db.insert(transactionEvents).values(rows)
    const query = (db: Db, seqNo: unknown, chargerId: unknown, ocppTxId: unknown) =>
      db
        .select({
          max: max(transactionEvents.seqNo).as('max'),
          seen: sql<number>`sum(${transactionEvents.seqNo} = ${seqNo})`.as('seen'),
        })
        .from(transactionEvents)
        .where(
          and(
            eq(transactionEvents.chargerId, chargerId as string),
            eq(transactionEvents.ocppTxId, ocppTxId as string),
          ),
        )
    const p = sql.placeholder
    const bound = compile(query(ours.db, p('seqNo'), p('chargerId'), p('ocppTxId')))({
      seqNo: 2,
      chargerId: 'CP-1',
      ocppTxId: 'TX-1',
    })
    const result = await ours.client.execute(bound)
    const read: unknown[] = result.rows.map((r) => ({ ...r }))
    expect(read).toEqual(await query(theirs.db, 2, 'CP-1', 'TX-1'))
  })

  test('a missing value is refused by name, before anything runs', () => {
    const touch = compile<{ id: string }>(
      ours.db
        .update(chargers)
        .set(assignments(['lastSeenAt']))
        .where(eq(chargers.id, sql.placeholder('id'))),
    )
    expect(() => touch({ id: 'CP-1' })).toThrow('no value for placeholder "lastSeenAt"')
  })
})

const channels = {
  'the client': () => undefined,
  'the writer thread': () => new WorkerChannel(ours.path),
}

describe.each(Object.keys(channels) as (keyof typeof channels)[])(
  "DbWriter's batch (writer.ts, on %s) against drizzle's own db.batch",
  (name) => {
    test('the same results for inserts, updates and deletes, with and without RETURNING', async () => {
      const writes = (db: Db) =>
        [
          db.insert(chargers).values({ id: 'CP-1', createdAt: 1, updatedAt: 1 }),
          db.insert(tokens).values(token).returning(),
          db
            .insert(chargerEvents)
            .values([event, { ...event, at: 6 }])
            .returning({ id: chargerEvents.id }),
          db.update(tokens).set({ status: 'Blocked', allowConcurrentTx: false }).where(eq(tokens.uid, 'T-1')),
          db
            .update(tokens)
            .set({ label: 'x' })
            .where(eq(tokens.uid, 'T-1'))
            .returning({ uid: tokens.uid, label: tokens.label }),
          db.delete(chargerEvents).where(eq(chargerEvents.at, 5)).returning(),
          db.delete(tokens).where(eq(tokens.uid, 'nobody')),
        ] as const
      const channel = channels[name]()
      const writer = new DbWriter({
        db: ours.db,
        clock: systemClock,
        log: silentLogger,
        flushMs: 0,
        ...(channel ? { channel } : {}),
      })
      const mine = await writer.write(writes(ours.db))
      await writer.close()
      const drizzles = await theirs.db.batch(writes(theirs.db))
      expect(mine.map(comparable)).toEqual(drizzles.map(comparable))
      expect(await ours.db.select().from(tokens).orderBy(asc(tokens.uid))).toEqual(
        await theirs.db.select().from(tokens).orderBy(asc(tokens.uid)),
      )
    })
  },
)

/** A result as data: rows for RETURNING, the counts of a driver result set otherwise. */
function comparable(result: unknown): unknown {
  if (Array.isArray(result)) return result
  const rs = result as ResultSet
  return { rowsAffected: rs.rowsAffected, lastInsertRowid: rs.lastInsertRowid, rows: rs.rows.length }
}
