import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import { systemClock } from '@src/lib/clock'
import { DatabaseError } from '@src/lib/errors'
import { silentLogger } from '@src/lib/log'
import { Metrics } from '@src/lib/metrics'
import { eq, sql } from 'drizzle-orm'
import { compile, placeholders } from './bound'
import { type InvoiceRow, InvoicesRepo } from './repos/invoices'
import { invoices, tokens } from './schema'
import { openTestDatabase } from './testing'
import { clientChannel, WorkerChannel, type WriteChannel } from './write-channel'
import { DbWriter, MAX_ISOLATED_FAILURES, type WriterDeps } from './writer'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeEach(async () => {
  database = await openTestDatabase()
})
afterEach(() => database.remove())

function token(uid: string) {
  return { uid, type: 'RFID', status: 'Accepted', createdAt: 1, updatedAt: 1 }
}

/** Every test runs on the node's own client and on the writer thread the node uses for files. */
const channels = {
  client: (): WriteChannel => clientChannel(database.client),
  'worker thread': (): WriteChannel => new WorkerChannel(database.path),
}

/** A channel that counts the transactions it is given. */
function counting(channel: WriteChannel): WriteChannel & { batches: number } {
  const counted = {
    batches: 0,
    batch: (statements: Parameters<WriteChannel['batch']>[0]) => {
      counted.batches++
      return channel.batch(statements)
    },
    close: () => channel.close(),
  }
  return counted
}

