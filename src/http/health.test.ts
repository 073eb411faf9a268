import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tokens } from '@src/db/schema'
import { FakeClock } from '@src/lib/fake-clock'
import { checkHealth } from '@src/lib/health'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

interface Health {
  status: number
  body: { status: string; reason?: string; checks: Record<string, string> }
}

async function health(url: string, handle?: TestNode['app']): Promise<Health> {
  const res = handle ? await handle.handle(new Request(`${url}/health`)) : await fetch(`${url}/health`)
  return { status: res.status, body: await res.json() }
}

/**
 * A write that needs new pages in the database file, as a burst of charger writes does. (Its failure
 * is awaited with `.catch`: Bun's `expect(promise).rejects` does not let the writer thread's reply in.)
 */
const bigWrite = (node: TestNode, uid: string) =>
  node.deps.writer.write([
    node.deps.database.db.insert(tokens).values({
      uid,
      type: 'RFID',
      status: 'Accepted',
      label: 'x'.repeat(16_000),
      createdAt: 1,
      updatedAt: 1,
    }),
  ])

describe('/health follows whether the node can commit', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode()
  })
  afterAll(() => node.dispose())

  test('a database that cannot grow: 503 naming the database and why; 200 once it commits again', async () => {
    expect(await health('http://localhost', node.app)).toEqual({
      status: 200,
      body: expect.objectContaining({ status: 'ok', checks: { database: 'ok', bus: 'ok' } }),
    })
    await node.deps.writer.write([{ sql: 'PRAGMA max_page_count = 1', args: [] }])
    expect(String(await bigWrite(node, 'big-1').catch((e) => e))).toContain('database or disk is full')
    const down = await health('http://localhost', node.app)
    expect(down.status).toBe(503)
    expect(down.body).toMatchObject({
      status: 'unavailable',
      reason: 'database: cannot commit: database or disk is full (SQLITE_FULL)',
      checks: { database: 'cannot commit: database or disk is full (SQLITE_FULL)' },
    })
    await node.deps.writer.write([{ sql: 'PRAGMA max_page_count = 1073741823', args: [] }])
    await bigWrite(node, 'big-2')
    expect((await health('http://localhost', node.app)).status).toBe(200)
  })

  const immutable = canMakeImmutable()
  test.skipIf(!immutable)(
    'a database file that cannot be written (chattr +i): 503 with the reason; writable again: 200',
    async () => {
      const files = [node.dbPath, `${node.dbPath}-wal`]
      await bigWrite(node, 'before')
      try {
        chattr('+i', files)
        expect(await bigWrite(node, 'during').catch((e) => e)).toBeInstanceOf(Error)
        const down = await health('http://localhost', node.app)
        expect(down.status).toBe(503)
        expect(down.body.reason).toMatch(/^database: cannot commit: disk I\/O error \(SQLITE_IOERR/)
      } finally {
        chattr('-i', files)
      }
      await bigWrite(node, 'after')
      expect((await health('http://localhost', node.app)).status).toBe(200)
    },
  )
  if (!immutable) console.warn('SKIPPED: the read-only file test needs chattr +i (root on ext4)')
})

