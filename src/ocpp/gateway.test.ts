import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'
import { hashChargerPassword } from './charger-auth'

/** A raw WebSocket handshake, so the test sees the HTTP status of a refusal. */
function handshake(node: TestNode, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${node.url}${path}`, {
    headers: {
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Protocol': 'ocpp1.6',
      ...headers,
    },
  })
}

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`

describe('handshake with the default policy (unknown chargers rejected)', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'reject', CSMS_AUTH_MAX_FAILURES: '5' })
    const { chargers } = node.deps.repos
    const now = Date.now()
    await node.deps.writer.write([
      chargers.upsert({ id: 'KNOWN', now }),
      chargers.upsert({ id: 'SECURE', now }),
      chargers.setPasswordHash('SECURE', await hashChargerPassword('0123456789abcdef'), now),
      chargers.upsert({ id: 'LOCKME', now }),
      chargers.setPasswordHash('LOCKME', await hashChargerPassword('0123456789abcdef'), now),
    ])
  })
  afterAll(() => node.dispose())

  test('an unknown charger is refused with 404', async () => {
    expect((await handshake(node, '/ocpp/STRANGER')).status).toBe(404)
    expect(await node.deps.repos.chargers.find('STRANGER')).toBeUndefined()
  })

  test('a handshake without a subprotocol we speak is refused with 400', async () => {
    expect(
      (await handshake(node, '/ocpp/KNOWN', { 'Sec-WebSocket-Protocol': 'ocpp1.5, ocpp2.0' })).status,
    ).toBe(400)
    const none = await fetch(`${node.url}/ocpp/KNOWN`, {
      headers: {
        Upgrade: 'websocket',
        Connection: 'Upgrade',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version': '13',
      },
    })
    expect(none.status).toBe(400)
  })

  test('the subprotocol we speak is chosen among several offered', async () => {
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'KNOWN',
      protocols: ['ocpp1.5', 'ocpp1.6'],
    })
    expect(cp.protocol).toBe('ocpp1.6')
    await cp.close()
  })

  test('a bad identity is refused with 400', async () => {
    expect((await handshake(node, `/ocpp/${'X'.repeat(49)}`)).status).toBe(400)
    expect((await handshake(node, '/ocpp/a%3Ab')).status).toBe(400)
    expect((await handshake(node, '/ocpp/a/b')).status).toBe(400)
    expect((await handshake(node, '/ocpp/%E0%A4%A')).status).toBe(400)
  })

  test('a plain HTTP request to the OCPP endpoint asks for an upgrade (426)', async () => {
    expect((await fetch(`${node.url}/ocpp/KNOWN`)).status).toBe(426)
  })

  test('security profile 1: a charger with a password must send it with HTTP Basic', async () => {
    const missing = await handshake(node, '/ocpp/SECURE')
    expect(missing.status).toBe(401)
    expect(missing.headers.get('www-authenticate')).toContain('Basic')
    expect(
      (await handshake(node, '/ocpp/SECURE', { Authorization: basic('SECURE', 'wrong-password-xx') })).status,
    ).toBe(401)
    expect(
      (await handshake(node, '/ocpp/SECURE', { Authorization: basic('OTHER', '0123456789abcdef') })).status,
    ).toBe(401)
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'SECURE',
      protocols: ['ocpp1.6'],
      password: '0123456789abcdef',
    })
    expect(await cp.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
    await cp.close()
  })

  test('after too many failed attempts the charger id is locked, even with the right password', async () => {
    for (let i = 0; i < 5; i++)
      await handshake(node, '/ocpp/LOCKME', { Authorization: basic('LOCKME', `bad-password-${i}xxxx`) })
    const locked = await handshake(node, '/ocpp/LOCKME', {
      Authorization: basic('LOCKME', '0123456789abcdef'),
    })
    expect(locked.status).toBe(429)
  })

  test('a charger that reconnects replaces its old connection; the old one is closed', async () => {
    const first = await OcppClient.connect({ url: node.ocppUrl, identity: 'KNOWN', protocols: ['ocpp1.6'] })
    await first.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' })
    const second = await OcppClient.connect({ url: node.ocppUrl, identity: 'KNOWN', protocols: ['ocpp1.6'] })
    expect((await first.closed).code).toBe(4000)
    expect(await second.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
    expect(node.deps.gateway.link('KNOWN')).toBeDefined()
    await second.close()
  })
})

describe('handshake with CSMS_UNKNOWN_CHARGERS=accept', () => {
  test('an unknown charger is registered on its first connection', async () => {
    const node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'accept' })
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'NEWCOMER', protocols: ['ocpp1.6'] })
    expect(
      await cp.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' }),
    ).toMatchObject({
      payload: { status: 'Accepted' },
    })
    expect(await node.deps.repos.chargers.find('NEWCOMER')).toMatchObject({
      id: 'NEWCOMER',
      online: true,
      vendor: 'A',
    })
    await cp.close()
    await node.dispose()
  })
})