describe.each(Object.keys(channels) as (keyof typeof channels)[])('group commit (%s)', (name) => {
  const writerOf = (deps: Omit<WriterDeps, 'db' | 'clock' | 'log'>) =>
    new DbWriter({
      db: database.db,
      clock: systemClock,
      log: silentLogger,
      channel: channels[name](),
      ...deps,
    })
  const uids = async () =>
    (await database.db.select({ uid: tokens.uid }).from(tokens)).map((r) => r.uid).sort()

  test('concurrent writers share commits and every write is durable when its promise resolves', async () => {
    const metrics = new Metrics()
    const batchSeconds = metrics.histogram('b', 'b')
    const writer = writerOf({ flushMs: 5, batchSeconds })
    const { db } = database
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => writer.write([db.insert(tokens).values(token(`t${i}`))])),
    )
    const rows = await db.select().from(tokens)
    expect(rows).toHaveLength(200)
    const commits = Number(/^b_count (\d+)$/m.exec(metrics.render())?.[1])
    expect(commits).toBeGreaterThan(0)
    expect(commits).toBeLessThan(20)
  })

  test('each caller gets the results of its own queries', async () => {
    const writer = writerOf({ flushMs: 5 })
    const { db } = database
    const results = await Promise.all(
      ['a', 'b', 'c'].map((uid) =>
        writer.write([db.insert(tokens).values(token(uid)).returning({ uid: tokens.uid })] as const),
      ),
    )
    expect(results.map(([rows]) => rows[0]?.uid)).toEqual(['a', 'b', 'c'])
  })

  test('one failing write fails alone; the others in its batch still commit', async () => {
    const writer = writerOf({ flushMs: 5 })
    const { db } = database
    await writer.write([db.insert(tokens).values(token('dup'))])
    const outcomes = await Promise.allSettled([
      writer.write([db.insert(tokens).values(token('ok1'))]),
      writer.write([db.insert(tokens).values(token('x')), db.insert(tokens).values(token('dup'))]),
      writer.write([db.insert(tokens).values(token('ok2'))]),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(DatabaseError)
    const uids = (await db.select({ uid: tokens.uid }).from(tokens)).map((r) => r.uid).sort()
    expect(uids).toEqual(['dup', 'ok1', 'ok2'])
  })

  test('one bad write among 50 fails alone, naming its statement; the 49 others commit in at most 2 transactions', async () => {
    const channel = counting(channels[name]())
    const writer = writerOf({ flushMs: 5, channel })
    const { db } = database
    await writer.write([db.insert(tokens).values(token('dup'))])
    channel.batches = 0
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        i === 25
          ? writer.write([db.insert(tokens).values(token('bad-1')), db.insert(tokens).values(token('dup'))])
          : writer.write([db.insert(tokens).values(token(`ok${i}`))]),
      ),
    )
    expect(channel.batches).toBeLessThanOrEqual(2)
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(49)
    const failed = outcomes[25] as PromiseRejectedResult
    expect(failed.reason).toBeInstanceOf(DatabaseError)
    expect(failed.reason.message).toContain('statement 2 of 2 (insert into "tokens"')
    expect(failed.reason.message).toContain('UNIQUE constraint failed: tokens.uid')
    expect(await uids()).toHaveLength(50)
    expect(await uids()).not.toContain('bad-1')
    await writer.close()
  })

  test('several bad writes are each taken out in turn; the rest still commit together', async () => {
    const channel = counting(channels[name]())
    const writer = writerOf({ flushMs: 5, channel })
    const { db } = database
    await writer.write([db.insert(tokens).values(token('dup'))])
    channel.batches = 0
    const bad = new Set([3, 17, 40])
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        writer.write([db.insert(tokens).values(token(bad.has(i) ? 'dup' : `ok${i}`))]),
      ),
    )
    expect(channel.batches).toBeLessThanOrEqual(bad.size + 1)
    expect(outcomes.map((o, i) => (o.status === 'rejected') === bad.has(i))).not.toContain(false)
    expect(await uids()).toHaveLength(48)
    await writer.close()
  })

  test('more bad writes than one batch isolates are committed one by one, and no innocent write fails', async () => {
    const writer = writerOf({ flushMs: 5 })
    const { db } = database
    await writer.write([db.insert(tokens).values(token('dup'))])
    const bad = MAX_ISOLATED_FAILURES + 2
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        writer.write([db.insert(tokens).values(token(i < bad ? 'dup' : `ok${i}`))]),
      ),
    )
    expect(outcomes.map((o) => o.status === 'rejected')).toEqual(
      Array.from({ length: 20 }, (_, i) => i < bad),
    )
    await writer.close()
  })

  test('a value the driver cannot store (NaN) fails only the write that holds it', async () => {
    const writer = writerOf({ flushMs: 5 })
    const { db } = database
    const outcomes = await Promise.allSettled([
      writer.write([db.insert(tokens).values(token('before'))]),
      writer.write([db.insert(tokens).values({ ...token('nan'), createdAt: Number.NaN })]),
      writer.write([db.insert(tokens).values(token('after'))]),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain('statement 1 of 1')
    expect(await uids()).toEqual(['after', 'before'])
    await writer.close()
  })

  test('flush commits what is waiting; a closed writer refuses writes', async () => {
    const writer = writerOf({ flushMs: 1000 })
    const { db } = database
    const pending = writer.write([db.update(tokens).set({ status: 'Blocked' }).where(eq(tokens.uid, 'none'))])
    await writer.close()
    await pending
    await expect(writer.write([db.insert(tokens).values(token('late'))])).rejects.toBeInstanceOf(
      DatabaseError,
    )
  })

  test('compiled statements run in the same transaction as drizzle queries, with their results', async () => {
    const writer = writerOf({ flushMs: 5 })
    const { db } = database
    const insert = compile<ReturnType<typeof token>>(
      db.insert(tokens).values(placeholders(['uid', 'type', 'status', 'createdAt', 'updatedAt'])),
    )
    const block = compile<{ uid: string }>(
      db
        .update(tokens)
        .set({ status: 'Blocked' })
        .where(eq(tokens.uid, sql.placeholder('uid'))),
    )
    const [inserted, blocked, returned] = await writer.write([
      insert(token('c1')),
      block({ uid: 'c1' }),
      db.insert(tokens).values(token('c2')).returning({ uid: tokens.uid, status: tokens.status }),
    ] as const)
    expect(inserted.rowsAffected).toBe(1)
    expect(blocked.rowsAffected).toBe(1)
    expect(returned).toEqual([{ uid: 'c2', status: 'Accepted' }])
    const rows = await db.select({ uid: tokens.uid, status: tokens.status }).from(tokens).orderBy(tokens.uid)
    expect(rows).toEqual([
      { uid: 'c1', status: 'Blocked' },
      { uid: 'c2', status: 'Accepted' },
    ])
    await writer.close()
  })

  test('a failing compiled statement rolls its caller back and the statement stays usable', async () => {
    const writer = writerOf({ flushMs: 0 })
    const { db } = database
    const insert = compile<ReturnType<typeof token>>(
      db.insert(tokens).values(placeholders(['uid', 'type', 'status', 'createdAt', 'updatedAt'])),
    )
    await writer.write([insert(token('same'))])
    const failed = await writer.write([insert(token('first')), insert(token('same'))]).catch((e) => e)
    expect(failed).toBeInstanceOf(DatabaseError)
    expect(String(failed.cause)).toContain('UNIQUE constraint failed: tokens.uid')
    await writer.write([insert(token('after'))])
    const uids = (await db.select({ uid: tokens.uid }).from(tokens)).map((r) => r.uid).sort()
    expect(uids).toEqual(['after', 'same'])
    await writer.close()
  })

  test('a batch that reuses an invoice number rejects on the unique index, and later batches still commit', async () => {
    const writer = writerOf({ flushMs: 5 })
    const repo = new InvoicesRepo(database.db)
    const issue = (id: string, seq: number) =>
      writer.write(repo.issue('org', [{ row: invoiceRow(id, seq), cdrIds: [`cdr-${id}`] }]))
    await issue('first', 1)
    const outcomes = await Promise.allSettled([issue('reused', 1), issue('next', 2)])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled'])
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toContain(
      'UNIQUE constraint failed: invoices.organization_id, invoices.seq',
    )
    await issue('after', 3)
    const rows = await database.db.select({ id: invoices.id }).from(invoices).orderBy(invoices.seq)
    expect(rows.map((r) => r.id)).toEqual(['first', 'next', 'after'])
    expect(await repo.lastSeq('org')).toBe(3)
    await writer.close()
  }, 10_000)
})

