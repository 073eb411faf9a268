import { afterAll, afterEach, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { systemClock } from '@src/lib/clock'
import { NoRespondersError, RemoteError } from '@src/lib/errors'
import { createLogger, type Logger, type LogLevel, silentLogger } from '@src/lib/log'
import { connect, type NatsConnection } from 'nats'
import { busContract } from './contract'
import { NatsBus } from './nats'
import { NatsTestServer, requireNatsServer } from './nats-test-server'

/**
 * Runs the Bus contract and the cluster behaviour against a real nats-server (JetStream on, a temp
 * store, a free port on 127.0.0.1), started and killed here. Time is real: `advance` sleeps.
 */
/** Real time: a lease test waits out its expiry, and the server's start is awaited for up to 10 s. */
setDefaultTimeout(15_000)

let server: NatsTestServer | undefined
let url = ''
let buckets = 0
/** Connections opened by a test, closed after it even when an assertion failed. */
const opened: { close(): Promise<void> }[] = []

/** A fresh bucket per bus fixture keeps lease tests independent. */
const uniqueBucket = () => `csms_test_${process.pid}_${++buckets}`

async function node(name: string, opts: { kvBucket?: string; log?: Logger } = {}): Promise<NatsBus> {
  const bus = await NatsBus.connect({
    url,
    name,
    clock: systemClock,
    log: opts.log ?? silentLogger,
    kvBucket: opts.kvBucket ?? uniqueBucket(),
  })
  opened.push(bus)
  return bus
}

/** A plain nats.js connection, playing a foreign (or buggy) client. */
async function rawClient(): Promise<NatsConnection> {
  const nc = await connect({ servers: url })
  opened.push({ close: () => (nc.isClosed() ? Promise.resolve() : nc.close()) })
  return nc
}

/** Polls `cond` in real time, up to `ms`. */
async function until(cond: () => boolean, ms = 2000): Promise<void> {
  for (let waited = 0; !cond() && waited < ms; waited += 10) await Bun.sleep(10)
}

if (requireNatsServer('the NatsBus contract and cluster tests')) {
  beforeAll(async () => {
    server = await NatsTestServer.start()
    url = server.url
  })

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()))
  })

  afterAll(() => server?.dispose())

  busContract('NatsBus', async () => {
    const bus = await node('contract')
    return { bus, advance: (ms) => Bun.sleep(ms), close: () => bus.close() }
  })

  describe('NatsBus across two nodes', () => {
    test('a publish from node A reaches a subscriber on node B', async () => {
      const [a, b] = [await node('a'), await node('b')]
      const got: unknown[] = []
      b.subscribe('csms.evt.>', (p, s) => got.push([s, p]))
      await b.flush()
      a.publish('csms.evt.charger.CP-1.statusChanged', { status: 'Charging' })
      await until(() => got.length > 0)
      expect(got).toEqual([['csms.evt.charger.CP-1.statusChanged', { status: 'Charging' }]])
    })

    test('a request from node A is served by node B', async () => {
      const [a, b] = [await node('a'), await node('b')]
      b.serve('svc.where', (p) => ({ servedBy: 'b', asked: p }))
      await b.flush()
      expect(await a.request('svc.where', 'hello', 2000)).toEqual({ servedBy: 'b', asked: 'hello' })
    })

    test('with both nodes serving a subject, each request is answered exactly once', async () => {
      const [a, b] = [await node('a'), await node('b')]
      const handled: string[] = []
      a.serve('svc.both', (p) => handled.push(`a ${p}`))
      b.serve('svc.both', (p) => handled.push(`b ${p}`))
      await Promise.all([a.flush(), b.flush()])
      const n = 40
      await Promise.all(Array.from({ length: n }, (_, i) => a.request('svc.both', i, 2000)))
      await Bun.sleep(50)
      expect(handled).toHaveLength(n)
      const asked = handled.map((h) => Number(h.split(' ')[1])).sort((x, y) => x - y)
      expect(asked).toEqual(Array.from({ length: n }, (_, i) => i))
    })

    test('a lease held by node A blocks node B until it expires, then B gets a higher token', async () => {
      const kvBucket = uniqueBucket()
      const [a, b] = [await node('a', { kvBucket }), await node('b', { kvBucket })]
      const held = await a.leases.acquire('site.7', 'node-a', 300)
      expect(held).toBeDefined()
      expect(await b.leases.acquire('site.7', 'node-b', 300)).toBeUndefined()
      await Bun.sleep(350)
      const taken = await b.leases.acquire('site.7', 'node-b', 300)
      expect(taken?.holder).toBe('node-b')
      expect(taken!.token).toBeGreaterThan(held!.token)
      expect(await a.leases.renew(held!, 300)).toBeUndefined()
      await a.leases.release(held!)
      expect(await a.leases.acquire('site.7', 'node-a', 300)).toBeUndefined()
    })

    test('two nodes racing for a free lease: exactly one wins', async () => {
      const kvBucket = uniqueBucket()
      const [a, b] = [await node('a', { kvBucket }), await node('b', { kvBucket })]
      const won = await Promise.all([
        a.leases.acquire('site.race', 'node-a', 5000),
        b.leases.acquire('site.race', 'node-b', 5000),
      ])
      expect(won.filter((l) => l !== undefined)).toHaveLength(1)
    })
  })

  describe('NatsBus: bad input and failing handlers', () => {
    function capture(): { lines: string[]; log: Logger } {
      const lines: string[] = []
      const sink = (_: LogLevel, line: string) => void lines.push(line)
      return { lines, log: createLogger({ level: 'warn', sink }) }
    }

    test('a throwing subscriber is logged and later messages still arrive', async () => {
      const { lines, log } = capture()
      const bus = await node('n', { log })
      const got: unknown[] = []
      bus.subscribe('t.x', (p) => {
        if (p === 1) throw new Error('boom')
        got.push(p)
      })
      bus.publish('t.x', 1)
      bus.publish('t.x', 2)
      await until(() => got.length > 0)
      expect(got).toEqual([2])
      expect(lines.some((l) => l.includes('bus subscriber failed') && l.includes('boom'))).toBe(true)
    })

    test('a malformed payload from a foreign publisher is logged and dropped', async () => {
      const { lines, log } = capture()
      const bus = await node('n', { log })
      const got: unknown[] = []
      bus.subscribe('t.raw', (p) => got.push(p))
      await bus.flush()
      const raw = await rawClient()
      raw.publish('t.raw', new TextEncoder().encode('{not json'))
      raw.publish('t.raw', new TextEncoder().encode('{"fine":true}'))
      await raw.drain()
      await until(() => got.length > 0)
      expect(got).toEqual([{ fine: true }])
      expect(lines.some((l) => l.includes('bus subscriber failed'))).toBe(true)
    })

    test('a malformed request gets an error reply, not a crash', async () => {
      const bus = await node('n')
      bus.serve('svc.strict', (p) => p)
      await bus.flush()
      const raw = await rawClient()
      const reply = await raw.request('svc.strict', new TextEncoder().encode('<xml/>'), { timeout: 2000 })
      expect(JSON.parse(new TextDecoder().decode(reply.data))).toMatchObject({ ok: false })
    })

    test('a malformed reply reaches the requester as a RemoteError', async () => {
      const bus = await node('n')
      const raw = await rawClient()
      raw.subscribe('svc.liar', { callback: (_, msg) => msg.respond(new TextEncoder().encode('<xml/>')) })
      await raw.flush()
      const err = await bus.request('svc.liar', {}, 2000).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(RemoteError)
      expect((err as Error).message).toContain('malformed reply')
    })

    test('lease keys with characters KV keys forbid still work, and stay distinct', async () => {
      const bus = await node('n')
      const odd = await bus.leases.acquire('site/ä b*>', 'node-a', 5000)
      const plain = await bus.leases.acquire('site=c3=a4', 'node-b', 5000)
      expect(odd?.holder).toBe('node-a')
      expect(plain?.holder).toBe('node-b')
      expect(await bus.leases.renew(odd!, 5000)).toMatchObject({ token: odd!.token })
    })

    test('after close, publish is a no-op and request fails with NoRespondersError', async () => {
      const bus = await node('n')
      await bus.close()
      expect(() => bus.publish('t.closed', 1)).not.toThrow()
      await expect(bus.request('svc.any', {}, 1000)).rejects.toBeInstanceOf(NoRespondersError)
    })
  })
}
