import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '@src/config'
import { ConfigError } from '@src/lib/errors'
import { startTestNode, type TestNode } from '@src/testing/node'
import { requireTool } from '@src/testing/require-tool'
import { hashChargerPassword } from './charger-auth'

const hasOpenssl = requireTool({
  tool: 'openssl',
  available: (() => {
    try {
      execFileSync('openssl', ['version'])
      return true
    } catch {
      return false
    }
  })(),
  install: 'apt-get install openssl',
  needed: 'the TLS (security profile 2) tests',
})

/** Opens a wss:// connection trusting `ca`; resolves with the chosen subprotocol, rejects if refused. */
function connectTls(url: string, ca: string, auth?: string): Promise<WebSocket> {
  const ws = new WebSocket(url, {
    protocols: ['ocpp1.6'],
    headers: auth ? { Authorization: auth } : {},
    tls: { ca },
  } as unknown as string[])
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(ws), { once: true })
    ws.addEventListener('error', () => reject(new Error('refused')), { once: true })
  })
}

describe.skipIf(!hasOpenssl)('security profile 2: TLS with Basic auth', () => {
  let dir: string
  let node: TestNode
  let ca: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csms-tls-'))
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    ca = readFileSync(join(dir, 'cert.pem'), 'utf8')
    node = await startTestNode({
      CSMS_TLS_CERT: join(dir, 'cert.pem'),
      CSMS_TLS_KEY: join(dir, 'key.pem'),
      CSMS_UNKNOWN_CHARGERS: 'reject',
    })
    const { chargers } = node.deps.repos
    await node.deps.writer.write([
      chargers.upsert({ id: 'TLS-1', now: Date.now() }),
      chargers.setPasswordHash('TLS-1', await hashChargerPassword('tls-password-0123456789'), Date.now()),
    ])
  })
  afterAll(async () => {
    await node?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  test('the node serves https and wss', async () => {
    expect(node.url.startsWith('https://')).toBe(true)
    expect(node.ocppUrl.startsWith('wss://')).toBe(true)
    const res = await fetch(`${node.url}/health`, { tls: { ca } } as RequestInit)
    expect(res.status).toBe(200)
  })

  test('a charger connects over TLS with its Basic password, and not without it', async () => {
    await expect(connectTls(`${node.ocppUrl}/TLS-1`, ca)).rejects.toThrow()
    const auth = `Basic ${Buffer.from('TLS-1:tls-password-0123456789').toString('base64')}`
    const ws = await connectTls(`${node.ocppUrl}/TLS-1`, ca, auth)
    expect(ws.protocol).toBe('ocpp1.6')
    const answer = new Promise<string>((resolve) =>
      ws.addEventListener('message', (e) => resolve(String(e.data)), { once: true }),
    )
    ws.send(JSON.stringify([2, 'b1', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]))
    expect(JSON.parse(await answer)).toMatchObject([3, 'b1', { status: 'Accepted' }])
    ws.close()
  })

  test('a half-configured TLS setup stops the node at boot with a clear message', () => {
    expect(() => loadConfig({ CSMS_TLS_CERT: join(dir, 'cert.pem') })).toThrow(ConfigError)
    expect(() => loadConfig({ CSMS_TLS_CERT: '/nope/cert.pem', CSMS_TLS_KEY: '/nope/key.pem' })).toThrow(
      'no such file',
    )
  })
})
