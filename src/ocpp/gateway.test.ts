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
    expect((await handshake(node, '/ocpp/%E0%A4%A')).status).toBe(400)
  })

  test.each([
    ['an extra path segment', '/ocpp/a/b'],
    ['an encoded slash', '/ocpp/a%2Fb'],
    ['an encoded backslash', '/ocpp/a%5Cb'],
    ['no identity', '/ocpp/'],
    ['a control character', '/ocpp/CP%07'],
    ['a bidi override', '/ocpp/CP%E2%80%AE1'],
    ['a zero-width space', '/ocpp/CP%E2%80%8B1'],
    ['a letter outside ASCII', '/ocpp/%C3%85S-1'],
    ['a space', '/ocpp/CP%201'],
    ['a quote', '/ocpp/CP%221'],
  ])('an identity with %s is refused with 400', async (_, path) => {
    expect((await handshake(node, path)).status).toBe(400)
  })

  test('every character OCPP allows in an identity but ":" passes the identity check', async () => {
    expect((await handshake(node, '/ocpp/aZ09*-_=+|@.')).status).toBe(404)
    expect((await handshake(node, `/ocpp/${'X'.repeat(48)}`)).status).toBe(404)
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

  test('after too many failed attempts the client is locked out of that charger, even with the right password', async () => {
    for (let i = 0; i < 5; i++)
      await handshake(node, '/ocpp/LOCKME', { Authorization: basic('LOCKME', `bad-password-${i}xxxx`) })
    const locked = await handshake(node, '/ocpp/LOCKME', {
      Authorization: basic('LOCKME', '0123456789abcdef'),
    })
    expect(locked.status).toBe(429)
  })

  test('without a trusted proxy, a forged X-Forwarded-For does not dodge the lockout', async () => {
    const forged = { 'X-Forwarded-For': '198.51.100.200' }
    expect((await handshake(node, '/ocpp/LOCKME', forged)).status).toBe(429)
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

/** A WebSocket to the node claiming, through the trusted proxy header, to come from `from`. */
function socketFrom(node: TestNode, identity: string, from: string, password?: string): Promise<WebSocket> {
  const headers: Record<string, string> = { 'X-Forwarded-For': from }
  if (password) headers.Authorization = basic(identity, password)
  const ws = new WebSocket(`${node.ocppUrl}/${identity}`, {
    protocols: ['ocpp1.6'],
    headers,
  } as unknown as string[])
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(ws), { once: true })
    ws.addEventListener('error', () => reject(new Error(`refused: ${identity} from ${from}`)), { once: true })
  })
}

const closeOf = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason }), { once: true }),
  )

describe('a charger cannot be locked out by someone else (behind a trusted proxy)', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'reject', CSMS_TRUST_PROXY: 'true' })
    const now = Date.now()
    const { chargers } = node.deps.repos
    await node.deps.writer.write([
      chargers.upsert({ id: 'VICTIM', now }),
      chargers.setPasswordHash('VICTIM', await hashChargerPassword('the-right-password-16'), now),
      chargers.upsert({ id: 'NEIGHBOUR', now }),
      chargers.setPasswordHash('NEIGHBOUR', await hashChargerPassword('the-neighbours-secret'), now),
    ])
  })
  afterAll(() => node.dispose())

  const attacker = { 'X-Forwarded-For': '203.0.113.66' }

  test('handshakes without credentials lock the attacker, while the charger connects from its own address', async () => {
    for (let i = 0; i < 5; i++) expect((await handshake(node, '/ocpp/VICTIM', attacker)).status).toBe(401)
    expect((await handshake(node, '/ocpp/VICTIM', attacker)).status).toBe(429)
    const right = { ...attacker, Authorization: basic('VICTIM', 'the-right-password-16') }
    expect((await handshake(node, '/ocpp/VICTIM', right)).status).toBe(429)
    const charger = await socketFrom(node, 'VICTIM', '198.51.100.7', 'the-right-password-16')
    expect(charger.protocol).toBe('ocpp1.6')
    charger.close()
    await closeOf(charger)
  })

  test('the lock is per charger: from the attacker’s address another charger still connects', async () => {
    const neighbour = await socketFrom(node, 'NEIGHBOUR', '203.0.113.66', 'the-neighbours-secret')
    expect(neighbour.protocol).toBe('ocpp1.6')
    neighbour.close()
    await closeOf(neighbour)
  })

  test('an IPv6 attacker stepping through its /64 stays locked', async () => {
    for (let i = 0; i < 6; i++)
      await handshake(node, '/ocpp/VICTIM', { 'X-Forwarded-For': `2001:db8:1:2::${i + 1}` })
    const right = {
      'X-Forwarded-For': '2001:db8:1:2::99',
      Authorization: basic('VICTIM', 'the-right-password-16'),
    }
    expect((await handshake(node, '/ocpp/VICTIM', right)).status).toBe(429)
  })
})

