import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'reject' })
})
afterAll(() => node.dispose())

const KEY = 'test-api-key-0123456789'

/** Calls the API through `app.handle`, with no socket. */
async function api(method: string, path: string, body?: unknown, key = KEY) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  )
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

describe('authentication', () => {
  test('without the bearer key the API answers 401 with what to send', async () => {
    const res = await api('GET', '/chargers', undefined, 'wrong-key-wrong-key')
    expect(res.status).toBe(401)
    expect(res.body.error.message).toContain('Bearer')
  })

  test('with no CSMS_API_KEY configured the API is not open: an empty key is no key', async () => {
    const off = await startTestNode({ CSMS_API_KEY: '' })
    for (const authorization of [undefined, 'Bearer ', 'Bearer csms_']) {
      const headers = authorization === undefined ? undefined : { authorization }
      const res = await off.app.handle(new Request('http://localhost/api/v1/chargers', { headers }))
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } })
    }
    await off.dispose()
  })
})

describe('tokens', () => {
  test('PUT creates (201), then updates (200), and GET reads it back', async () => {
    expect(await api('PUT', '/tokens/CARD-1', { type: 'RFID', status: 'Accepted' })).toMatchObject({
      status: 201,
      body: { uid: 'CARD-1', type: 'RFID', status: 'Accepted', expiresAt: null },
    })
    const expires = '2030-01-01T00:00:00.000Z'
    expect(
      await api('PUT', '/tokens/CARD-1', {
        type: 'RFID',
        status: 'Blocked',
        expiresAt: expires,
        parentUid: 'G1',
      }),
    ).toMatchObject({
      status: 200,
      body: { status: 'Blocked', expiresAt: expires, parentUid: 'G1' },
    })
    expect((await api('GET', '/tokens/CARD-1')).body).toMatchObject({ status: 'Blocked' })
    expect((await api('GET', '/tokens')).body).toMatchObject({ total: 1, items: [{ uid: 'CARD-1' }] })
  })

  test('bad input is a 400 that names each bad field, and nothing is stored', async () => {
    const res = await api('PUT', '/tokens/CARD-2', { type: 'Sticker', status: 'Accepted', extra: true })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('INVALID_INPUT')
    expect(res.body.error.message).toContain('type')
    expect(res.body.error.message).toContain('extra')
    expect((await api('GET', '/tokens/CARD-2')).status).toBe(404)
    expect(await api('PUT', '/tokens/CARD-2', '{not json')).toMatchObject({
      status: 400,
      body: { error: { code: 'MALFORMED_BODY' } },
    })
    expect((await api('PUT', `/tokens/${'x'.repeat(37)}`, { type: 'RFID', status: 'Accepted' })).status).toBe(
      400,
    )
  })

  test('DELETE removes a token; deleting it again is 404', async () => {
    await api('PUT', '/tokens/GONE', { type: 'App', status: 'Accepted' })
    expect((await api('DELETE', '/tokens/GONE')).status).toBe(204)
    expect((await api('DELETE', '/tokens/GONE')).status).toBe(404)
  })
})

describe('chargers', () => {
  test('register, set a password, and the charger can then connect only with it', async () => {
    expect(await api('PUT', '/chargers/API-CP', { label: 'Garage 1' })).toMatchObject({
      status: 201,
      body: { id: 'API-CP', label: 'Garage 1', registration: 'Accepted', passwordSet: false, online: false },
    })
    expect((await api('PUT', '/chargers/API-CP/password', { password: 'short' })).status).toBe(400)
    expect((await api('PUT', '/chargers/API-CP/password', { password: 'a-long-enough-secret' })).status).toBe(
      204,
    )
    expect((await api('GET', '/chargers/API-CP')).body).toMatchObject({ passwordSet: true })
    await expect(
      OcppClient.connect({ url: node.ocppUrl, identity: 'API-CP', protocols: ['ocpp1.6'] }),
    ).rejects.toThrow()
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'API-CP',
      protocols: ['ocpp1.6'],
      password: 'a-long-enough-secret',
    })
    await cp.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })
    await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' })
    const got = await api('GET', '/chargers/API-CP')
    expect(got.body).toMatchObject({
      online: true,
      vendor: 'V',
      connectors: [{ evseId: 1, status: 'Available' }],
      activeTransactions: [],
    })
    expect((await api('GET', '/chargers?online=true')).body.items.map((c: { id: string }) => c.id)).toContain(
      'API-CP',
    )
    await cp.close()
  })

  test('unknown ids are 404; a command to an offline charger is 409 Offline at once', async () => {
    expect((await api('GET', '/chargers/NOPE')).status).toBe(404)
    expect((await api('POST', '/chargers/NOPE/commands', { type: 'reset', kind: 'Soft' })).status).toBe(404)
    await api('PUT', '/chargers/SLEEPY', {})
    expect(await api('POST', '/chargers/SLEEPY/commands', { type: 'reset', kind: 'Soft' })).toMatchObject({
      status: 409,
      body: { status: 'Offline' },
    })
    expect((await api('POST', '/chargers/SLEEPY/commands', { type: 'reset', kind: 'Medium' })).status).toBe(
      400,
    )
  })
})

describe('transactions', () => {
  test('list and get one with all its meter values', async () => {
    await api('PUT', '/chargers/TX-CP', {})
    await api('PUT', '/tokens/TX-TAG', { type: 'RFID', status: 'Accepted' })
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'TX-CP', protocols: ['ocpp1.6'] })
    await cp.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })
    const ts = new Date().toISOString()
    const start = await cp.call('StartTransaction', {
      connectorId: 1,
      idTag: 'TX-TAG',
      meterStart: 0,
      timestamp: ts,
    })
    const id = start.kind === 'result' ? (start.payload.transactionId as number) : 0
    await cp.call('MeterValues', {
      connectorId: 1,
      transactionId: id,
      meterValue: [{ timestamp: ts, sampledValue: [{ value: '1000' }] }],
    })
    const list = await api('GET', '/transactions?chargerId=TX-CP&active=true')
    expect(list.body).toMatchObject({ total: 1, items: [{ id, active: true, energyWh: 1000 }] })
    const one = await api('GET', `/transactions/${id}`)
    expect(one.body.meterValues).toEqual([
      expect.objectContaining({ measurand: 'Energy.Active.Import.Register', value: 1000, raw: '1000' }),
    ])
    expect((await api('GET', '/transactions/999999')).status).toBe(404)
    expect((await api('GET', '/transactions/abc')).status).toBe(400)
    await cp.close()
  })
})

test('the API is described by OpenAPI', async () => {
  const res = await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))
  const spec = (await res.json()) as { paths: Record<string, unknown> }
  expect(Object.keys(spec.paths)).toEqual(
    expect.arrayContaining([
      '/api/v1/chargers',
      '/api/v1/chargers/{id}/password',
      '/api/v1/tokens/{uid}',
      '/api/v1/transactions/{id}',
    ]),
  )
})

test('/health answers 200 when ready', async () => {
  expect((await node.app.handle(new Request('http://localhost/health'))).status).toBe(200)
})
