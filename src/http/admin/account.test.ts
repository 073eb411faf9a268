import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { auditLog } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let password = 'admin-password'

beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

async function signIn(agent: string, pass = password): Promise<string | undefined> {
  const res = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'user-agent': agent,
      },
      body: new URLSearchParams({ email: 'admin@example.com', password: pass }).toString(),
    }),
  )
  return res.status === 303 ? res.headers.getSetCookie()[0]!.split(';')[0] : undefined
}

const get = (cookie: string, path = '/admin/account') =>
  node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie }, redirect: 'manual' }))
const post = (cookie: string, path: string, fields: Record<string, string> = {}) =>
  node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    }),
  )

describe('your account page', () => {
  test('shows the roles and the sessions, this browser marked, and signs out another one', async () => {
    const laptop = (await signIn('Laptop/1'))!
    const phone = (await signIn('Phone/2'))!
    const page = await (await get(laptop)).text()
    expect(page).toContain('Platform admin')
    expect(page).toContain('Laptop/1')
    expect(page).toContain('Phone/2')
    expect(page).toContain('this browser')
    const phoneId = /id="session-([0-9a-f]{16})"[\s\S]*?Phone\/2/.exec(page)?.[1]
    expect(phoneId).toBeDefined()
    expect((await post(laptop, `/admin/account/sessions/${phoneId}/delete`)).status).toBe(303)
    expect((await get(phone)).status).toBe(303)
    expect((await get(laptop)).status).toBe(200)
  })

  test('a password change needs the current password and a confirmed new one, and ends the other sessions', async () => {
    const here = (await signIn('Here/1'))!
    const other = (await signIn('Other/1'))!
    const wrong = await post(here, '/admin/account/password', {
      current: 'nope',
      password: 'x'.repeat(12),
      confirm: 'x'.repeat(12),
    })
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('that is not your current password')
    const short = await post(here, '/admin/account/password', {
      current: password,
      password: 'short',
      confirm: 'short',
    })
    expect(await short.text()).toContain('use at least 12 characters')
    const differ = await post(here, '/admin/account/password', {
      current: password,
      password: 'a new long password',
      confirm: 'a new long passw0rd',
    })
    expect(await differ.text()).toContain('the two passwords differ')
    const ok = await post(here, '/admin/account/password', {
      current: password,
      password: 'a new long password',
      confirm: 'a new long password',
    })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Your password is changed')
    expect((await get(other)).status).toBe(303)
    expect((await get(here)).status).toBe(200)
    expect(await signIn('Old/1', password)).toBeUndefined()
    password = 'a new long password'
    expect(await signIn('New/1')).toBeDefined()
    const entries = await node.deps.database.db.select().from(auditLog)
    const changed = entries.find((e) => e.action === 'account.password-changed')
    expect(changed?.actorLabel).toBe('admin@example.com')
    expect(JSON.stringify(entries)).not.toContain('argon2')
  })

  test('sign out everywhere ends every session, this one too', async () => {
    const a = (await signIn('A/1'))!
    const b = (await signIn('B/1'))!
    const res = await post(a, '/admin/account/sign-out-everywhere')
    expect(res.headers.get('location')).toBe('/admin/login')
    expect((await get(a)).status).toBe(303)
    expect((await get(b)).status).toBe(303)
    expect(await signIn('C/1')).toBeDefined()
  })
})
