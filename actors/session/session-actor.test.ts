import { describe, expect, test } from 'bun:test'
import { ActorSystem } from '@actors/runtime/system'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import type { TransactionRow } from '@src/db/repos/transactions'
import type { ChargerCommand } from '@src/domain/charger/commands'
import type { ChargerEvent } from '@src/domain/charger/events'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { dec } from '@src/domain/tariffs/decimal'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import type { SessionCost } from '@src/services/session-costs'
import type { SessionDeps } from './deps'
import type { SessionMsg } from './protocol'
import { sessionActor } from './session-actor'

const PUBLISH_MS = 5_000
const DISPLAY_MS = 60_000

/** A stored transaction, as the repository gives it: the actor reads only these fields. */
function txRow(over: Partial<TransactionRow> = {}): TransactionRow {
  return {
    id: 7,
    organizationId: 'org-a',
    chargerId: 'CP-1',
    evseId: 1,
    idTag: 'CARD',
    startedAt: Date.UTC(2026, 0, 1),
    endedAt: null,
    energyWh: null,
    meterStartWh: 1000,
    lastMeterWh: 1000,
    departureAt: null,
    tariffId: 'home',
    tariffVersion: 1,
    chargingState: 'Charging',
    ...over,
  } as TransactionRow
}

/** 2 SEK per kWh excl. VAT, 25 % VAT: the "stored readings" are the row's register. */
function costOf(row: TransactionRow): SessionCost {
  const kwh = dec((row.lastMeterWh ?? 0) - (row.meterStartWh ?? 0)).div(1000)
  const excl = kwh.mul(2)
  return {
    version: { tariffId: 'home', version: 1 },
    priced: { currency: 'SEK', billed: { exclVat: excl, vat: excl.mul('0.25'), inclVat: excl.mul('1.25') } },
    session: { end: row.endedAt ?? row.startedAt + 60_000 },
  } as unknown as SessionCost
}

function setup(row: TransactionRow, opts: { protocol?: string; failPricing?: () => boolean } = {}) {
  const clock = new FakeClock(row.startedAt)
  const bus = new LocalBus({ clock, log: silentLogger })
  const system = new ActorSystem({ clock, log: silentLogger, bus })
  const store = { row }
  const published: LiveSession[] = []
  const commands: ChargerCommand[] = []
  const cdrs: number[] = []
  bus.subscribe(subjects.allSessionUpdates, (p) => published.push(p as LiveSession))
  const deps: SessionDeps = {
    clock,
    bus,
    transactions: { find: async (id) => (id === store.row.id ? store.row : undefined) },
    costs: {
      costOf: async (r) => {
        if (opts.failPricing?.()) throw new Error('database gone')
        return costOf(r)
      },
    },
    cdrs: {
      write: async (id) => {
        cdrs.push(id)
        return undefined
      },
    },
    tariffs: { version: async () => undefined },
    chargers: { find: async () => ({ protocol: opts.protocol ?? 'ocpp2.0.1' }) as never },
    device: {
      variables: async () =>
        [
          { component: 'TariffCostCtrlr', variable: 'Enabled', variableInstance: 'Cost', value: 'true' },
        ] as never,
    },
    nodeId: 'node-1',
    command: async (_, c) => {
      commands.push(c)
      return { status: 'Accepted' }
    },
    publishEveryMs: PUBLISH_MS,
    displayEveryMs: DISPLAY_MS,
    receiptUrl: 'https://csms.example.com/me',
  }
  const kind = system.register<SessionMsg>({
    name: 'session',
    factory: (id) => sessionActor(Number(id), deps),
    supervision: { maxRestarts: 3, withinMs: 60_000 },
  })
  const charger = (event: ChargerEvent) =>
    bus.publish(subjects.chargerEvent(event.chargerId, event.type.slice('charger.'.length)), event)
  /** The charger stored a new register reading and published its samples. */
  const sampled = (wh: number, powerW = 11_000, transactionId = store.row.id) => {
    store.row = { ...store.row, lastMeterWh: wh }
    charger({
      type: 'charger.meterSampled',
      chargerId: 'CP-1',
      evseId: 1,
      transactionId,
      energyWh: wh - 1000,
      readings: { powerW },
      at: clock.now(),
    })
  }
  const settle = () => clock.advance(0).then(() => flushMicrotasks())
  return { clock, system, kind, store, published, commands, cdrs, charger, sampled, settle }
}

