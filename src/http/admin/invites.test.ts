import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { organizations } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'

const PASSWORD = 'coop-admin-password'
let node: TestNode
let coopAdmin = ''

beforeAll(async () => {
  node = await startTestNode()
  const { operators } = node.deps.repos
  const hash = await Bun.password.hash(PASSWORD, { algorithm: 'argon2id' })
  const now = Date.now()
  const org = (id: string, name: string) => ({
    id,
    name,
    kind: 'owner',
    parentId: 'platform',
    createdAt: now,
    updatedAt: now,
  })
  await node.deps.writer.write([
    node.deps.database.db
      .insert(organizations)
      .values([org('coop', 'Brf Solrosen'), org('office', 'Office AB')]),
    operators.create('coop-admin@example.com', hash, now),
    operators.grant('coop-admin@example.com', 'coop', 'org-admin', now),
    operators.create('member@example.com', hash, now),
    operators.grant('member@example.com', 'coop', 'board', now),
    operators.create('office-admin@example.com', hash, now),
    operators.grant('office-admin@example.com', 'office', 'org-admin', now),
  ])
  coopAdmin = (await signIn('coop-admin@example.com', PASSWORD))!
})
afterAll(() => node.dispose())

async function signIn(email: string, password: string): Promise<string | undefined> {
  const res = await post('', '/admin/login', { email, password })
  return res.status === 303 ? cookieOf(res) : undefined
}

const cookieOf = (res: Response) => res.headers.getSetCookie()[0]?.split(';')[0]

const get = (cookie: string, path: string) =>
  node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie }, redirect: 'manual' }))

function post(cookie: string, path: string, fields: Record<string, string>, origin = 'http://localhost') {
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    }),
  )
}

/** The secret of the one-time link a page shows, if it shows one. */
const linkIn = (html: string, kind: 'invite' | 'reset') =>
  html.match(new RegExp(`http://localhost/admin/${kind}/([A-Za-z0-9_-]+)`))?.[1]

async function invite(cookie: string, fields: Record<string, string>) {
  const res = await post(cookie, '/admin/invites', fields)
  const html = await res.text()
  return { status: res.status, html, secret: linkIn(html, 'invite') }
}

const idOf = async (email: string) => (await node.deps.repos.operators.findByEmail(email))!.id
const rolesOf = async (email: string) =>
  (await node.deps.repos.organizations.membershipsOf(await idOf(email))).map(
    (m) => `${m.organizationId}:${m.roleId}`,
  )

