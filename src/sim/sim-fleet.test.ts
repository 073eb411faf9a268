import { afterAll, beforeAll, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { SimFleet } from './sim-fleet'
import { eventually } from './sim-test-kit'

let node: TestNode
const tokens = Array.from({ length: 30 }, (_, i) => `FLEET-${String(i + 1).padStart(3, '0')}`)

beforeAll(async () => {
  node = await startTestNode({ LOG_LEVEL: 'warn' })
  const now = Date.now()
  const rows = tokens.map((uid) =>
    node.deps.repos.tokens.upsert(uid, { type: 'ISO14443', status: 'Accepted' }, now),
  )
  await node.deps.writer.write(rows)
})
afterAll(() => node.dispose())

/** Periodic energy samples of every stored transaction that has at least `min` of them. */
async function sampledTransactions(min: number) {
  const { transactions } = node.deps.repos
  const { rows } = await transactions.list({ limit: 100, offset: 0 })
  const sampled = await Promise.all(
    rows.map(async (t) => {
      const values = await transactions.meterValuesOf(t.id)
      return values.filter(
        (m) => m.measurand === 'Energy.Active.Import.Register' && m.context === 'Sample.Periodic',
      )
    }),
  )
  return sampled.filter((s) => s.length >= min)
}

test('a sped-up fleet of 10 chargers charges cars; transactions and rising meter values reach the database', async () => {
  const fleet = new SimFleet({
    url: node.ocppUrl,
    tokens,
    chargers: 10,
    connectorsPerCharger: 2,
    timeScale: 600,
    seed: 42,
    initialOccupancy: 1,
  })
  expect(await fleet.start()).toEqual({ started: 10, failed: [] })
  expect(node.deps.gateway.connections).toBe(10)

  const ready = async () => {
    const sampled = await sampledTransactions(3)
    return sampled.length >= 10 ? sampled : undefined
  }
  for (const samples of await eventually('10 transactions with 3 periodic samples each', ready, 30_000)) {
    const values = samples.map((m) => m.value ?? 0)
    const times = samples.map((m) => m.sampledAt)
    expect(values.every((v, i) => i === 0 || v >= (values[i - 1] ?? 0))).toBe(true)
    expect(values.at(-1)).toBeGreaterThan(values[0] ?? 0)
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true)
  }

  await fleet.stop({ endSessions: true })
  const report = fleet.report()
  expect(report.sessionsStarted).toBeGreaterThanOrEqual(10)
  expect(report.activeSessions).toBe(0)
  expect(report.lastProtocolErrors).toEqual([])
  const open = await node.deps.repos.transactions.list({ open: true, limit: 1, offset: 0 })
  expect(open.total).toBe(0)
  const offline = async () => {
    const list = await Promise.all(fleet.chargers.map((c) => node.deps.repos.chargers.find(c.id)))
    return list.every((c) => c && !c.online) ? list : undefined
  }
  expect(await eventually('every charger offline', offline)).toHaveLength(10)
  expect(node.deps.gateway.connections).toBe(0)
}, 40_000)

test('a mixed fleet (half 1.6, half 2.0.1) produces ended transactions from both protocols', async () => {
  const fleet = new SimFleet({
    url: node.ocppUrl,
    tokens,
    chargers: 6,
    connectorsPerCharger: 2,
    idPrefix: 'MIX-',
    protocolMix: { 'ocpp2.0.1': 0.5 },
    timeScale: 600,
    seed: 7,
    initialOccupancy: 1,
    meterIntervalS: 60,
  })
  expect(fleet.chargers.map((c) => c.protocol)).toEqual([
    'ocpp1.6',
    'ocpp2.0.1',
    'ocpp1.6',
    'ocpp2.0.1',
    'ocpp1.6',
    'ocpp2.0.1',
  ])
  expect(await fleet.start()).toEqual({ started: 6, failed: [] })
  const both = () => {
    const r = fleet.report().byProtocol
    return r['ocpp1.6'].sessionsStarted >= 2 && r['ocpp2.0.1'].sessionsStarted >= 2
  }
  await eventually('sessions on both versions', both, 20_000)
  await fleet.stop({ endSessions: true })
  const report = fleet.report()
  expect(report.lastProtocolErrors).toEqual([])
  expect(report.activeSessions).toBe(0)
  const { rows } = await node.deps.repos.transactions.list({ limit: 500, offset: 0 })
  const mixed = rows.filter((t) => t.chargerId.startsWith('MIX-'))
  const protocol = (id: string) => fleet.charger(id)?.protocol
  const ended = (p: string) => mixed.filter((t) => protocol(t.chargerId) === p && t.endedAt !== null)
  expect(ended('ocpp1.6').length).toBeGreaterThanOrEqual(2)
  expect(ended('ocpp2.0.1').length).toBeGreaterThanOrEqual(2)
  expect(ended('ocpp2.0.1').every((t) => /^[0-9a-f-]{36}$/.test(t.ocppTxId))).toBe(true)
  expect(mixed.every((t) => t.endedAt !== null && (t.energyWh ?? -1) >= 0)).toBe(true)
  const bySession = new Map(report.sessions.map((s) => [`${s.chargerId}/${s.ocppTransactionId}`, s.energyWh]))
  for (const t of mixed) expect(t.energyWh).toBe(bySession.get(`${t.chargerId}/${t.ocppTxId}`) ?? -1)
}, 40_000)
