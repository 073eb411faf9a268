import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sameOrigin } from './auth'

const post = (headers: Record<string, string>, url = 'http://csms.example:8080/admin/chargers') =>
  new Request(url, { method: 'POST', headers })

describe('the CSRF check of admin posts', () => {
  test.each([
    [{ origin: 'http://csms.example:8080' }, true],
    [{ origin: 'https://csms.example:8080' }, true],
    [{ 'sec-fetch-site': 'same-origin' }, true],
    [{}, false],
    [{ origin: 'null' }, false],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'http://csms.example:8081' }, false],
    [{ origin: 'http://csms.example.evil.example:8080' }, false],
    [{ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }, false],
    [{ 'sec-fetch-site': 'same-site' }, false],
    [{ 'sec-fetch-site': 'cross-site' }, false],
    [{ 'sec-fetch-site': 'none' }, false],
  ] as const)('%p → %p', (headers, expected) => {
    expect(sameOrigin(post(headers))).toBe(expected)
  })
})

describe('admin posts without any origin information', () => {
  let node: TestNode
  let cookie: string
  beforeAll(async () => {
    node = await startTestNode()
    const res = await node.app.handle(
      new Request('http://localhost/admin/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
        body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
      }),
    )
    cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
  })
  afterAll(() => node.dispose())

  const addCharger = (id: string, headers: Record<string, string>) =>
    node.app.handle(
      new Request('http://localhost/admin/chargers', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie,
          'hx-request': 'true',
          ...headers,
        },
        body: new URLSearchParams({ id, label: '', password: '' }).toString(),
      }),
    )

  test('a signed-in POST with neither Origin nor Sec-Fetch-Site is refused and changes nothing', async () => {
    const res = await addCharger('NO-ORIGIN', {})
    expect(res.status).toBe(403)
    expect(await node.deps.repos.chargers.find('NO-ORIGIN')).toBeUndefined()
  })

  test('a browser that sends only Sec-Fetch-Site: same-origin is let through', async () => {
    expect((await addCharger('SAME-SITE-1', { 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect(await node.deps.repos.chargers.find('SAME-SITE-1')).toBeDefined()
  })
})
