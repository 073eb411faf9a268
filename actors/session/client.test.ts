import { expect, test } from 'bun:test'
import { ActorSystem } from '@actors/runtime/system'
import { LocalBus } from '@src/bus/local'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { runningSessionView, SESSION_VIEW_ASK_MS } from './client'
import type { SessionMsg } from './protocol'

function setup(answer: boolean) {
  const clock = new FakeClock()
  const system = new ActorSystem({
    clock,
    log: silentLogger,
    bus: new LocalBus({ clock, log: silentLogger }),
  })
  const view = { transactionId: 7 } as LiveSession
  const kind = system.register<SessionMsg>({
    name: 'session',
    factory: () => () => ({
      receive: (msg: SessionMsg) => {
        if (msg.type === 'session.get' && answer) msg.reply(view)
      },
    }),
  })
  return { clock, kind, view }
}

test("a session running here answers with its actor's view; one not running here is never started by the read", async () => {
  const s = setup(true)
  expect(await runningSessionView(s.kind, 8)).toBeUndefined()
  expect(s.kind.size).toBe(0)
  s.kind.get('7')
  expect(await runningSessionView(s.kind, 7)).toBe(s.view)
})

test('an actor that does not answer in time leaves the answer to the stored view', async () => {
  const s = setup(false)
  s.kind.get('7')
  const read = runningSessionView(s.kind, 7)
  await flushMicrotasks()
  await s.clock.advance(SESSION_VIEW_ASK_MS)
  expect(await read).toBeUndefined()
})