describe('what a person connecting a charger reads in the log', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'reject', CSMS_TRUST_PROXY: 'true' })
    const now = Date.now()
    const { chargers } = node.deps.repos
    await node.deps.writer.write([
      chargers.upsert({ id: 'LOGGED', now }),
      chargers.setPasswordHash('LOGGED', await hashChargerPassword('the-right-password-16'), now),
    ])
  })
  afterAll(() => node.dispose())

  const lines = (msg: string) =>
    node.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg)
  const from = (address: string, extra: Record<string, string> = {}) => ({
    'X-Forwarded-For': address,
    ...extra,
  })

  test('each reason a handshake is refused is logged at info, with the charger and the address', async () => {
    await handshake(node, '/ocpp/NOBODY', from('198.51.100.1'))
    await handshake(node, '/ocpp/bad%2Fid', from('198.51.100.2'))
    await handshake(node, '/ocpp/LOGGED', from('198.51.100.3', { 'Sec-WebSocket-Protocol': 'ocpp1.5' }))
    await handshake(node, '/ocpp/LOGGED', from('198.51.100.4'))
    await handshake(
      node,
      '/ocpp/LOGGED',
      from('198.51.100.5', { Authorization: basic('LOGGED', 'wrong-password-xxxx') }),
    )
    for (let i = 0; i < 6; i++) await handshake(node, '/ocpp/LOGGED', from('198.51.100.6'))
    const refused = lines('charger connection refused')
    const seen = (reason: string, address: string) =>
      refused.find((l) => l.reason === reason && l.address === address)
    expect(seen('unknown', '198.51.100.1')).toMatchObject({ level: 'info', charger: 'NOBODY', status: 404 })
    expect(seen('bad-identity', '198.51.100.2')).toMatchObject({ status: 400 })
    expect(seen('subprotocol', '198.51.100.3')).toMatchObject({ charger: 'LOGGED', offered: 'ocpp1.5' })
    expect(seen('auth-missing', '198.51.100.4')).toMatchObject({ charger: 'LOGGED', status: 401 })
    expect(seen('auth-wrong', '198.51.100.5')?.why).toBe('the password is wrong')
    expect(seen('locked', '198.51.100.6')).toMatchObject({ charger: 'LOGGED', status: 429 })
  })

  test('a flood of refusals from one address is logged once, with a count of the rest later', async () => {
    const before = lines('charger connection refused').length
    for (let i = 0; i < 40; i++) await handshake(node, `/ocpp/UNKNOWN-${i}`, from('203.0.113.99'))
    expect(lines('charger connection refused').length - before).toBe(1)
  })

  test('a charger that connects is logged with its id, protocol and address', async () => {
    const ws = await socketFrom(node, 'LOGGED', '198.51.100.10', 'the-right-password-16')
    const line = lines('charger connected').find((l) => l.charger === 'LOGGED')
    expect(line).toMatchObject({ level: 'info', protocol: 'ocpp1.6', address: '198.51.100.10' })
    ws.close()
    await closeOf(ws)
  })
})

describe('a charger that never boots', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'reject', CSMS_OCPP_BOOT_TIMEOUT_S: '0.3' })
    const now = Date.now()
    const { chargers } = node.deps.repos
    await node.deps.writer.write([
      chargers.upsert({ id: 'SILENT', now }),
      chargers.upsert({ id: 'BOOTS', now }),
      chargers.upsert({ id: 'BOOTED-BEFORE', now }),
      chargers.recordBoot('BOOTED-BEFORE', { vendor: 'A', model: 'B' }, now),
    ])
  })
  afterAll(() => node.dispose())

  test('is closed after the boot timeout; one that boots, or was accepted at an earlier boot, stays', async () => {
    const boots = await OcppClient.connect({ url: node.ocppUrl, identity: 'BOOTS', protocols: ['ocpp1.6'] })
    await boots.call('BootNotification', { chargePointVendor: 'A', chargePointModel: 'B' })
    const before = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'BOOTED-BEFORE',
      protocols: ['ocpp1.6'],
    })
    const silent = await OcppClient.connect({ url: node.ocppUrl, identity: 'SILENT', protocols: ['ocpp1.6'] })
    expect(await silent.closed).toEqual({ code: 1008, reason: 'no BootNotification' })
    expect(await boots.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
    expect(await before.call('Heartbeat', {})).toMatchObject({ kind: 'result' })
    const line = node.logs.map((l) => JSON.parse(l)).find((l) => l.reason === 'boot-timeout')
    expect(line).toMatchObject({ msg: 'charger connection refused', charger: 'SILENT', afterMs: 300 })
    await boots.close()
    await before.close()
  })
})
