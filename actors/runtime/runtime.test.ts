import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { sleep } from '@src/lib/clock'
import { ActorStoppedError, AskTimeoutError, MailboxFullError } from '@src/lib/errors'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { ActorSystem } from './system'
import type { ActorKind, Reply } from './types'

type Msg =
  | { type: 'add'; n: number }
  | { type: 'slowAdd'; n: number; ms: number }
  | { type: 'get'; reply: Reply<number> }
  | { type: 'crash'; reply?: Reply<number> }
  | { type: 'tick' }

/** A system on the in-process bus, driven by `clock`. */
const newSystem = (clock: FakeClock) =>
  new ActorSystem({ clock, log: silentLogger, bus: new LocalBus({ clock, log: silentLogger }) })

/** A counter whose "persisted" value survives restarts, like a DB row. */
function counterKind(store: Map<string, number>, extra: Partial<ActorKind<Msg>> = {}): ActorKind<Msg> {
  return {
    name: 'counter',
    factory: (id) => (ctx) => {
      let value = 0
      return {
        start() {
          value = store.get(id) ?? 0
        },
        async receive(msg) {
          if (msg.type === 'add') value += msg.n
          else if (msg.type === 'slowAdd') {
            const before = value
            await sleep(ctx.clock, msg.ms)
            value = before + msg.n
          } else if (msg.type === 'get') msg.reply(value)
          else if (msg.type === 'crash') throw new Error('boom')
          else if (msg.type === 'tick') value++
          store.set(id, value)
        },
      }
    },
    ...extra,
  }
}

function setup(extra: Partial<ActorKind<Msg>> = {}) {
  const clock = new FakeClock()
  const system = newSystem(clock)
  const store = new Map<string, number>()
  const counters = system.register(counterKind(store, extra))
  return { clock, system, store, counters }
}

const get = (reply: Reply<number>): Msg => ({ type: 'get', reply })

describe('mailbox and turns', () => {
  test('messages are handled one at a time, in order, even when handlers await', async () => {
    const { clock, counters } = setup()
    const ref = counters.get('a')
    ref.tell({ type: 'slowAdd', n: 1, ms: 100 })
    ref.tell({ type: 'slowAdd', n: 10, ms: 50 })
    const result = ref.ask(get)
    await clock.advance(200)
    expect(await result).toBe(11)
  })

  test('a full mailbox with the reject policy refuses tells and fails asks at once', async () => {
    const { clock, counters } = setup({ mailbox: { capacity: 2, overflow: 'reject' } })
    const ref = counters.get('a')
    expect(ref.tell({ type: 'slowAdd', n: 1, ms: 100 })).toBe(true)
    await flushMicrotasks()
    expect(ref.tell({ type: 'add', n: 1 })).toBe(true)
    expect(ref.tell({ type: 'add', n: 1 })).toBe(true)
    expect(ref.tell({ type: 'add', n: 1 })).toBe(false)
    await expect(ref.ask(get)).rejects.toBeInstanceOf(MailboxFullError)
    await clock.advance(100)
    expect(await ref.ask(get)).toBe(3)
  })

  test('dropOldest keeps the newest messages and fails the dropped ask', async () => {
    const { clock, counters } = setup({ mailbox: { capacity: 1, overflow: 'dropOldest' } })
    const ref = counters.get('a')
    ref.tell({ type: 'slowAdd', n: 1, ms: 100 })
    await flushMicrotasks()
    const dropped = ref.ask(get)
    ref.tell({ type: 'add', n: 5 })
    await expect(dropped).rejects.toBeInstanceOf(MailboxFullError)
    await clock.advance(100)
    expect(await ref.ask(get)).toBe(6)
  })
})

describe('ask', () => {
  test('an unanswered ask times out on the injected clock', async () => {
    const { clock, counters } = setup()
    const ref = counters.get('a')
    const never = ref.ask<number>(() => ({ type: 'add', n: 1 }), 1000)
    let settled = false
    never.catch(() => {
      settled = true
    })
    await clock.advance(999)
    expect(settled).toBe(false)
    await clock.advance(1)
    await expect(never).rejects.toBeInstanceOf(AskTimeoutError)
  })
})

describe('supervision', () => {
  test('a crash restarts the actor from persisted state and fails only the crashing ask', async () => {
    const { counters } = setup()
    const ref = counters.get('a')
    ref.tell({ type: 'add', n: 7 })
    const crashed = ref.ask<number>((reply) => ({ type: 'crash', reply }))
    await expect(crashed).rejects.toThrow('boom')
    expect(await ref.ask(get)).toBe(7)
    expect(ref.alive).toBe(true)
  })

  test('too many crashes within the window give up, call onGiveUp and refuse further messages', async () => {
    const gaveUp: string[] = []
    const { counters, system } = setup({
      supervision: { maxRestarts: 2, withinMs: 60_000, onGiveUp: (_k, id) => gaveUp.push(id) },
    })
    const ref = counters.get('a')
    for (let i = 0; i < 3; i++) await ref.ask((reply) => ({ type: 'crash', reply })).catch(() => undefined)
    expect(gaveUp).toEqual(['a'])
    expect(ref.alive).toBe(false)
    expect(ref.tell({ type: 'add', n: 1 })).toBe(false)
    await expect(ref.ask(get)).rejects.toBeInstanceOf(ActorStoppedError)
    expect(counters.find('a')).toBeUndefined()
    expect(system.stats.restarts).toBe(2)
  })

  test('crashes spread out beyond the window keep restarting', async () => {
    const { clock, counters } = setup({ supervision: { maxRestarts: 1, withinMs: 1000 } })
    const ref = counters.get('a')
    await ref.ask((reply) => ({ type: 'crash', reply })).catch(() => undefined)
    await clock.advance(1001)
    await ref.ask((reply) => ({ type: 'crash', reply })).catch(() => undefined)
    expect(ref.alive).toBe(true)
  })
})

