import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { sleep } from '@src/lib/clock'
import { NoRespondersError, RemoteError } from '@src/lib/errors'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { createLogger, silentLogger } from '@src/lib/log'
import { ownedResourcesContract } from './owned-contract'
import { ActorSystem } from './system'
import type { ActorContext, Behavior, Release, Reply } from './types'

ownedResourcesContract('LocalBus', async () => {
  const clock = new FakeClock()
  const bus = new LocalBus({ clock, log: silentLogger })
  return {
    bus,
    peer: bus,
    clock,
    advance: (ms) => clock.advance(ms),
    settle: () => flushMicrotasks(),
    close: () => bus.close(),
  }
})

type Msg = { type: 'crash' } | { type: 'do'; fn: () => void } | { type: 'ping'; reply: Reply<number> }

/** A system on the in-process bus whose one kind runs `behaviour` (built afresh per incarnation). */
function setup(
  behaviour: (ctx: ActorContext<Msg>, incarnation: number) => Partial<Behavior<Msg>>,
  maxRestarts = 5,
) {
  const clock = new FakeClock()
  const lines: string[] = []
  const log = createLogger({ level: 'warn', sink: (_, line) => void lines.push(line) })
  const bus = new LocalBus({ clock, log })
  const system = new ActorSystem({ clock, log, bus })
  let incarnations = 0
  const kind = system.register<Msg>({
    name: 'probe',
    supervision: { maxRestarts, withinMs: 60_000 },
    factory: () => (ctx) => {
      const own = behaviour(ctx, ++incarnations)
      return {
        ...own,
        receive(msg) {
          if (msg.type === 'crash') throw new Error('crash on purpose')
          if (msg.type === 'do') msg.fn()
          else msg.reply(incarnations)
        },
      }
    },
  })
  const ref = kind.get('p')
  /** Waits until everything queued so far (a crash and its restart included) has been handled. */
  const settled = () => ref.ask<number>((reply) => ({ type: 'ping', reply })).catch(() => -1)
  return { clock, bus, system, kind, ref, lines, settled }
}

