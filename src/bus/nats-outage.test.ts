import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test'
import { systemClock } from '@src/lib/clock'
import { BusUnavailableError, NoRespondersError } from '@src/lib/errors'
import { silentLogger } from '@src/lib/log'
import { NatsBus } from './nats'
import { NatsTestServer, requireNatsServer } from './nats-test-server'

/**
 * NatsBus when NATS goes away and comes back: a real nats-server, killed and restarted mid-test on
 * the same port and store. Time is real; every wait is bounded.
 */
let server: NatsTestServer
let buckets = 0
const opened: NatsBus[] = []

async function node(name: string, kvBucket = `csms_outage_${process.pid}_${++buckets}`): Promise<NatsBus> {
  const bus = await NatsBus.connect({
    url: server.url,
    name,
    clock: systemClock,
    log: silentLogger,
    kvBucket,
  })
  opened.push(bus)
  return bus
}

/** Polls `cond` in real time, up to `ms`; fails the test with `what` if it never holds. */
async function until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
  for (const start = Date.now(); !cond(); await Bun.sleep(20))
    if (Date.now() - start > ms) throw new Error(`timed out waiting until ${what}`)
}

/** Takes NATS away and waits until every bus has noticed. */
async function outage(...buses: NatsBus[]): Promise<void> {
  await server.stop()
  await until('the buses see the outage', () => buses.every((b) => !b.status().ok))
}

/** Brings NATS back and waits until every bus has reconnected and re-sent its subscriptions. */
async function recovery(...buses: NatsBus[]): Promise<void> {
  await server.start()
  await until('the buses reconnect', () => buses.every((b) => b.status().ok), 20_000)
  await Promise.all(buses.map((b) => b.flush()))
}

if (requireNatsServer('the NatsBus outage tests')) {
  beforeAll(async () => {
    server = await NatsTestServer.start()
  })

  afterEach(async () => {
    await server.start()
    await Promise.all(opened.splice(0).map((b) => b.close()))
  })

  afterAll(() => server.dispose())

  describe('NatsBus while NATS is down', () => {
    test('status is ok, then not ok since the moment the connection was lost, then ok again', async () => {
      const a = await node('a')
      expect(a.status()).toEqual({ ok: true })
      const before = Date.now()
      await outage(a)
      const status = a.status()
      expect(status.ok).toBe(false)
      const reason = status.ok ? '' : status.reason
      expect(reason).toMatch(/^NATS connection lost since \d{4}-\d\d-\d\dT/)
      expect(Date.parse(reason.slice('NATS connection lost since '.length))).toBeGreaterThanOrEqual(
        before - 1,
      )
      await recovery(a)
      expect(a.status()).toEqual({ ok: true })
    }, 30_000)

    test('a request for a subject served on this node is answered by the local handler', async () => {
      const a = await node('a')
      a.serve('svc.here', (p) => ({ answered: p }))
      await a.flush()
      await outage(a)
      expect(await a.request('svc.here', { n: 1 }, 5000)).toEqual({ answered: { n: 1 } })
    }, 30_000)

    test('a request for a subject served elsewhere fails at once with NoRespondersError, not a timeout', async () => {
      const [a, b] = [await node('a'), await node('b')]
      b.serve('svc.there', () => 'b')
      await b.flush()
      expect(await a.request('svc.there', null, 2000)).toBe('b')
      await outage(a, b)
      const err = await a.request('svc.there', null, 60_000).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(NoRespondersError)
      expect((err as Error).message).toContain('NATS connection lost since')
    }, 30_000)

    test('publishes reach this node’s own subscribers; other nodes get no late replay, and nothing twice', async () => {
      const [a, b] = [await node('a'), await node('b')]
      const atA: unknown[] = []
      const atB: unknown[] = []
      a.subscribe('evt.x', (p) => atA.push(p))
      b.subscribe('evt.x', (p) => atB.push(p))
      await Promise.all([a.flush(), b.flush()])
      await outage(a, b)
      a.publish('evt.x', 'during')
      await until('a hears its own event', () => atA.length === 1)
      await recovery(a, b)
      a.publish('evt.x', 'after')
      await until('b hears the event', () => atB.length === 1)
      await Bun.sleep(200)
      expect(atA).toEqual(['during', 'after'])
      expect(atB).toEqual(['after'])
    }, 30_000)

    test('lease calls fail at once with BusUnavailableError; after recovery the held lease is still there', async () => {
      const bucket = `csms_outage_${process.pid}_${++buckets}`
      const [a, b] = [await node('a', bucket), await node('b', bucket)]
      const held = await a.leases.acquire('site.1', 'node-a', 60_000)
      expect(held).toBeDefined()
      await outage(a, b)
      await expect(a.leases.renew(held!, 60_000)).rejects.toBeInstanceOf(BusUnavailableError)
      await expect(a.leases.acquire('site.2', 'node-a', 60_000)).rejects.toBeInstanceOf(BusUnavailableError)
      await recovery(a, b)
      expect(await b.leases.acquire('site.1', 'node-b', 60_000)).toBeUndefined()
      expect((await a.leases.renew(held!, 60_000))?.token).toBe(held!.token)
    }, 30_000)

    test('close returns promptly during an outage, without waiting for a drain that cannot happen', async () => {
      const a = await node('a')
      a.subscribe('evt.y', () => undefined)
      a.publish('evt.y', 1)
      await outage(a)
      const closing = a.close().then(() => 'closed')
      expect(await Promise.race([closing, Bun.sleep(1500).then(() => 'still closing')])).toBe('closed')
      expect(a.status()).toEqual({ ok: false, reason: 'bus closed' })
    }, 10_000)
  })

  describe('NatsBus while NATS is up', () => {
    test('a node’s own publish reaches its own subscriber exactly once', async () => {
      const [a, b] = [await node('a'), await node('b')]
      const got: string[] = []
      a.subscribe('evt.once', (p) => got.push(`a ${p}`))
      b.subscribe('evt.once', (p) => got.push(`b ${p}`))
      await Promise.all([a.flush(), b.flush()])
      a.publish('evt.once', 1)
      b.publish('evt.once', 2)
      await until('both heard both', () => got.length >= 4)
      await Bun.sleep(200)
      expect(got.sort()).toEqual(['a 1', 'a 2', 'b 1', 'b 2'])
    }, 30_000)

    test('a request served on this node never goes through NATS: a foreign responder on the subject is not asked', async () => {
      const [a, b] = [await node('a'), await node('b')]
      a.serve('svc.both', () => 'local')
      b.serve('svc.both', () => 'remote')
      await Promise.all([a.flush(), b.flush()])
      const replies = await Promise.all(Array.from({ length: 20 }, () => a.request('svc.both', null, 2000)))
      expect(new Set(replies)).toEqual(new Set(['local']))
    }, 30_000)
  })
}