describe('SessionActor', () => {
  test('lifecycle: publishes on start, a reading later, and on the end after the CDR; then stops', async () => {
    const s = setup(txRow())
    s.kind.get('7')
    await s.settle()
    expect(s.published.map((p) => [p.state, p.energyWh, p.cost?.inclVat])).toEqual([['running', 0, '0']])
    await s.clock.advance(PUBLISH_MS)
    s.sampled(3000)
    await s.settle()
    expect(s.published.at(-1)).toMatchObject({
      state: 'running',
      energyWh: 2000,
      powerW: 11_000,
      cost: { tariffId: 'home', tariffVersion: 1, currency: 'SEK', exclVat: '4', inclVat: '5' },
    })
    s.store.row = { ...s.store.row, endedAt: s.clock.now(), energyWh: 2000 }
    s.charger({
      type: 'charger.transactionEnded',
      chargerId: 'CP-1',
      transactionId: 7,
      evseId: 1,
      energyWh: 2000,
      reason: 'Local',
      at: s.clock.now(),
    })
    await s.settle()
    expect(s.cdrs).toEqual([7])
    expect(s.published.at(-1)).toMatchObject({
      state: 'ended',
      energyWh: 2000,
      powerW: null,
      cost: { inclVat: '5' },
    })
    expect(s.kind.find('7')?.alive ?? false).toBe(false)
  })

  test('throttling: a burst of readings within N s is one update when the interval ends; the display at most once a minute, only on change', async () => {
    const s = setup(txRow())
    s.kind.get('7')
    await s.settle()
    expect(s.commands).toEqual([{ type: 'costUpdated', transactionId: 7, totalCost: '0' }])
    for (let i = 1; i <= 10; i++) {
      await s.clock.advance(400)
      s.sampled(1000 + i * 100)
      await s.settle()
    }
    expect(s.published).toHaveLength(1)
    await s.clock.advance(PUBLISH_MS)
    await s.settle()
    expect(s.published).toHaveLength(2)
    expect(s.published[1]?.cost?.inclVat).toBe('2.5')
    expect(s.commands).toHaveLength(1)
    await s.clock.advance(DISPLAY_MS)
    s.sampled(2000)
    await s.settle()
    expect(s.commands.at(-1)).toEqual({ type: 'costUpdated', transactionId: 7, totalCost: '2.5' })
    await s.clock.advance(DISPLAY_MS)
    s.sampled(2000)
    await s.settle()
    expect(s.commands).toHaveLength(2)
  })

  test("another transaction's readings are not this session's", async () => {
    const s = setup(txRow())
    s.kind.get('7')
    await s.settle()
    await s.clock.advance(PUBLISH_MS)
    s.sampled(5000, 7000, 8)
    await s.settle()
    expect(s.published).toHaveLength(1)
  })

  test('restart: a crash while pricing rebuilds the session from the database, with nothing lost', async () => {
    let failures = 0
    const s = setup(txRow(), { failPricing: () => failures-- > 0 })
    s.kind.get('7')
    await s.settle()
    await s.clock.advance(PUBLISH_MS)
    failures = 1
    s.sampled(3000)
    await s.settle()
    await s.clock.advance(1000)
    await s.settle()
    expect(s.system.stats.restarts).toBe(1)
    expect(s.published.at(-1)).toMatchObject({ state: 'running', energyWh: 2000, cost: { inclVat: '5' } })
  })

  test('node restart: a session whose transaction ended while no actor ran gets its CDR and its final update', async () => {
    const s = setup(txRow({ endedAt: Date.UTC(2026, 0, 1, 1), energyWh: 500, lastMeterWh: 1500 }))
    s.kind.get('7')
    await s.settle()
    expect(s.cdrs).toEqual([7])
    expect(s.published.map((p) => p.state)).toEqual(['ended'])
    expect(s.kind.find('7')?.alive ?? false).toBe(false)
  })

  test('its charger connected to another node: the session stops here (that node runs it)', async () => {
    const s = setup(txRow())
    s.kind.get('7')
    await s.settle()
    s.charger({
      type: 'charger.connected',
      chargerId: 'CP-1',
      protocol: 'ocpp2.0.1',
      nodeId: 'node-1',
      at: 0,
    })
    await s.settle()
    expect(s.kind.find('7')?.alive).toBe(true)
    s.charger({
      type: 'charger.connected',
      chargerId: 'CP-1',
      protocol: 'ocpp2.0.1',
      nodeId: 'node-2',
      at: 0,
    })
    await s.settle()
    expect(s.kind.find('7')?.alive ?? false).toBe(false)
  })

  test('a 1.6 charger that reports CustomDisplayCostAndPrice false is sent nothing', async () => {
    const s = setup(txRow(), { protocol: 'ocpp1.6' })
    s.kind.get('7')
    await s.settle()
    expect(s.published).toHaveLength(1)
    expect(s.commands).toEqual([])
  })
})
