import { describe, expect, test } from 'bun:test'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import type { CappedSession } from '@src/db/repos/capped-sessions'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { FakeClock } from '@src/lib/fake-clock'
import { createLogger } from '@src/lib/log'
import type { Change } from './audit'
import { RETRY_BASE_MS, RETRY_MAX_MS, SessionCaps } from './session-caps'

const START = Date.UTC(2026, 11, 1, 18, 0)
const SWEEP_MS = 15_000

/** A node's view of its capped sessions, a charger that answers as told, and what was recorded. */
function rig(sessions: (CappedSession & { open: boolean })[]) {
  const clock = new FakeClock(START)
  const log = createLogger({ level: 'silent' })
  const bus = new LocalBus({ clock, log })
  const asked: { at: number; chargerId: string; command: ChargerCommand }[] = []
  const recorded: Change[] = []
  const warnings: string[] = []
  const counted: string[] = []
  let answer: CommandOutcome = { status: 'Accepted' }
  const caps = new SessionCaps({
    clock,
    bus,
    log: { ...log, warn: (msg) => warnings.push(msg) },
    writer: { write: async () => [] as never },
    audit: {
      entry: (_, change) => {
        recorded.push(change)
        return change as never
      },
    },
    nodeId: 'n1',
    sessions: {
      dueOnNode: async (_, now) => sessions.filter((s) => s.open && s.stopBy <= now),
      nextOnNode: async (_, now) =>
        Math.min(...sessions.filter((s) => s.open && s.stopBy > now).map((s) => s.stopBy)) || null,
      stopByOf: async (id) => sessions.find((s) => s.id === id)?.stopBy ?? null,
    },
    send: async (chargerId, command) => {
      asked.push({ at: clock.now(), chargerId, command })
      return answer
    },
    count: (status) => counted.push(status),
    sweepMs: SWEEP_MS,
  })
  return {
    clock,
    bus,
    caps,
    asked,
    recorded,
    warnings,
    counted,
    answer: (o: CommandOutcome) => {
      answer = o
    },
  }
}

const session = (id: number, stopBy: number) => ({
  id,
  chargerId: `CP-${id}`,
  organizationId: 'coop',
  stopBy,
  accessPolicyId: 'p-visitors',
  open: true,
})

describe('sessions stopped at their maximum length', () => {
  test('a session is asked to stop at its stop-by, not before, and the request is recorded once', async () => {
    const s = session(1, START + 60_000)
    const r = rig([s])
    r.caps.start()
    await r.clock.advance(59_999)
    expect(r.asked).toEqual([])
    await r.clock.advance(1)
    expect(r.asked).toEqual([
      { at: START + 60_000, chargerId: 'CP-1', command: { type: 'remoteStop', transactionId: 1 } },
    ])
    expect(r.recorded).toEqual([
      {
        organizationId: 'coop',
        action: 'transaction.stopRequested',
        entity: 'transaction',
        entityId: '1',
        before: null,
        after: { reason: 'maxSessionLength', stopBy: START + 60_000, policyId: 'p-visitors' },
      },
    ])
    expect(r.counted).toEqual(['Accepted'])
    r.caps.stop()
  })

  test('an accepted request is not repeated while the charger ends the transaction, and an ended one is forgotten', async () => {
    const s = session(1, START)
    const r = rig([s])
    r.caps.start()
    await r.clock.advance(RETRY_MAX_MS - 1)
    expect(r.asked).toHaveLength(1)
    s.open = false
    r.bus.publish(subjects.chargerEvent('CP-1', 'transactionEnded'), { transactionId: 1 })
    await r.clock.advance(RETRY_MAX_MS)
    expect(r.asked).toHaveLength(1)
    expect(r.caps.retryAt(1)).toBeNull()
    r.caps.stop()
  })

  test('an offline charger is asked again with backoff, logged once, and at once when it boots again', async () => {
    const r = rig([session(1, START)])
    r.answer({ status: 'Offline', detail: 'the charger is not connected' })
    r.caps.start()
    await r.clock.advance(RETRY_BASE_MS + 2 * RETRY_BASE_MS)
    expect(r.asked.map((a) => a.at - START)).toEqual([0, RETRY_BASE_MS, 3 * RETRY_BASE_MS])
    expect(r.warnings).toEqual(['session past its maximum length not stopped yet: retrying'])
    expect(r.recorded).toEqual([])
    expect(r.caps.retryAt(1)).toBe(START + 3 * RETRY_BASE_MS + 4 * RETRY_BASE_MS)
    await r.clock.advance(1_000)
    r.answer({ status: 'Accepted' })
    r.bus.publish(subjects.chargerEvent('CP-1', 'booted'), { chargerId: 'CP-1', registration: 'Accepted' })
    await r.clock.advance(0)
    expect(r.asked.map((a) => a.at - START)).toEqual([0, 5_000, 15_000, 16_000])
    expect(r.recorded.map((c) => c.entityId)).toEqual(['1'])
    expect(r.counted).toEqual(['Offline', 'Offline', 'Offline', 'Accepted'])
    r.caps.stop()
  })

  test('a refusing charger is asked again, the wait doubling up to five minutes', async () => {
    const r = rig([session(1, START)])
    r.answer({ status: 'Rejected', detail: 'busy' })
    r.caps.start()
    await r.clock.advance(20 * 60_000)
    const gaps = r.asked.slice(1).map((a, i) => a.at - r.asked[i]!.at)
    expect(gaps.slice(0, 6)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000])
    expect(new Set(gaps.slice(6))).toEqual(new Set([RETRY_MAX_MS]))
    r.caps.stop()
  })

  test('a session whose stop-by is ten minutes ahead is stopped then, across several sweeps', async () => {
    const r = rig([session(1, START + 10 * 60_000)])
    r.caps.start()
    await r.clock.advance(10 * 60_000 - 1)
    expect(r.asked).toEqual([])
    await r.clock.advance(1)
    expect(r.asked).toHaveLength(1)
    r.caps.stop()
  })

  test('a transaction that starts with a stop-by is stopped at it, not at the next sweep', async () => {
    const sessions: (CappedSession & { open: boolean })[] = []
    const r = rig(sessions)
    r.caps.start()
    await r.clock.advance(1_000)
    sessions.push(session(7, START + 6_000))
    r.bus.publish(subjects.chargerEvent('CP-7', 'transactionStarted'), { transactionId: 7 })
    await r.clock.advance(SWEEP_MS)
    expect(r.asked.map((a) => a.at - START)).toEqual([6_000])
    r.caps.stop()
  })

  test('a stopped service asks nothing', async () => {
    const r = rig([session(1, START + 1_000)])
    r.caps.start()
    r.caps.stop()
    await r.clock.advance(60_000)
    expect(r.asked).toEqual([])
    expect(r.clock.pending).toBe(0)
  })
})