/** An invoice row numbered `seq` of seller `org`, each for its own buyer. */
function invoiceRow(id: string, seq: number): InvoiceRow {
  return {
    id,
    organizationId: 'org',
    kind: 'invoice',
    seq,
    number: `N-${seq}`,
    buyerKind: 'driver',
    buyerId: `driver-${id}`,
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    issuedOn: '2026-12-01',
    dueOn: '2026-12-31',
    currency: 'SEK',
    totalToPay: '10.00',
    totalMinor: 1000,
    creditsInvoiceId: null,
    runId: null,
    body: { id },
    createdAt: 1,
  }
}

test('the writer thread rolls a failed batch back and names the statement that failed', async () => {
  const channel = new WorkerChannel(database.path)
  const insert = (uid: string) => ({
    sql: 'insert into tokens (uid, type, status, created_at, updated_at) values (?, ?, ?, ?, ?)',
    args: [uid, 'RFID', 'Accepted', 1, 1],
  })
  await channel.batch([insert('dup')])
  const failed = await channel.batch([insert('new'), insert('dup')]).catch((e: Error) => e)
  expect(String(failed)).toContain('(statement 2 of the batch)')
  const uids = (await database.db.select({ uid: tokens.uid }).from(tokens)).map((r) => r.uid)
  expect(uids).toEqual(['dup'])
  await channel.close()
})

test('a database file the writer thread cannot open fails each batch with a clear error', async () => {
  const channel = new WorkerChannel('/nonexistent-dir/csms.db')
  const statement = { sql: 'select 1', args: [] }
  for (let attempt = 0; attempt < 2; attempt++) {
    const failed = await channel.batch([statement]).catch((e: Error) => e)
    expect(failed).toBeInstanceOf(Error)
    expect(String(failed)).toMatch(/unable to open|no such file|cannot open/i)
  }
  await channel.close()
})
