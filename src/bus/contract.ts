import { describe, expect, test } from 'bun:test'
import { NoRespondersError, RemoteError, RequestTimeoutError } from '@src/lib/errors'
import type { Bus } from './port'
import { subjects } from './subjects'

/** What a contract run needs from an adapter: a fresh bus, a way to let time pass, and cleanup. */
export interface BusFixture {
  bus: Bus
  /** Lets `ms` of (fake or real) time pass, with pending deliveries flushed. */
  advance(ms: number): Promise<void>
  close(): Promise<void>
}

/**
 * The one contract every `Bus` adapter must satisfy (run by `local.test.ts`, and by the NATS adapter's
 * test against a real nats-server).
 */
export function busContract(name: string, make: () => Promise<BusFixture>): void {
  async function withBus(fn: (f: BusFixture) => Promise<void>): Promise<void> {
    const f = await make()
    try {
      await fn(f)
    } finally {
      await f.close()
    }
  }

  /** Waits (by letting time pass in small steps) until `cond` holds or `ms` has passed. */
  async function until(f: BusFixture, cond: () => boolean, ms = 2000): Promise<void> {
    for (let waited = 0; !cond() && waited < ms; waited += 10) await f.advance(10)
  }

  describe(`${name}: the Bus contract`, () => {
    test('publish reaches exact, `*` and `>` subscribers, and no others', () =>
      withBus(async (f) => {
        const got: string[] = []
        f.bus.subscribe('a.b.c', (_, s) => got.push(`exact ${s}`))
        f.bus.subscribe('a.*.c', (_, s) => got.push(`star ${s}`))
        f.bus.subscribe('a.>', (_, s) => got.push(`tail ${s}`))
        f.bus.subscribe('x.>', (_, s) => got.push(`other ${s}`))
        f.bus.publish('a.b.c', { n: 1 })
        await until(f, () => got.length >= 3)
        await f.advance(20)
        expect(got.sort()).toEqual(['exact a.b.c', 'star a.b.c', 'tail a.b.c'])
      }))

    test('payloads arrive as equal JSON values, in publish order', () =>
      withBus(async (f) => {
        const got: unknown[] = []
        f.bus.subscribe('order.*', (p) => got.push(p))
        for (let i = 0; i < 50; i++) f.bus.publish('order.x', { i, nested: { list: [i, 'a', null] } })
        await until(f, () => got.length === 50)
        expect(got).toEqual(Array.from({ length: 50 }, (_, i) => ({ i, nested: { list: [i, 'a', null] } })))
      }))

    test('a publish reaches a subscriber on the same bus exactly once', () =>
      withBus(async (f) => {
        const got: unknown[] = []
        f.bus.subscribe('self.x', (p) => got.push(p))
        f.bus.subscribe('self.*', (p) => got.push(`star ${p}`))
        f.bus.publish('self.x', 1)
        await until(f, () => got.length >= 2)
        await f.advance(100)
        expect(got.sort()).toEqual([1, 'star 1'])
      }))

    test('status is ok while the bus is connected', () =>
      withBus(async (f) => {
        expect(f.bus.status()).toEqual({ ok: true })
      }))

    test('unsubscribe stops delivery', () =>
      withBus(async (f) => {
        let n = 0
        const off = f.bus.subscribe('u.v', () => n++)
        f.bus.publish('u.v', 1)
        await until(f, () => n === 1)
        off()
        await f.advance(20)
        f.bus.publish('u.v', 2)
        await f.advance(50)
        expect(n).toBe(1)
      }))

    test('request gets the served reply', () =>
      withBus(async (f) => {
        f.bus.serve('svc.echo', (p) => ({ echoed: p }))
        await f.advance(20)
        expect(await f.bus.request('svc.echo', { hi: 1 }, 2000)).toEqual({ echoed: { hi: 1 } })
      }))

    test('request to an unserved subject fails at once with NoRespondersError', () =>
      withBus(async (f) => {
        await expect(f.bus.request('svc.nobody', {}, 60_000)).rejects.toBeInstanceOf(NoRespondersError)
        const off = f.bus.serve('svc.gone', () => 1)
        await f.advance(20)
        off()
        await f.advance(20)
        await expect(f.bus.request('svc.gone', {}, 60_000)).rejects.toBeInstanceOf(NoRespondersError)
      }))

    test('a slow responder times out with RequestTimeoutError', () =>
      withBus(async (f) => {
        f.bus.serve('svc.slow', () => new Promise(() => undefined))
        await f.advance(20)
        const pending = f.bus.request('svc.slow', {}, 100)
        const settled = pending.catch((e: unknown) => e)
        await f.advance(150)
        expect(await settled).toBeInstanceOf(RequestTimeoutError)
      }))

    test('a failing responder reaches the requester as RemoteError', () =>
      withBus(async (f) => {
        f.bus.serve('svc.bad', () => {
          throw new Error('kaput')
        })
        await f.advance(20)
        const err = await f.bus.request('svc.bad', {}, 2000).catch((e: unknown) => e)
        expect(err).toBeInstanceOf(RemoteError)
        expect((err as Error).message).toContain('kaput')
      }))

    test('charger ids with dots and wildcards stay one subject token', () =>
      withBus(async (f) => {
        const got: string[] = []
        f.bus.subscribe(subjects.chargerEvents('a.b*>'), (p) => got.push(String(p)))
        f.bus.subscribe(subjects.chargerEvents('a'), (p) => got.push(`wrong ${p}`))
        f.bus.publish(subjects.chargerEvent('a.b*>', 'statusChanged'), 'ok')
        await until(f, () => got.length > 0)
        await f.advance(20)
        expect(got).toEqual(['ok'])
      }))

    test('leases: one holder at a time, renewals, expiry with a higher fencing token, release', () =>
      withBus(async (f) => {
        const { leases } = f.bus
        const a = await leases.acquire('site.1', 'node-a', 1000)
        expect(a?.holder).toBe('node-a')
        expect(await leases.acquire('site.1', 'node-b', 1000)).toBeUndefined()
        await f.advance(600)
        const renewed = await leases.renew(a!, 1000)
        expect(renewed?.token).toBe(a!.token)
        await f.advance(600)
        expect(await leases.acquire('site.1', 'node-b', 1000)).toBeUndefined()
        await f.advance(1500)
        const b = await leases.acquire('site.1', 'node-b', 1000)
        expect(b?.token).toBeGreaterThan(a!.token)
        expect(await leases.renew(a!, 1000)).toBeUndefined()
        await leases.release(b!)
        const c = await leases.acquire('site.1', 'node-a', 1000)
        expect(c?.token).toBeGreaterThan(b!.token)
      }))
  })
}
