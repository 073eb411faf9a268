import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import { chargerActor } from '@actors/charger/charger-actor'
import { sendChargerCommand } from '@actors/charger/client'
import type { ChargerDeps } from '@actors/charger/deps'
import type { ChargerMsg } from '@actors/charger/protocol'
import { ActorSystem } from '@actors/runtime/system'
import { LocalBus } from '@src/bus/local'
import { AccessFactsRepo } from '@src/db/repos/access-facts'
import { AccessPoliciesRepo } from '@src/db/repos/access-policies'
import { AccessRefusalsRepo } from '@src/db/repos/access-refusals'
import { ChargersRepo } from '@src/db/repos/chargers'
import { DeviceRepo } from '@src/db/repos/device'
import { TariffsRepo } from '@src/db/repos/tariffs'
import { TokensRepo } from '@src/db/repos/tokens'
import { TransactionsRepo } from '@src/db/repos/transactions'
import { openTestDatabase } from '@src/db/testing'
import { DbWriter } from '@src/db/writer'
import type { CommandOutcome } from '@src/domain/charger/commands'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { RateLimitedLog } from '@src/lib/rate-limited-log'
import { OcppSession } from '@src/ocpp/session'
import { ocpp16 } from '@src/ocpp/v16'
import { AccessDirectory } from '@src/services/access-directory'
import { SessionTariffs } from '@src/services/session-tariffs'
import fc from 'fast-check'
import { commandTimeouts, servedBudget } from './timeouts'

describe('the command timeout budget', () => {
  test('every layer gives up one margin before the layer that waits on it; a fresh CALL keeps its full time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600_000 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (callMs, now) => {
          const t = commandTimeouts(callMs)
          expect(t.marginMs).toBeGreaterThanOrEqual(100)
          const served = servedBudget(t.requestMs, now)
          expect(served.callDeadline - now).toBe(t.callMs)
          expect(served.askMs).toBe(t.askMs)
          expect(now + served.askMs - served.callDeadline).toBe(t.marginMs)
          expect(t.requestMs - served.askMs).toBe(t.marginMs)
        },
      ),
    )
  })

  test('any budget a request carries is served in the same order, at least 100 ms apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 3_600_000 }), (budgetMs) => {
        const { askMs, callDeadline } = servedBudget(budgetMs, 0)
        expect(askMs - callDeadline).toBeGreaterThanOrEqual(100)
        expect(budgetMs - askMs).toBeGreaterThanOrEqual(100)
      }),
    )
  })
})

describe('a command whose requester gave up is never sent (bus → charger actor → OCPP session, fake clock)', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  beforeEach(async () => {
    database = await openTestDatabase()
  })
  afterEach(() => database.remove())

  /** One 1.6 charger connected to its actor on a fake clock; its CALLs land in `sent`. */
  async function connected() {
    const clock = new FakeClock()
    const timeouts = commandTimeouts(1000)
    const writer = new DbWriter({ db: database.db, clock, log: silentLogger, flushMs: 0 })
    const bus = new LocalBus({ clock, log: silentLogger })
    const system = new ActorSystem({ clock, log: silentLogger, bus })
    const sessions = new Map<string, OcppSession>()
    const { db } = database
    const deps: ChargerDeps = {
      clock,
      bus,
      writer,
      chargers: new ChargersRepo(db),
      device: new DeviceRepo(db),
      tokens: new TokensRepo(db),
      transactions: new TransactionsRepo(db),
      access: new AccessDirectory({ facts: new AccessFactsRepo(db), policies: new AccessPoliciesRepo(db) }),
      accessRefusals: new AccessRefusalsRepo(db),
      tariffs: new SessionTariffs({ facts: new AccessFactsRepo(db), tariffs: new TariffsRepo(db) }),
      nodeId: 'node-a',
      heartbeatIntervalS: 300,
      lingerMs: 60_000,
      bootLog: new RateLimitedLog({ log: silentLogger, clock }),
      links: { get: (id) => sessions.get(id) },
    }
    const chargers = system.register<ChargerMsg>({
      name: 'charger',
      factory: (id) => chargerActor(id, deps),
      mailbox: { capacity: 256, overflow: 'reject' },
      supervision: { maxRestarts: 5, withinMs: 60_000 },
    })
    await writer.write([deps.chargers.upsert({ id: 'CP-1', now: clock.now() })])
    const sent: unknown[][] = []
    const transport = { send: (text: string) => sent.push(JSON.parse(text)), close: () => undefined }
    const config = {
      version: ocpp16,
      rpc: { clock, wireCode: ocpp16.wireCode, callTimeoutMs: timeouts.callMs },
      askTimeoutMs: 10_000,
    }
    const session = new OcppSession('CP-1', transport, chargers.get('CP-1'), config, 1)
    sessions.set('CP-1', session)
    await session.open()
    const answer = (i: number, payload: object) =>
      session.rpc.receive(JSON.stringify([3, (sent[i] as [number, string])[1], payload]))
    const actions = () => sent.map((f) => f[2])
    const track = (p: Promise<CommandOutcome>) => {
      const seen: { outcome?: CommandOutcome; at?: number } = {}
      void p.then((outcome) => Object.assign(seen, { outcome, at: clock.now() }))
      return seen
    }
    return { clock, bus, timeouts, answer, actions, track, stop: () => system.shutdown() }
  }

  test('queued behind a slow command, its requester times out; the slow one is answered; the queued one never goes out', async () => {
    const c = await connected()
    const started = c.clock.now()
    const slow = c.track(
      sendChargerCommand(c.bus, 'CP-1', { type: 'reset', kind: 'Soft' }, c.timeouts.requestMs),
    )
    await flushMicrotasks()
    const impatient = c.track(sendChargerCommand(c.bus, 'CP-1', { type: 'clearCache' }, 600))
    await c.clock.advance(600)
    expect(impatient).toMatchObject({ outcome: { status: 'Timeout' }, at: started + 400 })
    expect(c.actions()).toEqual(['Reset'])
    await c.clock.advance(300)
    c.answer(0, { status: 'Accepted' })
    await flushMicrotasks()
    expect(slow).toMatchObject({ outcome: { status: 'Accepted' }, at: started + 900 })
    await c.clock.advance(10_000)
    expect(c.actions()).toEqual(['Reset'])
    await c.stop()
  })

  test('three commands to a silent charger: all three requesters see Timeout in time, and only the first was sent', async () => {
    const c = await connected()
    const started = c.clock.now()
    const outcomes = ['reset', 'clearCache', 'clearCache'].map((type) =>
      c.track(
        sendChargerCommand(
          c.bus,
          'CP-1',
          type === 'reset' ? { type: 'reset', kind: 'Soft' } : { type: 'clearCache' },
          c.timeouts.requestMs,
        ),
      ),
    )
    await c.clock.advance(c.timeouts.requestMs)
    for (const o of outcomes) {
      expect(o.outcome?.status).toBe('Timeout')
      expect(o.at).toBeLessThan(started + c.timeouts.requestMs)
    }
    c.answer(0, { status: 'Accepted' })
    await c.clock.advance(10 * c.timeouts.requestMs)
    expect(c.actions()).toEqual(['Reset'])
    await c.stop()
  })
})
