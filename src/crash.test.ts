import { afterAll, expect, test } from 'bun:test'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from './db/client'
import { TransactionsRepo } from './db/repos/transactions'
import { randomId } from './lib/ids'
import { OcppClient } from './sim/ocpp-client'

/**
 * The crash test: chargers of both versions run transactions while the node is killed (SIGKILL) and
 * restarted, some kills right after every charger's start was acknowledged and before its first meter
 * values (the actor is rebuilt from the database), others with messages in flight. Chargers behave as
 * real ones do: a message without an answer is sent again (a new message id) once they reconnect.
 * Afterwards every acknowledged start, sample and stop must be in the database, once, with the
 * energy of the transaction's own readings.
 */

const dbPath = join(tmpdir(), `csms-crash-${randomId(6)}.db`)
afterAll(() => {
  for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true })
})

const T0 = Date.UTC(2026, 2, 1, 18)
const iso = (ms: number) => new Date(ms).toISOString()
const CHARGERS_PER_VERSION = 6
const SESSIONS = 3
const SAMPLES = 4

async function freePort(): Promise<number> {
  const probe = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
  const { port } = probe
  probe.stop(true)
  return port
}

function spawnNode(port: number): { proc: Bun.Subprocess; ready: Promise<void> } {
  const proc = Bun.spawn([process.execPath, 'src/main.ts'], {
    cwd: join(import.meta.dir, '..'),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dbPath}`,
      CSMS_UNKNOWN_CHARGERS: 'accept',
      CSMS_ADMIN_PASSWORD: 'crash-test-password',
      LOG_LEVEL: 'warn',
    },
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'inherit',
  })
  const ready = (async () => {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`node exited with ${proc.exitCode}`)
      const up = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (up) return
      await Bun.sleep(20)
    }
  })()
  return { proc, ready }
}

/** What one session sends: its start and stop register values and the samples between. */
interface Plan {
  startWh: number
  samples: { at: number; wh: number }[]
  stopWh: number
  startAt: number
  stopAt: number
}

function plans(charger: number): Plan[] {
  return Array.from({ length: SESSIONS }, (_, s) => {
    const startAt = T0 + (s * 3600 + charger) * 1000
    const startWh = 10_000 * (s + 1) + charger
    const samples = Array.from({ length: SAMPLES }, (_, i) => ({
      at: startAt + (i + 1) * 60_000,
      wh: startWh + (i + 1) * 1000 + charger,
    }))
    return { startWh, samples, stopWh: startWh + 7777 + charger, startAt, stopAt: startAt + 600_000 }
  })
}

/** One step of a charger's script: an OCPP call built from what was learnt so far (the 1.6 id). */
type Step = { action: string; payload: (txId: number) => unknown; learns?: boolean; barrier?: boolean }

function script16(plan: Plan): Step[] {
  const value = (at: number, wh: number) => ({
    timestamp: iso(at),
    sampledValue: [{ value: String(wh), unit: 'Wh' }],
  })
  return [
    {
      action: 'StartTransaction',
      payload: () => ({
        connectorId: 1,
        idTag: 'CRASH',
        meterStart: plan.startWh,
        timestamp: iso(plan.startAt),
      }),
      learns: true,
      barrier: true,
    },
    ...plan.samples.map((s) => ({
      action: 'MeterValues',
      payload: (txId: number) => ({ connectorId: 1, transactionId: txId, meterValue: [value(s.at, s.wh)] }),
    })),
    {
      action: 'StopTransaction',
      payload: (txId: number) => ({
        transactionId: txId,
        meterStop: plan.stopWh,
        timestamp: iso(plan.stopAt),
        reason: 'EVDisconnected',
      }),
    },
  ]
}

function script201(plan: Plan, wireId: string): Step[] {
  const value = (at: number, wh: number, context: string) => ({
    timestamp: iso(at),
    sampledValue: [{ value: wh, context, measurand: 'Energy.Active.Import.Register' }],
  })
  const event = (eventType: string, seqNo: number, at: number, meterValue: unknown[], extra = {}) => ({
    eventType,
    timestamp: iso(at),
    triggerReason: eventType === 'Updated' ? 'MeterValuePeriodic' : 'CablePluggedIn',
    seqNo,
    transactionInfo: { transactionId: wireId, ...extra },
    evse: { id: 1, connectorId: 1 },
    meterValue,
  })
  return [
    {
      action: 'TransactionEvent',
      payload: () =>
        event('Started', 0, plan.startAt, [value(plan.startAt, plan.startWh, 'Transaction.Begin')]),
      barrier: true,
    },
    ...plan.samples.map((s, i) => ({
      action: 'TransactionEvent',
      payload: () => event('Updated', i + 1, s.at, [value(s.at, s.wh, 'Sample.Periodic')]),
    })),
    {
      action: 'TransactionEvent',
      payload: () =>
        event('Ended', SAMPLES + 1, plan.stopAt, [value(plan.stopAt + 1, plan.stopWh, 'Transaction.End')], {
          stoppedReason: 'EVDisconnected',
        }),
    },
  ]
}

test('SIGKILL during transactions of both versions: 0 acknowledged records lost, 0 wrong energy', async () => {
  const port = await freePort()
  const url = `ws://127.0.0.1:${port}/ocpp`
  let node = spawnNode(port)
  await node.ready
  let acks = 0
  let waiting = 0
  let release: (() => void) | undefined
  let gate = new Promise<void>((r) => {
    release = r
  })
  const chargers = CHARGERS_PER_VERSION * 2
  const results: { id: string; version: string; txIds: (number | string)[]; plans: Plan[] }[] = []

  async function runCharger(index: number): Promise<void> {
    const version = index < CHARGERS_PER_VERSION ? 'ocpp1.6' : 'ocpp2.0.1'
    const id = `CRASH-${index}`
    const own = plans(index)
    const txIds: (number | string)[] = []
    results.push({ id, version, txIds, plans: own })
    let cp: OcppClient | undefined
    const connect = async (): Promise<OcppClient> => {
      for (;;) {
        try {
          const c = await OcppClient.connect({ url, identity: id, protocols: [version], callTimeoutMs: 3000 })
          const boot =
            version === 'ocpp1.6'
              ? { chargePointVendor: 'ACME', chargePointModel: 'K' }
              : { chargingStation: { vendorName: 'ACME', model: 'K' }, reason: 'PowerUp' }
          if ((await c.call('BootNotification', boot)).kind === 'result') return c
        } catch {}
        await Bun.sleep(25)
      }
    }
    for (const [s, plan] of own.entries()) {
      const wire = `${id}-tx${s}`
      const steps = version === 'ocpp1.6' ? script16(plan) : script201(plan, wire)
      let txId = 0
      for (const step of steps) {
        for (;;) {
          cp ??= await connect()
          const outcome = await cp.call(step.action, step.payload(txId)).catch(() => undefined)
          if (outcome?.kind === 'result') {
            if (step.learns) txId = outcome.payload.transactionId as number
            acks++
            break
          }
          cp = undefined
          await Bun.sleep(25)
        }
        if (step.barrier && s === 0) {
          waiting++
          await gate
        }
      }
      txIds.push(version === 'ocpp1.6' ? txId : wire)
    }
    await cp?.close()
  }

  const running = Array.from({ length: chargers }, (_, i) => runCharger(i))
  while (waiting < chargers) await Bun.sleep(5)
  node.proc.kill('SIGKILL')
  await node.proc.exited
  node = spawnNode(port)
  await node.ready
  release?.()
  gate = Promise.resolve()
  for (const at of [40, 90, 140]) {
    while (acks < at) await Bun.sleep(2)
    node.proc.kill('SIGKILL')
    await node.proc.exited
    node = spawnNode(port)
    await node.ready
  }
  await Promise.all(running)
  node.proc.kill('SIGTERM')
  await node.proc.exited

  const database = await openDatabase(`file:${dbPath}`)
  const repo = new TransactionsRepo(database.db)
  const wrong: string[] = []
  for (const r of results) {
    for (const [s, plan] of r.plans.entries()) {
      const key = r.txIds[s]!
      const row = typeof key === 'number' ? await repo.find(key) : await repo.findByWireId(r.id, key)
      const samples = row ? await repo.meterValuesOf(row.id) : []
      const expected = {
        meterStartWh: plan.startWh,
        meterStopWh: plan.stopWh,
        energyWh: plan.stopWh - plan.startWh,
      }
      const got = row && {
        meterStartWh: row.meterStartWh,
        meterStopWh: row.meterStopWh,
        energyWh: row.energyWh,
      }
      const sampleCount = r.version === 'ocpp1.6' ? SAMPLES : SAMPLES + 2
      if (
        !row ||
        row.endedAt === null ||
        JSON.stringify(got) !== JSON.stringify(expected) ||
        samples.length !== sampleCount
      )
        wrong.push(
          `${r.id} session ${s}: ${JSON.stringify({ got, expected, samples: samples.length, sampleCount })}`,
        )
    }
    const { total } = await repo.list({ chargerId: r.id, limit: 1, offset: 0 })
    if (total !== SESSIONS) wrong.push(`${r.id}: ${total} transactions stored, ${SESSIONS} run`)
  }
  database.client.close()
  expect(wrong).toEqual([])
}, 120_000)
