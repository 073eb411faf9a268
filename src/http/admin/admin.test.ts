import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { connectorCode } from '../driver/connector-code'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        ...headers,
      },
      body: form(fields),
      redirect: 'manual',
    }),
  )
}

async function signedInCookie(): Promise<string> {
  const res = await post('/admin/login', {
    email: 'admin@example.com',
    password: 'admin-password',
    next: '/admin/chargers',
  })
  expect(res.status).toBe(303)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

describe('operator sign-in', () => {
  test('pages need a signed-in operator; others are sent to sign in (htmx gets HX-Redirect)', async () => {
    const page = await node.app.handle(new Request('http://localhost/admin/chargers'))
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fchargers')
    const fragment = await node.app.handle(
      new Request('http://localhost/admin/chargers', { headers: { 'hx-request': 'true' } }),
    )
    expect(fragment.headers.get('hx-redirect')).toContain('/admin/login')
  })

  test('a wrong password says so without telling which part was wrong', async () => {
    const res = await post('/admin/login', { email: 'admin@example.com', password: 'nope' })
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('Wrong email or password.')
  })

  test('a session cookie opens the pages; signing out ends it', async () => {
    const cookie = await signedInCookie()
    const page = await node.app.handle(
      new Request('http://localhost/admin/chargers', { headers: { cookie } }),
    )
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>Chargers</h1>')
    await post('/admin/logout', {}, { cookie })
    expect(
      (await node.app.handle(new Request('http://localhost/admin/chargers', { headers: { cookie } }))).status,
    ).toBe(303)
  })

  test('only admin paths are redirect targets after sign-in', async () => {
    const res = await post('/admin/login', {
      email: 'admin@example.com',
      password: 'admin-password',
      next: 'https://evil.example/',
    })
    expect(res.headers.get('location')).toBe('/admin/chargers')
  })

  test('too many failed attempts from one address lock that address for a while', async () => {
    const other = await startTestNode()
    const attempt = (password: string) =>
      other.app.handle(
        new Request('http://localhost/admin/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
          body: form({ email: 'admin@example.com', password }),
        }),
      )
    for (let i = 0; i < 10; i++) await attempt(`wrong-${i}`)
    const locked = await attempt('admin-password')
    expect(locked.status).toBe(429)
    await other.dispose()
  }, 15_000) // ten password checks and a node of its own: seconds on a loaded machine
})

describe('forms', () => {
  test('a POST from another site is refused (CSRF)', async () => {
    const cookie = await signedInCookie()
    const res = await post(
      '/admin/chargers',
      { id: 'EVIL', label: '', password: '' },
      { cookie, origin: 'https://evil.example' },
    )
    expect(res.status).toBe(403)
    expect(await node.deps.repos.chargers.find('EVIL')).toBeUndefined()
  })

  test('adding a charger validates each field and keeps what was typed', async () => {
    const cookie = await signedInCookie()
    const bad = await post(
      '/admin/chargers',
      { id: 'has space', label: 'x'.repeat(101), password: 'short' },
      { cookie, 'hx-request': 'true' },
    )
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('use 1–48 letters, digits or * - _ = + | @ . (no spaces or &quot;:&quot;)')
    expect(html).toContain('at most 100 characters')
    expect(html).toContain('use 16 to 40 characters')
    expect(html).toContain('value="has space"')
    const ok = await post(
      '/admin/chargers',
      { id: 'NEW-1', label: 'Bay 1', password: '' },
      { cookie, 'hx-request': 'true' },
    )
    expect(await ok.text()).toContain('Added NEW-1')
    expect(await node.deps.repos.chargers.find('NEW-1')).toMatchObject({ label: 'Bay 1', passwordHash: null })
    const dup = await post(
      '/admin/chargers',
      { id: 'NEW-1', label: '', password: '' },
      { cookie, 'hx-request': 'true' },
    )
    expect(dup.status).toBe(409)
  })

  test('user text is escaped everywhere it is shown', async () => {
    const cookie = await signedInCookie()
    await post(
      '/admin/chargers',
      { id: 'XSS-1', label: '"><script>alert(1)</script>', password: '' },
      { cookie },
    )
    for (const path of ['/admin/chargers/XSS-1', '/admin/chargers']) {
      const page = await (
        await node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie } }))
      ).text()
      expect(page).not.toContain('"><script>')
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    }
  })
})

test('a charger has a printable page of driver QR codes, one per EVSE, pointing at its driver pages', async () => {
  const cookie = await signedInCookie()
  await node.deps.writer.write([
    node.deps.repos.chargers.upsert({ id: 'QR-1', now: Date.now() }),
    node.deps.repos.chargers.upsertConnector({
      chargerId: 'QR-1',
      evseId: 1,
      connectorId: 1,
      status: 'Available',
      errorCode: null,
      info: null,
      vendorId: null,
      vendorErrorCode: null,
      statusAt: 1,
      now: 1,
    }),
    node.deps.repos.chargers.upsertConnector({
      chargerId: 'QR-1',
      evseId: 2,
      connectorId: 1,
      status: 'Available',
      errorCode: null,
      info: null,
      vendorId: null,
      vendorErrorCode: null,
      statusAt: 1,
      now: 1,
    }),
  ])
  const page = await (
    await node.app.handle(new Request('http://localhost/admin/chargers/QR-1/qr', { headers: { cookie } }))
  ).text()
  expect(page.match(/<svg/g)).toHaveLength(2)
  for (const evse of [1, 2])
    expect(page).toContain(
      `http://localhost/drive/QR-1/${evse}/${await connectorCode(node.deps, 'QR-1', evse)}`,
    )
})
