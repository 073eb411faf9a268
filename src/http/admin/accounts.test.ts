import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { organizations } from '@src/db/schema'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let admin = ''

beforeAll(async () => {
  node = await startTestNode()
  const { operators } = node.deps.repos
  const hash = await Bun.password.hash('coop-admin-password', { algorithm: 'argon2id' })
  const now = Date.now()
  await node.deps.writer.write([
    node.deps.database.db
      .insert(organizations)
      .values([
        {
          id: 'coop',
          name: 'Brf Solrosen',
          kind: 'owner',
          parentId: 'platform',
          createdAt: now,
          updatedAt: now,
        },
        {
          id: 'office',
          name: 'Office AB',
          kind: 'owner',
          parentId: 'platform',
          createdAt: now,
          updatedAt: now,
        },
      ])
      .onConflictDoNothing(),
    operators.create('coop-admin@example.com', hash, now),
    operators.grant('coop-admin@example.com', 'coop', 'org-admin', now),
    operators.create('board@example.com', hash, now),
    operators.grant('board@example.com', 'coop', 'board', now),
    operators.create('office@example.com', hash, now),
    operators.grant('office@example.com', 'office', 'org-admin', now),
  ])
  admin = (await signIn('coop-admin@example.com', 'coop-admin-password'))!
})
afterAll(() => node.dispose())

async function signIn(email: string, password: string): Promise<string | undefined> {
  const res = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email, password }).toString(),
    }),
  )
  return res.status === 303 ? res.headers.getSetCookie()[0]!.split(';')[0] : undefined
}

const get = (cookie: string, path: string) =>
  node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie }, redirect: 'manual' }))
const post = (cookie: string, path: string) =>
  node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie },
      body: '',
      redirect: 'manual',
    }),
  )
const idOf = async (email: string) => (await node.deps.repos.operators.findByEmail(email))!.id

describe('the accounts page', () => {
  test("an organization's admin sees its accounts and roles, never another organization's", async () => {
    const html = await (await get(admin, '/admin/accounts')).text()
    expect(html).toContain('board@example.com')
    expect(html).toContain('Board member (read-only)')
    expect(html).toContain('Brf Solrosen')
    expect(html).not.toContain('office@example.com')
    expect(html).not.toContain('<span>admin@example.com</span>')
    expect(html).not.toContain(`/admin/accounts/${await idOf('coop-admin@example.com')}/disable`)
  })

  test('a board member may not list accounts', async () => {
    const board = (await signIn('board@example.com', 'coop-admin-password'))!
    expect((await get(board, '/admin/accounts')).status).toBe(403)
  })

  test("disabling: never one's own, never an account of another organization; a disabled account cannot sign in", async () => {
    expect(
      (await post(admin, `/admin/accounts/${await idOf('coop-admin@example.com')}/disable`)).status,
    ).toBe(403)
    expect((await post(admin, `/admin/accounts/${await idOf('office@example.com')}/disable`)).status).toBe(
      404,
    )
    expect((await post(admin, `/admin/accounts/${await idOf('admin@example.com')}/disable`)).status).toBe(404)
    const board = (await signIn('board@example.com', 'coop-admin-password'))!
    expect((await post(admin, `/admin/accounts/${await idOf('board@example.com')}/disable`)).status).toBe(303)
    expect((await get(board, '/admin/sites')).status).toBe(303)
    expect(await signIn('board@example.com', 'coop-admin-password')).toBeUndefined()
    expect(await (await get(admin, '/admin/accounts')).text()).toContain('disabled')
  })

  test('the API lists the accounts in scope with their roles', async () => {
    const res = await apiClient(node)('GET', '/accounts')
    expect(res.status).toBe(200)
    const emails = res.body.items.map((a: { email: string }) => a.email)
    expect(emails).toEqual(
      expect.arrayContaining(['admin@example.com', 'board@example.com', 'office@example.com']),
    )
    const board = res.body.items.find((a: { email: string }) => a.email === 'board@example.com')
    expect(board.roles).toEqual([
      { organizationId: 'coop', roleId: 'board', role: 'Board member (read-only)' },
    ])
    expect(JSON.stringify(res.body)).not.toContain('argon2')
  })
})