describe('owned resources', () => {
  test('subscribe in start, crash, publish once: the event is handled once, not twice', async () => {
    let handled = 0
    const { bus, ref, settled } = setup((ctx) => ({
      start: () =>
        void ctx.subscribe('site.evt', () => void ctx.self.tell({ type: 'do', fn: () => handled++ })),
    }))
    ref.tell({ type: 'crash' })
    await settled()
    bus.publish('site.evt', {})
    await settled()
    await flushMicrotasks()
    await settled()
    expect(handled).toBe(1)
  })

  test('before every restart, on stop and on give-up, everything is released newest first', async () => {
    const log: string[] = []
    const { bus, ref, kind, settled } = setup((ctx, n) => ({
      start() {
        log.push(`start ${n}`)
        ctx.onCleanup(() => void log.push(`cleanup a${n}`))
        ctx.serve(`svc.${n}`, () => n)
        ctx.onCleanup(() => void log.push(`cleanup b${n}`))
      },
      stop: () => void log.push(`stop hook ${n}`),
    }))
    await settled()
    ref.tell({ type: 'crash' })
    await settled()
    await expect(bus.request('svc.1', null, 1000)).rejects.toBeInstanceOf(NoRespondersError)
    expect(await bus.request('svc.2', null, 1000)).toBe(2)
    kind.stop('p')
    await ref.ask(() => ({ type: 'crash' })).catch(() => undefined)
    await flushMicrotasks()
    expect(log).toEqual([
      'start 1',
      'cleanup b1',
      'cleanup a1',
      'start 2',
      'stop hook 2',
      'cleanup b2',
      'cleanup a2',
    ])
    await expect(bus.request('svc.2', null, 1000)).rejects.toBeInstanceOf(NoRespondersError)
  })

  test('an actor that gives up serves nothing and has run its cleanups', async () => {
    const log: string[] = []
    const { bus, ref, settled } = setup(
      (ctx, n) => ({
        start() {
          ctx.serve('svc.quitter', () => n)
          ctx.onCleanup(() => void log.push(`cleanup ${n}`))
        },
      }),
      1,
    )
    ref.tell({ type: 'crash' })
    ref.tell({ type: 'crash' })
    await settled()
    await flushMicrotasks()
    expect(ref.alive).toBe(false)
    expect(log).toEqual(['cleanup 1', 'cleanup 2'])
    await expect(bus.request('svc.quitter', null, 1000)).rejects.toBeInstanceOf(NoRespondersError)
  })

  test('a cleanup that throws is logged and the other cleanups still run', async () => {
    const log: string[] = []
    const { ref, lines, settled } = setup((ctx, n) => ({
      start() {
        ctx.onCleanup(() => void log.push(`first ${n}`))
        ctx.onCleanup(() => {
          throw new Error('cleanup broke')
        })
        ctx.onCleanup(async () => {
          throw new Error('async cleanup broke')
        })
      },
    }))
    ref.tell({ type: 'crash' })
    await settled()
    expect(log).toEqual(['first 1'])
    expect(lines.filter((l) => l.includes('actor resource release failed'))).toHaveLength(2)
    expect(lines.some((l) => l.includes('cleanup broke'))).toBe(true)
    expect(ref.alive).toBe(true)
  })

  test('an async cleanup is awaited before the restarted behaviour starts', async () => {
    const log: string[] = []
    const { clock, ref } = setup((ctx, n) => ({
      start() {
        log.push(`start ${n}`)
        ctx.onCleanup(async () => {
          await sleep(ctx.clock, 100)
          log.push(`released ${n}`)
        })
      },
    }))
    ref.tell({ type: 'crash' })
    await clock.advance(99)
    expect(log).toEqual(['start 1'])
    await clock.advance(1)
    expect(log).toEqual(['start 1', 'released 1', 'start 2'])
  })

  test('a resource released early is given up at once and not released again at the end', async () => {
    let served = 0
    const cleanups: string[] = []
    const releases: Release[] = []
    const { bus, ref, kind, settled } = setup((ctx) => ({
      start() {
        releases.push(
          ctx.serve('svc.early', () => ++served),
          ctx.onCleanup(() => void cleanups.push('early')),
        )
        ctx.onCleanup(() => void cleanups.push('kept'))
      },
    }))
    await settled()
    expect(await bus.request('svc.early', null, 1000)).toBe(1)
    const releaseAll = () => {
      for (const release of releases) release()
    }
    ref.tell({ type: 'do', fn: releaseAll })
    await settled()
    expect(cleanups).toEqual(['early'])
    await expect(bus.request('svc.early', null, 1000)).rejects.toBeInstanceOf(NoRespondersError)
    releases[0]!()
    kind.stop('p')
    await flushMicrotasks()
    expect(cleanups).toEqual(['early', 'kept'])
  })

  test('a message already in flight to a released handler is never delivered', async () => {
    let events = 0
    let requests = 0
    const handles: { off?: Release; unserve?: Release } = {}
    const { bus, settled } = setup((ctx) => ({
      start() {
        handles.off = ctx.subscribe('evt.x', () => void events++)
        handles.unserve = ctx.serve('svc.x', () => ++requests)
      },
    }))
    await settled()
    bus.publish('evt.x', 1)
    const pending = bus.request('svc.x', null, 1000)
    handles.off!()
    handles.unserve!()
    await flushMicrotasks()
    expect(events).toBe(0)
    await expect(pending).rejects.toBeInstanceOf(RemoteError)
    expect(requests).toBe(0)
  })

  test('what late work acquires after the actor ended is released at once', async () => {
    let saved: ActorContext<Msg> | undefined
    let events = 0
    let cleaned = false
    const { bus, kind, ref, settled } = setup((ctx) => ({
      start: () => {
        saved = ctx
      },
    }))
    await settled()
    kind.stop('p')
    await flushMicrotasks()
    expect(ref.alive).toBe(false)
    saved!.subscribe('evt.late', () => void events++)
    saved!.serve('svc.late', () => 1)
    saved!.onCleanup(() => {
      cleaned = true
    })
    bus.publish('evt.late', 1)
    await flushMicrotasks()
    expect(events).toBe(0)
    expect(cleaned).toBe(true)
    await expect(bus.request('svc.late', null, 1000)).rejects.toBeInstanceOf(NoRespondersError)
  })
})
