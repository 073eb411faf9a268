import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sendChargerCommand } from '@actors/charger/client'
import { NatsBus } from './bus/nats'
import { NatsTestServer, requireNatsServer } from './bus/nats-test-server'
import type { Bus } from './bus/port'
import { subjects } from './bus/subjects'
import type { SiteSettings } from './domain/site/site-config'
import { systemClock } from './lib/clock'
import { randomId } from './lib/ids'
import { silentLogger } from './lib/log'
import { OcppClient } from './sim/ocpp-client'
import { startTestNode, type TestNode } from './testing/node'

/**
 * A node in a cluster when NATS goes away (a real nats-server, killed and restarted mid-test): its own
 * chargers still take commands, its sites stand by and take their lease back, and SIGTERM exits.
 */
const SITE: SiteSettings = {
  name: 'Outage Co-op',
  voltageV: 230,
  phases: 3,
  mainFuseA: 32,
  safetyMarginA: 0,
  buildingMaxA: null,
  buildingMeter: 'none',
  buildingMeterChargerId: null,
  peakTargetKw: null,
  loopIntervalMs: 500,
  failSafeA: null,
  objective: 'vehicles',
  timeZone: 'Europe/Stockholm',
}

let nats: NatsTestServer
let node: TestNode
/** Another node's connection, watching what reaches the cluster. */
let peer: NatsBus

/** Polls `cond` in real time, up to `ms`; fails the test with `what` if it never holds. */
async function until(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  for (const start = Date.now(); !cond(); await Bun.sleep(25))
    if (Date.now() - start > ms) throw new Error(`timed out waiting until ${what}`)
}

async function outage(...buses: Bus[]): Promise<void> {
  await nats.stop()
  await until('NATS is seen down', () => buses.every((b) => !b.status().ok))
}

async function recovery(...buses: Bus[]): Promise<void> {
  await nats.start()
  await until('NATS is seen back', () => buses.every((b) => b.status().ok), 20_000)
}

if (requireNatsServer('the NATS outage tests of a node')) {
  beforeAll(async () => {
    nats = await NatsTestServer.start()
    node = await startTestNode({ NATS_URL: nats.url, NODE_ID: 'outage-a' })
    peer = await NatsBus.connect({ url: nats.url, name: 'peer', clock: systemClock, log: silentLogger })
  })

  afterEach(() => recovery(node.deps.bus, peer))

  afterAll(async () => {
    await peer?.close()
    await node?.dispose()
    await nats?.dispose()
  })

  describe('a node during a NATS outage', () => {
    test('/health answers 503 naming the bus while NATS is gone, 200 once it is back', async () => {
      const health = async () => {
        const res = await node.app.handle(new Request('http://localhost/health'))
        return { status: res.status, body: (await res.json()) as { reason?: string } }
      }
      expect((await health()).status).toBe(200)
      await outage(node.deps.bus)
      const down = await health()
      expect(down.status).toBe(503)
      expect(down.body.reason).toContain('bus')
      await recovery(node.deps.bus)
      expect((await health()).status).toBe(200)
    })

    test('a command to a charger connected to this node is answered, not timed out', async () => {
      const calls: string[] = []
      const cp = await OcppClient.connect({
        url: node.ocppUrl,
        identity: 'OUTAGE-CP',
        protocols: ['ocpp1.6'],
        onCall: async (action) => {
          calls.push(action)
          return { status: 'Accepted' }
        },
      })
      await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'N' })
      await outage(node.deps.bus)
      const outcome = await sendChargerCommand(node.deps.bus, 'OUTAGE-CP', { type: 'clearCache' }, 10_000)
      expect(outcome.status).toBe('Accepted')
      expect(calls).toEqual(['ClearCache'])
      await cp.close()
    }, 30_000)

    test('a site stands by without crash-looping and takes its lease back when NATS returns', async () => {
      const statuses: number[] = []
      peer.subscribe(subjects.siteStatus('OUTAGE-S'), () => void statuses.push(Date.now()))
      await peer.flush()
      const { writer, repos, bus } = node.deps
      await writer.write([repos.sites.upsert('OUTAGE-S', SITE, Date.now())])
      bus.publish(subjects.sitesChanged, {})
      await until('the site reports over NATS (it holds the lease)', () => statuses.length > 0)
      const local: number[] = []
      bus.subscribe(subjects.siteStatus('OUTAGE-S'), () => void local.push(Date.now()))
      await outage(bus, peer)
      await Bun.sleep(4000)
      expect(node.deps.system.stats.restarts).toBe(0)
      const standingBy = local.length
      await Bun.sleep(1500)
      expect(local.length).toBe(standingBy)
      await recovery(bus, peer)
      const back = statuses.length
      await until('the site reports again (it took its lease back)', () => statuses.length > back, 20_000)
      expect(local.length).toBeGreaterThan(standingBy)
      expect(node.deps.system.stats.restarts).toBe(0)
    }, 60_000)
  })

  describe('SIGTERM during a NATS outage', () => {
    const dbPath = join(tmpdir(), `csms-outage-${randomId(6)}.db`)
    afterAll(() => {
      for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true })
    })

    test('the node exits cleanly and promptly (no bus call waits for a server that is gone), its site running', async () => {
      const seed = await startTestNode({ DB_PATH: dbPath })
      await seed.deps.writer.write([seed.deps.repos.sites.upsert('SIGTERM-S', SITE, Date.now())])
      await seed.dispose()
      const statuses: number[] = []
      peer.subscribe(subjects.siteStatus('SIGTERM-S'), () => void statuses.push(Date.now()))
      await peer.flush()
      const proc = Bun.spawn([process.execPath, 'src/main.ts'], {
        cwd: join(import.meta.dir, '..'),
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: `file:${dbPath}`,
          NATS_URL: nats.url,
          NODE_ID: 'outage-sigterm',
          LOG_LEVEL: 'info',
        },
        stdin: 'ignore',
        stdout: 'pipe',
        stderr: 'pipe',
      })
      let output = ''
      const collect = async (stream: ReadableStream<Uint8Array>) => {
        const reader = stream.getReader()
        for (let r = await reader.read(); !r.done; r = await reader.read())
          output += new TextDecoder().decode(r.value)
      }
      const collected = Promise.all([collect(proc.stdout), collect(proc.stderr)])
      try {
        await until('the spawned node runs its site', () => statuses.length > 0, 20_000)
        await nats.stop()
        await until('the node notices the outage', () => output.includes('nats connection lost'))
        proc.kill('SIGTERM')
        const exit = await Promise.race([proc.exited, Bun.sleep(4000).then(() => 'still running')])
        await Promise.race([collected, Bun.sleep(1000)])
        const errors = output.split('\n').filter((l) => l.includes('"level":"error"'))
        expect({ exit, errors }).toEqual({ exit: 0, errors: [] })
      } finally {
        proc.kill('SIGKILL')
      }
    }, 60_000)
  })
}
