import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { identityFromPath, isChargerId } from './identity'

describe('charger ids', () => {
  test.each(['CP-1', 'aZ09*-_=+|@.', 'X'.repeat(48), 'site.a|bay@3'])('%p is an id', (id) => {
    expect(isChargerId(id)).toBe(true)
  })

  test.each([
    ['empty', ''],
    ['too long', 'X'.repeat(49)],
    ['a colon (breaks Basic auth)', 'a:b'],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['a space', 'CP 1'],
    ['a tab', 'CP\t1'],
    ['a control character', 'CP\u00071'],
    ['DEL', 'CP\u007f'],
    ['a bidi override', 'CP\u202e1'],
    ['a bidi isolate', 'CP\u20661'],
    ['a zero-width joiner', 'CP\u200d1'],
    ['a Cyrillic look-alike', 'СP-1'],
    ['a letter outside ASCII', 'ÅS-1'],
    ['markup', '<img>'],
    ['a quote', 'CP"1'],
    ['a percent sign', 'CP%41'],
  ])('an id with %s is refused', (_, id) => {
    expect(isChargerId(id)).toBe(false)
  })

  test('the handshake path is decoded once and must hold exactly one id', () => {
    expect(identityFromPath('/ocpp/CP-1')).toBe('CP-1')
    expect(identityFromPath('/ocpp/CP%2D1')).toBe('CP-1')
    expect(identityFromPath('/ocpp/a%2Fb')).toBeUndefined()
    expect(identityFromPath('/ocpp/a/b')).toBeUndefined()
    expect(identityFromPath('/ocpp/CP%252F1')).toBeUndefined()
    expect(identityFromPath('/other/CP-1')).toBeUndefined()
  })
})

describe('a charger can only be registered under an id it could connect with', () => {
  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode()
  })
  afterAll(() => node.dispose())

  test.each(['a%2Fb', 'CP%E2%80%AE1', 'CP%071', '%C3%85S-1', 'a%3Ab'])(
    'API PUT /chargers/%s is a 400',
    async (id) => {
      const res = await apiClient(node)('PUT', `/chargers/${id}`, { label: 'x' })
      expect(res.status).toBe(400)
      expect(res.body.error.message).toContain('letters, digits')
      expect(await node.deps.repos.chargers.find(decodeURIComponent(id))).toBeUndefined()
    },
  )

  test('API PUT with a valid id registers it', async () => {
    expect((await apiClient(node)('PUT', '/chargers/site.a|bay@3', { label: 'x' })).status).toBe(201)
  })

  test('the admin form refuses a bidi override in an id', async () => {
    const login = await node.app.handle(
      new Request('http://localhost/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
      }),
    )
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
    const res = await node.app.handle(
      new Request('http://localhost/admin/chargers', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost',
          'hx-request': 'true',
          cookie,
        },
        body: new URLSearchParams({ id: 'CP\u202e1', label: '', password: '' }).toString(),
      }),
    )
    expect(res.status).toBe(400)
    expect(await node.deps.repos.chargers.find('CP\u202e1')).toBeUndefined()
  })
})