describe('/health on a full disk (a node on a 4 MB tmpfs)', () => {
  const mountable = canMountTmpfs()
  if (!mountable) console.warn('SKIPPED: the full-disk test needs to mount a tmpfs (root)')
  test.skipIf(!mountable)(
    'a charger write on a full disk fails, /health says the disk is full; space freed: 200',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'csms-full-'))
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir])
      const proc = Bun.spawn([process.execPath, 'src/main.ts'], {
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: `file:${join(dir, 'csms.db')}`,
          CSMS_UNKNOWN_CHARGERS: 'accept',
          CSMS_ADMIN_PASSWORD: 'admin-password',
          LOG_LEVEL: 'info',
        },
        stdout: 'pipe',
        stderr: 'pipe',
      })
      try {
        const url = await startedUrl(proc.stdout)
        const cp = await OcppClient.connect({
          url: `${url.replace(/^http/, 'ws')}/ocpp`,
          identity: 'FULL-1',
          protocols: ['ocpp1.6'],
        })
        await cp.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' })
        expect((await health(url)).status).toBe(200)
        fill(join(dir, 'filler'))
        const status = (connectorId: number) =>
          cp.call('StatusNotification', { connectorId, errorCode: 'NoError', status: 'Available' })
        expect(await status(1)).toMatchObject({ kind: 'error', code: 'InternalError' })
        const down = await health(url)
        expect(down.status).toBe(503)
        expect(down.body.reason).toBe('database: cannot commit: database or disk is full (SQLITE_FULL)')
        rmSync(join(dir, 'filler'))
        expect(await status(2)).toMatchObject({ kind: 'result' })
        expect((await health(url)).status).toBe(200)
        await cp.close()
      } finally {
        proc.kill()
        await proc.exited
        spawnSync('umount', [dir])
        rmSync(dir, { recursive: true, force: true })
      }
    },
    30_000,
  )
})

describe('health report', () => {
  test('healthy only when every source is; the reason names each one that is not', async () => {
    const clock = new FakeClock()
    const report = await checkHealth(
      [
        { name: 'database', status: () => ({ ok: true }) },
        { name: 'bus', status: async () => ({ ok: false, reason: 'NATS connection lost' }) },
        {
          name: 'broken',
          status: () => {
            throw new Error('source failed')
          },
        },
      ],
      clock,
      2000,
    )
    expect(report).toEqual({
      ok: false,
      reason: 'bus: NATS connection lost; broken: source failed',
      checks: {
        database: { ok: true },
        bus: { ok: false, reason: 'NATS connection lost' },
        broken: { ok: false, reason: 'source failed' },
      },
    })
  })

  test('a source that does not answer in time is not healthy, and the report still comes', async () => {
    const clock = new FakeClock()
    const report = checkHealth(
      [{ name: 'database', status: () => new Promise(() => undefined) }],
      clock,
      2000,
    )
    await clock.advance(2000)
    expect(await report).toEqual({
      ok: false,
      reason: 'database: no answer within 2000 ms',
      checks: { database: { ok: false, reason: 'no answer within 2000 ms' } },
    })
  })
})

/** Whether this process may make a file immutable here (root on a filesystem with the attribute). */
function canMakeImmutable(): boolean {
  const probe = join(tmpdir(), `csms-chattr-${process.pid}`)
  writeFileSync(probe, '')
  try {
    if (spawnSync('chattr', ['+i', probe]).status !== 0) return false
    spawnSync('chattr', ['-i', probe])
    return true
  } finally {
    rmSync(probe, { force: true })
  }
}

function chattr(flag: '+i' | '-i', files: string[]): void {
  const run = spawnSync('chattr', [flag, ...files])
  if (run.status !== 0) throw new Error(`chattr ${flag}: ${run.stderr}`)
}

/** Whether this process may mount a tmpfs (root, or a namespace that allows it). */
function canMountTmpfs(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'csms-mount-'))
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status !== 0) return false
    spawnSync('umount', [dir])
    return true
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Fills the filesystem that holds `file` to the last byte. */
function fill(file: string): void {
  const { bavail, bsize } = statfsSync(file.replace(/\/[^/]+$/, ''))
  try {
    writeFileSync(file, Buffer.alloc(Number(bavail) * Number(bsize)))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err
  }
}

/** The URL from a spawned node's "CSMS node started" log line; the rest of its output is drained. */
async function startedUrl(stdout: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stdout.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) throw new Error(`the node exited before it started: ${text}`)
    text += decoder.decode(value)
    const line = text.split('\n').find((l) => l.includes('CSMS node started'))
    if (!line) continue
    void (async () => {
      while (!(await reader.read()).done) {}
    })()
    return (JSON.parse(line) as { url: string }).url
  }
}
