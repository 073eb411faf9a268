import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import type { ResultSet } from '@libsql/client'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { tokens } from './schema'
import { openTestDatabase } from './testing'
import { BatchError, clientChannel, WorkerChannel, type WriteChannel } from './write-channel'
import { DbWriter } from './writer'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeEach(async () => {
  database = await openTestDatabase()
})
afterEach(() => database.remove())

const token = (uid: string, label: string | null = null) => ({
  uid,
  type: 'RFID',
  status: 'Accepted',
  label,
  createdAt: 1,
  updatedAt: 1,
})

/** A channel that counts the transactions it is given and can be made to fail as a database would. */
function controlled(inner: WriteChannel) {
  const control = {
    batches: 0,
    failure: undefined as BatchError | undefined,
    hold: false,
    channel: {
      batch: (statements: Parameters<WriteChannel['batch']>[0]): Promise<ResultSet[]> => {
        control.batches++
        if (control.hold) return new Promise(() => undefined)
        if (control.failure) return Promise.reject(control.failure)
        return inner.batch(statements)
      },
      close: () => inner.close(),
    } satisfies WriteChannel,
  }
  return control
}

const channels = {
  client: (): WriteChannel => clientChannel(database.client),
  'worker thread': (): WriteChannel => new WorkerChannel(database.path),
}

describe.each(Object.keys(channels) as (keyof typeof channels)[])('writer health (%s)', (name) => {
  test('a full database fails the whole batch in one attempt, status() says why, and a commit clears it', async () => {
    const clock = new FakeClock()
    const control = controlled(channels[name]())
    const writer = new DbWriter({
      db: database.db,
      channel: control.channel,
      clock,
      log: silentLogger,
      flushMs: 0,
    })
    const { db } = database
    const pragma = (sql: string) => writer.write([{ sql, args: [] }])
    await pragma('PRAGMA max_page_count = 1')
    control.batches = 0
    const big = 'x'.repeat(8000)
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => writer.write([db.insert(tokens).values(token(`t${i}`, big))])),
    )
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true)
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toContain('database or disk is full')
    expect(control.batches).toBe(1)
    expect(await writer.status()).toEqual({
      ok: false,
      reason: expect.stringMatching(/^cannot commit: database or disk is full \(SQLITE_FULL/),
    })
    expect(control.batches).toBe(1)
    await pragma('PRAGMA max_page_count = 1073741823')
    expect(await writer.status()).toEqual({ ok: true })
    await writer.close()
  })
})

describe('writer health', () => {
  function setup() {
    const clock = new FakeClock()
    const control = controlled(clientChannel(database.client))
    const writer = new DbWriter({
      db: database.db,
      channel: control.channel,
      clock,
      log: silentLogger,
      flushMs: 0,
    })
    return { clock, control, writer }
  }

  test('a probe while writes commit costs no write; after a quiet spell it makes one test write', async () => {
    const { clock, control, writer } = setup()
    await writer.write([database.db.insert(tokens).values(token('a'))])
    expect(await writer.status()).toEqual({ ok: true })
    expect(await writer.status()).toEqual({ ok: true })
    expect(control.batches).toBe(1)
    await clock.advance(5000)
    const [first, second] = await Promise.all([writer.status(), writer.status()])
    expect([first, second]).toEqual([{ ok: true }, { ok: true }])
    expect(control.batches).toBe(2)
  })

  test('a read-only database fails every write at once, however many; recovery is seen by the next probe', async () => {
    const { clock, control, writer } = setup()
    control.failure = new BatchError('attempt to write a readonly database', 0, 'SQLITE_READONLY')
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => writer.write([database.db.insert(tokens).values(token(`t${i}`))])),
    )
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true)
    expect(control.batches).toBe(1)
    const down = await writer.status()
    expect(down).toEqual({
      ok: false,
      reason: 'cannot commit: attempt to write a readonly database (SQLITE_READONLY)',
    })
    await clock.advance(5000)
    expect(await writer.status()).toEqual(down)
    control.failure = undefined
    expect(await writer.status()).toEqual(down)
    await clock.advance(5000)
    expect(await writer.status()).toEqual({ ok: true })
  })

  test('a commit that hangs makes the writer unhealthy while it hangs', async () => {
    const { clock, control, writer } = setup()
    control.hold = true
    void writer.write([database.db.insert(tokens).values(token('a'))])
    await flushMicrotasks()
    await clock.advance(9000)
    expect((await Promise.race([writer.status(), Promise.resolve('pending')])) as unknown).toBe('pending')
    await clock.advance(1000)
    expect(await writer.status()).toEqual({ ok: false, reason: 'a commit has been running for 10 s' })
  })

  test('a closed writer is not healthy', async () => {
    const { writer } = setup()
    await writer.close()
    expect(await writer.status()).toEqual({ ok: false, reason: 'the database writer is closed' })
  })
})
