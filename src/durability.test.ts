import { afterEach, expect, test } from 'bun:test'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from './db/client'
import { TransactionsRepo } from './db/repos/transactions'
import { randomId } from './lib/ids'
import { OcppClient } from './sim/ocpp-client'

const dbPath = join(tmpdir(), `csms-durability-${randomId(6)}.db`)
afterEach(() => {
  for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true })
})

/** Starts `src/main.ts` as a real process and waits for its "started" log line. */
async function spawnNode(): Promise<{ proc: Bun.Subprocess<'ignore', 'pipe', 'inherit'>; url: string }> {
  const proc = Bun.spawn([process.execPath, 'src/main.ts'], {
    cwd: join(import.meta.dir, '..'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${dbPath}`,
      CSMS_UNKNOWN_CHARGERS: 'accept',
      LOG_LEVEL: 'info',
    },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'inherit',
  })
  const reader = proc.stdout.getReader()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) throw new Error(`node exited before starting:\n${text}`)
    text += new TextDecoder().decode(value)
    const started = /"msg":"CSMS node started","url":"([^"]+)"/.exec(text)
    if (started) {
      reader.releaseLock()
      return { proc, url: started[1]! }
    }
  }
}

test('a node killed abruptly right after answering a start and a stop has both after a restart', async () => {
  const { proc, url } = await spawnNode()
  const cp = await OcppClient.connect({
    url: `${url.replace('http', 'ws')}/ocpp`,
    identity: 'DURABLE',
    protocols: ['ocpp1.6'],
  })
  await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'D' })
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s)).toISOString()
  const first = await cp.call('StartTransaction', {
    connectorId: 1,
    idTag: 'X',
    meterStart: 100,
    timestamp: t(0),
  })
  const firstId = first.kind === 'result' ? (first.payload.transactionId as number) : -1
  await cp.call('StopTransaction', {
    transactionId: firstId,
    meterStop: 2100,
    timestamp: t(30),
    reason: 'Local',
  })
  const second = await cp.call('StartTransaction', {
    connectorId: 2,
    idTag: 'Y',
    meterStart: 500,
    timestamp: t(40),
  })
  const secondId = second.kind === 'result' ? (second.payload.transactionId as number) : -1
  proc.kill('SIGKILL')
  await proc.exited

  const database = await openDatabase(`file:${dbPath}`)
  const repo = new TransactionsRepo(database.db)
  expect(await repo.find(firstId)).toMatchObject({
    chargerId: 'DURABLE',
    meterStartWh: 100,
    meterStopWh: 2100,
    energyWh: 2000,
    stopReason: 'Local',
  })
  expect(await repo.find(secondId)).toMatchObject({ chargerId: 'DURABLE', meterStartWh: 500, endedAt: null })
  database.client.close()
})