describe('timers', () => {
  function tickerKind(store: Map<string, number>, handled: number[], workMs: number): ActorKind<Msg> {
    return {
      name: 'ticker',
      factory: () => (ctx) => ({
        start: () => ctx.timers.startFixedDelay('loop', { type: 'tick' }, 500),
        async receive(msg) {
          if (msg.type !== 'tick') return
          handled.push(ctx.clock.now())
          if (workMs) await sleep(ctx.clock, workMs)
          store.set('ticks', handled.length)
        },
      }),
    }
  }

  test('fixed delay: the next tick is scheduled after the previous one was handled', async () => {
    const clock = new FakeClock(0)
    const system = newSystem(clock)
    const handled: number[] = []
    system.register(tickerKind(new Map(), handled, 200)).get('t')
    await clock.advance(2200)
    expect(handled).toEqual([500, 1200, 1900])
  })

  test('a slow tick never overlaps the next; late ticks are coalesced into one', async () => {
    const clock = new FakeClock(0)
    const system = newSystem(clock)
    const handled: number[] = []
    system.register(tickerKind(new Map(), handled, 3000)).get('t')
    await clock.advance(10_000)
    expect(handled).toEqual([500, 4000, 7500])
  })

  test('a cancelled single timer never delivers', async () => {
    const clock = new FakeClock()
    let fired = 0
    const system = newSystem(clock)
    const probe = system.register<{ type: 'arm' } | { type: 'cancel' } | { type: 'fire' }>({
      name: 'probe',
      factory: () => (ctx) => ({
        receive(msg) {
          if (msg.type === 'arm') ctx.timers.startSingle('x', { type: 'fire' }, 100)
          else if (msg.type === 'cancel') ctx.timers.cancel('x')
          else fired++
        },
      }),
    })
    const p = probe.get('p')
    p.tell({ type: 'arm' })
    await clock.advance(50)
    p.tell({ type: 'cancel' })
    await clock.advance(100)
    expect(fired).toBe(0)
    p.tell({ type: 'arm' })
    await clock.advance(100)
    expect(fired).toBe(1)
  })
})

describe('activation and passivation', () => {
  test('an idle actor is passivated and comes back with its persisted state', async () => {
    const { clock, counters, system } = setup({ passivateAfterMs: 10_000 })
    counters.get('a').tell({ type: 'add', n: 3 })
    await clock.advance(5000)
    expect(counters.size).toBe(1)
    await clock.advance(10_000)
    expect(counters.size).toBe(0)
    expect(system.stats.passivations).toBe(1)
    expect(await counters.get('a').ask(get)).toBe(3)
    expect(system.stats.activations).toBe(2)
  })

  test('a message for an actor that is stopping activates a new one, started after the old one stopped', async () => {
    const clock = new FakeClock()
    const system = newSystem(clock)
    const log: string[] = []
    const kind = system.register<{ type: 'note'; text: string }>({
      name: 'slow-stop',
      factory: () => (ctx) => ({
        start: () => void log.push('start'),
        receive: (msg) => void log.push(msg.text),
        stop: async () => {
          await sleep(ctx.clock, 100)
          log.push('stopped')
        },
      }),
    })
    kind.get('n').tell({ type: 'note', text: 'one' })
    kind.stop('n')
    await flushMicrotasks()
    expect(kind.get('n').tell({ type: 'note', text: 'two' })).toBe(true)
    await clock.advance(100)
    expect(log).toEqual(['start', 'one', 'stopped', 'start', 'two'])
    expect(kind.size).toBe(1)
  })

  test('stop handles queued messages first, runs the stop hook, then refuses messages', async () => {
    const clock = new FakeClock()
    const system = newSystem(clock)
    const log: string[] = []
    const kind = system.register<{ type: 'note'; text: string }>({
      name: 'notes',
      factory: () => () => ({
        receive: (msg) => void log.push(msg.text),
        stop: () => void log.push('stopped'),
      }),
    })
    const ref = kind.get('n')
    ref.tell({ type: 'note', text: 'one' })
    ref.tell({ type: 'note', text: 'two' })
    kind.stop('n')
    expect(ref.tell({ type: 'note', text: 'late' })).toBe(false)
    await system.shutdown()
    expect(log).toEqual(['one', 'two', 'stopped'])
    expect(system.size).toBe(0)
  })
})
