import { describe, expect, test } from 'bun:test'
import type { Bus } from '@src/bus/port'
import type { Clock } from '@src/lib/clock'
import { NoRespondersError } from '@src/lib/errors'
import { silentLogger } from '@src/lib/log'
import { ActorSystem, type KindHandle } from './system'
import type { Reply } from './types'

/** What a run of the contract needs from a bus adapter. */
export interface OwnedFixture {
  /** The bus the actors acquire from (this node's). */
  bus: Bus
  /** Another node's bus, or the same bus where there is only one (LocalBus). */
  peer: Bus
  clock: Clock
  /** Lets `ms` of (fake or real) time pass, with pending deliveries flushed. */
  advance(ms: number): Promise<void>
  /** Resolves once `bus`'s subscriptions reached the server, so a peer's publish finds them. */
  settle(): Promise<void>
  close(): Promise<void>
}

type Msg =
  | { type: 'event'; payload: unknown }
  | { type: 'crash'; reply: Reply<never> }
  | { type: 'incarnation'; reply: Reply<number> }

/** Events seen by an actor, and requests its served subject answered, per incarnation. */
interface Seen {
  incarnations: number
  /** The incarnation of each subscription handler that ran. */
  delivered: number[]
  events: { incarnation: number; payload: unknown }[]
  answered: { incarnation: number; payload: unknown }[]
}

/**
 * The runtime's promise, on a real bus: a behaviour that subscribes and serves in `start` and then
 * crashes is restarted with exactly one subscription and one served subject, so every event is
 * handled once and every request answered once, by the live incarnation. Run against `LocalBus`
 * (fake clock) and `NatsBus` (a real nats-server).
 */
export function ownedResourcesContract(name: string, make: () => Promise<OwnedFixture>): void {
  function register(f: OwnedFixture): { kind: KindHandle<Msg>; seen: Seen; system: ActorSystem } {
    const system = new ActorSystem({ clock: f.clock, log: silentLogger, bus: f.bus })
    const seen: Seen = { incarnations: 0, delivered: [], events: [], answered: [] }
    const kind = system.register<Msg>({
      name: 'owner',
      supervision: { maxRestarts: 100, withinMs: 60_000 },
      factory: (id) => (ctx) => {
        const incarnation = ++seen.incarnations
        return {
          start() {
            ctx.subscribe(`contract.${id}.evt`, (payload) => {
              seen.delivered.push(incarnation)
              ctx.self.tell({ type: 'event', payload })
            })
            ctx.serve(`contract.${id}.svc`, (payload) => {
              seen.answered.push({ incarnation, payload })
              return { incarnation, payload }
            })
          },
          receive(msg) {
            if (msg.type === 'event') seen.events.push({ incarnation, payload: msg.payload })
            else if (msg.type === 'incarnation') msg.reply(incarnation)
            else throw new Error('crash on purpose')
          },
        }
      },
    })
    return { kind, seen, system }
  }

  async function withActor(fn: (f: OwnedFixture, r: ReturnType<typeof register>) => Promise<void>) {
    const f = await make()
    const r = register(f)
    try {
      await fn(f, r)
    } finally {
      await r.system.shutdown()
      await f.close()
    }
  }

  /** Crashes the actor `times` times and waits until the last incarnation has started and settled. */
  async function crash(f: OwnedFixture, kind: KindHandle<Msg>, times: number): Promise<number> {
    const ref = kind.get('a')
    for (let i = 0; i < times; i++) await ref.ask<never>((reply) => ({ type: 'crash', reply })).catch(() => 0)
    const incarnation = await ref.ask<number>((reply) => ({ type: 'incarnation', reply }))
    await f.settle()
    return incarnation
  }

  async function until(f: OwnedFixture, cond: () => boolean, ms = 2000): Promise<void> {
    for (let waited = 0; !cond() && waited < ms; waited += 10) await f.advance(10)
  }

  describe(`${name}: the actor runtime owns subscriptions and served subjects`, () => {
    test('crash → restart: each event is handled exactly once, by the live incarnation', () =>
      withActor(async (f, { kind, seen }) => {
        const live = await crash(f, kind, 3)
        expect(live).toBe(4)
        for (let i = 0; i < 5; i++) f.peer.publish('contract.a.evt', { i })
        await until(f, () => seen.events.length >= 5)
        await f.advance(50)
        expect(seen.events).toEqual(Array.from({ length: 5 }, (_, i) => ({ incarnation: 4, payload: { i } })))
        expect(seen.delivered).toEqual([4, 4, 4, 4, 4])
      }))

    test('crash → restart: each event published on the actor’s own node is handled exactly once', () =>
      withActor(async (f, { kind, seen }) => {
        await crash(f, kind, 2)
        f.bus.publish('contract.a.evt', 'own')
        await until(f, () => seen.events.length >= 1)
        await f.advance(50)
        expect(seen.events).toEqual([{ incarnation: 3, payload: 'own' }])
        expect(seen.delivered).toEqual([3])
      }))

    test('crash → restart: the served subject answers each request exactly once, from the live incarnation', () =>
      withActor(async (f, { kind, seen }) => {
        await crash(f, kind, 2)
        const n = 20
        const replies = await Promise.all(
          Array.from({ length: n }, (_, i) => f.peer.request('contract.a.svc', i, 2000)),
        )
        expect(replies).toEqual(Array.from({ length: n }, (_, i) => ({ incarnation: 3, payload: i })))
        expect(seen.answered).toHaveLength(n)
      }))

    test('a stopped actor is subscribed to nothing and serves nothing', () =>
      withActor(async (f, { kind, seen }) => {
        await crash(f, kind, 1)
        kind.stop('a')
        await until(f, () => kind.size === 0)
        await f.settle()
        f.peer.publish('contract.a.evt', 'late')
        await f.advance(50)
        expect(seen.delivered).toEqual([])
        await expect(f.peer.request('contract.a.svc', 1, 2000)).rejects.toBeInstanceOf(NoRespondersError)
      }))
  })
}
