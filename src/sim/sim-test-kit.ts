import { expect } from 'bun:test'
import { sendChargerCommand } from '@actors/charger/client'
import { transactionEvents } from '@src/db/schema'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { FakeClock } from '@src/lib/fake-clock'
import { loadOfficialSchemas } from '@src/ocpp/official-schemas'
import { startTestNode, type TestNode } from '@src/testing/node'
import { asc, eq } from 'drizzle-orm'
import type { Ev } from './ev'
import { SimCharger, type SimProtocol } from './sim-charger'
import type { SimChargerEvent } from './sim-events'

/**
 * Helpers for integration tests of the simulator against a real node (test-only: it imports
 * `bun:test`). Simulation time is a FakeClock the test advances, so energy is exact; sockets and the
 * database run in real time, so results are awaited by polling ({@link eventually}).
 */

/** Polls a condition on real sockets or the database; fails naming `what` if it never holds. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  for (let waited = 0; waited < timeoutMs; waited += 10) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    await Bun.sleep(10)
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** A test car: 60 kWh, 3 × 16 A, 20 % charged, unless overridden. */
export const testEv = (over: Partial<Ev> = {}): Ev => ({
  model: 'test car',
  capacityKWh: 60,
  maxCurrentA: 16,
  phases: 3,
  soc: 0.2,
  ...over,
})

/** A simulated charger on a fake clock, booted, with every event it emitted. */
export interface TestCharger {
  cp: SimCharger
  clock: FakeClock
  events: SimChargerEvent[]
}

/** A node with accepted tokens `SIM-TOKEN-1..n`, and ways to drive chargers against it. */
export interface SimHarness {
  node: TestNode
  /** One token per test: the CSMS refuses a token charging on another charger (ConcurrentTx). */
  token(n: number): string
  /** A booted charger (meter interval 60 s, profile delay 2 s, simulated), 1.6 unless told otherwise. */
  charger(id: string, connectors?: number, protocol?: SimProtocol): Promise<TestCharger>
  /** Sends a CSMS call through the gateway; checks the answer against the official schema. */
  call(id: string, action: string, payload: unknown): Promise<Record<string, unknown>>
  /** Sends an operator command the way the API does (over the bus, to the node holding the charger). */
  command(id: string, command: ChargerCommand): Promise<CommandOutcome>
  /** The TransactionEvents the node stored for a charger (2.0.1), in seqNo order. */
  txEvents(chargerId: string): Promise<(typeof transactionEvents.$inferSelect)[]>
  /** The energy register samples the node stored for a transaction. */
  energySamples(txId: number): Promise<{ value: number | null; context: string | null }[]>
  /** Stops the node and deletes its database. */
  dispose(): Promise<void>
}

/** Starts a test node with `tokens` accepted tokens. */
export async function startHarness(tokens = 10): Promise<SimHarness> {
  const node = await startTestNode({ LOG_LEVEL: 'warn' })
  const token = (n: number) => `SIM-TOKEN-${n}`
  const now = Date.now()
  const rows = Array.from({ length: tokens }, (_, i) =>
    node.deps.repos.tokens.upsert(token(i + 1), { type: 'ISO14443', status: 'Accepted' }, now),
  )
  await node.deps.writer.write(rows)
  const official = loadOfficialSchemas()
  const versions = new Map<string, '1.6' | '2.0.1'>()
  return {
    node,
    token,
    async charger(id, connectors = 1, protocol = 'ocpp1.6') {
      versions.set(id, protocol === 'ocpp2.0.1' ? '2.0.1' : '1.6')
      return bootCharger(node.ocppUrl, id, connectors, protocol)
    },
    async call(id, action, payload) {
      const outcome = await node.deps.gateway
        .link(id)
        ?.rpc.call(action, payload, node.deps.clock.now() + 5000)
      if (outcome?.kind !== 'result') throw new Error(`${action}: ${JSON.stringify(outcome)}`)
      const version = versions.get(id) ?? '1.6'
      if (official)
        expect(official.validate(version, action, 'response', outcome.payload)).toEqual({ ok: true })
      return outcome.payload
    },
    command: (id, command) => sendChargerCommand(node.deps.bus, id, command, 5000),
    txEvents: (chargerId) =>
      node.deps.database.db
        .select()
        .from(transactionEvents)
        .where(eq(transactionEvents.chargerId, chargerId))
        .orderBy(asc(transactionEvents.seqNo)),
    async energySamples(txId) {
      const rows = await node.deps.repos.transactions.meterValuesOf(txId)
      return rows.filter((m) => m.measurand === 'Energy.Active.Import.Register')
    },
    dispose: () => node.dispose(),
  }
}

/** A charger on a fake clock (meter interval 60 s, profile delay 2 s), booted and Accepted. */
async function bootCharger(url: string, id: string, connectors: number, protocol: SimProtocol) {
  const clock = new FakeClock(Date.now())
  const opts = { url, id, protocol, clock, connectors, meterIntervalS: 60, limitDelayMs: 2000 }
  const cp = new SimCharger(opts)
  const events: SimChargerEvent[] = []
  cp.subscribe((e) => events.push(e))
  expect(await cp.start()).toBe('Accepted')
  return { cp, clock, events }
}

/** The protocol errors among a charger's events (none against a correct CSMS). */
export const protocolErrors = (events: SimChargerEvent[]) => events.filter((e) => e.type === 'protocolError')