describe('inviting from the accounts page', () => {
  test("the form offers the caller's own organization and the roles it may give, and says no email is sent", async () => {
    const html = await (await get(coopAdmin, '/admin/accounts')).text()
    expect(html).toContain('action="/admin/invites"')
    expect(html).toContain('<option value="coop" selected>Brf Solrosen</option>')
    expect(html).not.toContain('Office AB')
    expect(html).toContain('value="board"')
    expect(html).not.toContain('value="platform-admin"')
    expect(html).toContain('no email is sent')
  })

  test('an invitation shows its link once, with a copy button; the list shows it without the link', async () => {
    const out = await invite(coopAdmin, {
      email: 'New.Person@example.com',
      organizationId: 'coop',
      roleId: 'board',
    })
    expect(out.status).toBe(200)
    expect(out.secret).toBeDefined()
    expect(out.html).toContain('Copy')
    expect(out.html).toContain('sends no email')
    const again = await (await get(coopAdmin, '/admin/accounts')).text()
    expect(again).toContain('new.person@example.com')
    expect(again).toContain('/revoke')
    expect(linkIn(again, 'invite')).toBeUndefined()
  })

  test('a new person sets a name and password, is signed in, holds the role; the link then fails', async () => {
    const { secret } = await invite(coopAdmin, {
      email: 'tenant@example.com',
      organizationId: 'coop',
      roleId: 'board',
    })
    const page = await get('', `/admin/invite/${secret}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('tenant@example.com')
    expect(html).toContain('Brf Solrosen')
    expect(html).toContain('Board member (read-only)')
    const short = await post('', `/admin/invite/${secret}`, {
      name: 'Tenant',
      password: 'short',
      confirm: 'short',
    })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('use at least 12 characters')
    const res = await post('', `/admin/invite/${secret}`, {
      name: 'Tenant',
      password: 'tenant-password-1',
      confirm: 'tenant-password-1',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/chargers')
    const session = cookieOf(res)!
    expect((await get(session, '/admin/account')).status).toBe(200)
    expect(await rolesOf('tenant@example.com')).toEqual(['coop:board'])
    const reused = await get('', `/admin/invite/${secret}`)
    expect(reused.status).toBe(410)
    expect(await reused.text()).toContain('This link is not valid any more')
    const reposted = await post('', `/admin/invite/${secret}`, {
      name: 'Intruder',
      password: 'intruder-password',
      confirm: 'intruder-password',
    })
    expect(reposted.status).toBe(410)
  })

  test('a used, revoked and unknown link get the very same page', async () => {
    const { secret, html } = await invite(coopAdmin, {
      email: 'withdrawn@example.com',
      organizationId: 'coop',
      roleId: 'board',
    })
    const id = html.match(/<tr id="invite-([0-9a-f]+)"><td>withdrawn@example.com/)?.[1]
    expect(id).toBeDefined()
    const revoked = await post(coopAdmin, `/admin/invites/${id}/revoke`, {})
    expect(await revoked.text()).toContain('Withdrew the invitation for withdrawn@example.com')
    const closed = await (await get('', `/admin/invite/${secret}`)).text()
    const unknown = await get('', `/admin/invite/${'x'.repeat(43)}`)
    expect(unknown.status).toBe(410)
    expect(await unknown.text()).toBe(closed)
  })

  test('an existing account joins with its own password, and keeps its other memberships', async () => {
    const { secret } = await invite(coopAdmin, {
      email: 'office-admin@example.com',
      organizationId: 'coop',
      roleId: 'support',
    })
    const page = await (await get('', `/admin/invite/${secret}`)).text()
    expect(page).toContain('Password of office-admin@example.com')
    const wrong = await post('', `/admin/invite/${secret}`, { password: 'not-the-password' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('that is not the password of office-admin@example.com')
    const res = await post('', `/admin/invite/${secret}`, { password: PASSWORD })
    expect(res.status).toBe(303)
    expect((await rolesOf('office-admin@example.com')).sort()).toEqual(['coop:support', 'office:org-admin'])
  })

  test('an invitee signed in as that account joins without its password', async () => {
    const platform = (await signIn('admin@example.com', 'admin-password'))!
    const { secret } = await invite(platform, {
      email: 'coop-admin@example.com',
      organizationId: 'office',
      roleId: 'support',
    })
    const page = await (await get(coopAdmin, `/admin/invite/${secret}`)).text()
    expect(page).toContain('You are signed in as this account')
    expect(page).not.toContain('name="password"')
    const res = await post(coopAdmin, `/admin/invite/${secret}`, {})
    expect(res.status).toBe(303)
    expect((await rolesOf('coop-admin@example.com')).sort()).toEqual(['coop:org-admin', 'office:support'])
  })

  test("an organization's admin cannot invite into another organization, nor give more than it holds", async () => {
    const other = await invite(coopAdmin, {
      email: 'x@example.com',
      organizationId: 'office',
      roleId: 'board',
    })
    expect(other.status).toBe(400)
    expect(other.html).toContain('you cannot add to organization office')
    expect(other.secret).toBeUndefined()
    const admin = await invite(coopAdmin, {
      email: 'x@example.com',
      organizationId: 'coop',
      roleId: 'platform-admin',
    })
    expect(admin.status).toBe(403)
    expect(admin.html).toContain('value="x@example.com"')
  })

  test('an answer from another site is refused', async () => {
    const { secret } = await invite(coopAdmin, {
      email: 'csrf@example.com',
      organizationId: 'coop',
      roleId: 'board',
    })
    const res = await post(
      '',
      `/admin/invite/${secret}`,
      { name: 'X', password: 'csrf-password-12', confirm: 'csrf-password-12' },
      'http://evil.example',
    )
    expect(res.status).toBe(403)
    expect((await get('', `/admin/invite/${secret}`)).status).toBe(200)
  })
})

describe('password reset links', () => {
  test('an admin issues a link; using it sets the password, ends the old sessions and signs in; then it fails', async () => {
    const old = (await signIn('member@example.com', PASSWORD))!
    expect((await get(old, '/admin/account')).status).toBe(200)
    const issued = await post(coopAdmin, `/admin/accounts/${await idOf('member@example.com')}/reset`, {})
    const secret = linkIn(await issued.text(), 'reset')
    expect(secret).toBeDefined()
    const page = await get('', `/admin/reset/${secret}`)
    expect(await page.text()).toContain('member@example.com')
    const mismatch = await post('', `/admin/reset/${secret}`, {
      password: 'member-new-password',
      confirm: 'something-else-1',
    })
    expect(mismatch.status).toBe(400)
    const res = await post('', `/admin/reset/${secret}`, {
      password: 'member-new-password',
      confirm: 'member-new-password',
    })
    expect(res.status).toBe(303)
    expect((await get(cookieOf(res)!, '/admin/account')).status).toBe(200)
    expect((await get(old, '/admin/account')).status).toBe(303)
    expect(await signIn('member@example.com', PASSWORD)).toBeUndefined()
    expect(await signIn('member@example.com', 'member-new-password')).toBeDefined()
    expect((await get('', `/admin/reset/${secret}`)).status).toBe(410)
  })

  test("no reset link for another organization's account, and an invitation opens no reset page", async () => {
    const res = await post(coopAdmin, `/admin/accounts/${await idOf('office-admin@example.com')}/reset`, {})
    expect(res.status).toBe(403)
    expect(linkIn(await res.text(), 'reset')).toBeUndefined()
    const { secret } = await invite(coopAdmin, {
      email: 'both@example.com',
      organizationId: 'coop',
      roleId: 'board',
    })
    expect((await get('', `/admin/reset/${secret}`)).status).toBe(410)
  })

  test('the sign-in page tells a person who forgot the password to ask an administrator', async () => {
    const html = await (await get('', '/admin/login')).text()
    expect(html).toContain('Forgot your password? Ask an administrator')
  })
})

describe('memberships on the accounts page', () => {
  test('a role is changed and a membership removed, each from its own row', async () => {
    await node.deps.writer.write([
      node.deps.repos.operators.create('mover@example.com', 'x', Date.now()),
      node.deps.repos.operators.grant('mover@example.com', 'coop', 'board', Date.now()),
    ])
    const id = await idOf('mover@example.com')
    const page = await (await get(coopAdmin, '/admin/accounts')).text()
    expect(page).toContain(`action="/admin/accounts/${id}/memberships/coop"`)
    const changed = await post(coopAdmin, `/admin/accounts/${id}/memberships/coop`, { roleId: 'support' })
    expect(await changed.text()).toContain('Role changed.')
    expect(await rolesOf('mover@example.com')).toEqual(['coop:support'])
    const removed = await post(coopAdmin, `/admin/accounts/${id}/memberships/coop/remove`, {})
    expect(await removed.text()).toContain('Removed from the organization.')
    expect(await rolesOf('mover@example.com')).toEqual([])
  })

  test("the service's refusal is shown: not oneself out of accounts:write, not the last platform admin", async () => {
    const me = await idOf('coop-admin@example.com')
    const self = await post(coopAdmin, `/admin/accounts/${me}/memberships/coop`, { roleId: 'board' })
    expect(self.status).toBe(409)
    expect(await self.text()).toContain('ask another admin to change your role')
    const platform = (await signIn('admin@example.com', 'admin-password'))!
    const last = await post(
      platform,
      `/admin/accounts/${await idOf('admin@example.com')}/memberships/platform/remove`,
      {},
    )
    expect(last.status).toBe(409)
    expect(await last.text()).toContain('last platform admin')
  })

  test("another organization's membership is unknown", async () => {
    const res = await post(
      coopAdmin,
      `/admin/accounts/${await idOf('office-admin@example.com')}/memberships/office`,
      {
        roleId: 'board',
      },
    )
    expect(res.status).toBe(404)
    expect(await rolesOf('office-admin@example.com')).toContain('office:org-admin')
  })
})

describe('the roles page', () => {
  test('lists the built-in roles with the labels of their permissions', async () => {
    const html = await (await get(coopAdmin, '/admin/roles')).text()
    expect(html).toContain('Board member (read-only)')
    expect(html).toContain('See sites, fuses and live load')
    expect(html).toContain('action="/admin/roles"')
  })

  test('a custom role is made, renamed with other permissions, offered to invite, and deleted', async () => {
    const made = await post(coopAdmin, '/admin/roles', {
      organizationId: 'coop',
      name: 'Caretaker',
      'p:sites:read': 'on',
      'p:chargers:read': 'on',
    })
    expect(await made.text()).toContain('Made the role Caretaker.')
    const [role] = await node.deps.services.roles.list(await node.deps.services.scopes.platformKey())
    expect(role?.permissions).toEqual(['sites:read', 'chargers:read'])
    const saved = await post(coopAdmin, `/admin/roles/${role!.id}`, { name: 'Janitor', 'p:sites:read': 'on' })
    expect(await saved.text()).toContain('Saved the role Janitor.')
    expect(await (await get(coopAdmin, '/admin/accounts')).text()).toContain(`value="${role!.id}"`)
    const office = (await signIn('office-admin@example.com', PASSWORD))!
    expect(await (await get(office, '/admin/roles')).text()).not.toContain('Janitor')
    expect((await post(office, `/admin/roles/${role!.id}/delete`, {})).status).toBe(404)
    const deleted = await post(coopAdmin, `/admin/roles/${role!.id}/delete`, {})
    expect(await deleted.text()).toContain('Deleted the role Janitor.')
  })

  test('a role can hold only permissions its maker holds: the form offers no others, the service refuses them', async () => {
    const scope = await node.deps.services.scopes.platformKey()
    const keeper = await node.deps.services.roles.create(scope, {
      organizationId: 'coop',
      name: 'Account keeper',
      permissions: ['accounts:read', 'accounts:write', 'sites:read'],
    })
    expect(keeper.ok).toBe(true)
    const hash = await Bun.password.hash(PASSWORD, { algorithm: 'argon2id' })
    await node.deps.writer.write([
      node.deps.repos.operators.create('keeper@example.com', hash, Date.now()),
      node.deps.repos.operators.grant(
        'keeper@example.com',
        'coop',
        keeper.ok ? keeper.role.id : '',
        Date.now(),
      ),
    ])
    const cookie = (await signIn('keeper@example.com', PASSWORD))!
    const html = await (await get(cookie, '/admin/roles')).text()
    const form = html.slice(html.indexOf('id="new-role"'))
    expect(form).toContain('name="p:sites:read"')
    expect(form).not.toContain('name="p:tokens:write"')
    const res = await post(cookie, '/admin/roles', {
      organizationId: 'coop',
      name: 'Sneaky',
      'p:tokens:write': 'on',
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('a role may not hold permissions you lack there: tokens:write')
  })

  test('a board member may not see the roles page', async () => {
    const board = await signIn('tenant@example.com', 'tenant-password-1')
    expect((await get(board!, '/admin/roles')).status).toBe(403)
  })
})

describe('the limit on answering links', () => {
  test('after 10 failed answers from one address, further answers are held off even with a valid link', async () => {
    const { secret } = await invite(coopAdmin, {
      email: 'late@example.com',
      organizationId: 'coop',
      roleId: 'board',
    })
    for (let i = 0; i < 10; i++)
      expect((await post('', `/admin/invite/${'y'.repeat(43)}${i}`, { name: 'X' })).status).toBe(410)
    const held = await post('', `/admin/invite/${secret}`, {
      name: 'Late',
      password: 'late-password-12',
      confirm: 'late-password-12',
    })
    expect(held.status).toBe(429)
    expect(await held.text()).toContain('Too many failed attempts')
    expect(await rolesOf('late@example.com').catch(() => 'no account')).toBe('no account')
  })
})
