import { expect, test } from 'bun:test'
import type { KindHandle } from '@actors/runtime/system'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import type { TransactionRow } from '@src/db/repos/transactions'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { startSessions } from './director'
import type { SessionMsg } from './protocol'

function setup() {
  const clock = new FakeClock()
  const bus = new LocalBus({ clock, log: silentLogger })
  const activated: string[] = []
  const kind = { get: (id: string) => activated.push(id) } as unknown as KindHandle<SessionMsg>
  const deps = {
    bus,
    nodeId: 'node-1',
    log: silentLogger,
    holds: (chargerId: string) => chargerId === 'HERE',
    transactions: {
      openOnNode: async (nodeId: string) => (nodeId === 'node-1' ? [3, 4] : []),
      openOf: async (chargerId: string) => (chargerId === 'HERE' ? [{ id: 9 } as TransactionRow] : []),
    },
  }
  return { bus, kind, deps, activated }
}

test('at boot the sessions of the open transactions this node held are re-created', async () => {
  const s = setup()
  const stop = await startSessions(s.deps, s.kind)
  expect(s.activated).toEqual(['3', '4'])
  stop()
})

test('a start on a charger this node holds starts its session; one held elsewhere does not', async () => {
  const s = setup()
  const stop = await startSessions(s.deps, s.kind)
  s.bus.publish(subjects.chargerEvent('HERE', 'transactionStarted'), { chargerId: 'HERE', transactionId: 11 })
  s.bus.publish(subjects.chargerEvent('THERE', 'transactionStarted'), {
    chargerId: 'THERE',
    transactionId: 12,
  })
  s.bus.publish(subjects.chargerEvent('HERE', 'transactionStarted'), {
    chargerId: 'HERE',
    transactionId: 'x',
  })
  await flushMicrotasks()
  expect(s.activated).toEqual(['3', '4', '11'])
  stop()
})

test('a charger connecting here brings its open sessions along; connecting elsewhere does not', async () => {
  const s = setup()
  const stop = await startSessions(s.deps, s.kind)
  s.bus.publish(subjects.chargerEvent('HERE', 'connected'), { chargerId: 'HERE', nodeId: 'node-2' })
  s.bus.publish(subjects.chargerEvent('HERE', 'connected'), { chargerId: 'HERE', nodeId: 'node-1' })
  await flushMicrotasks()
  expect(s.activated).toEqual(['3', '4', '9'])
  stop()
  s.bus.publish(subjects.chargerEvent('HERE', 'transactionStarted'), { chargerId: 'HERE', transactionId: 13 })
  expect(s.activated).not.toContain('13')
})
