import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { organizations } from '@src/db/schema'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let platform: ReturnType<typeof apiClient>
let coop: ReturnType<typeof apiClient>
let coopReader: ReturnType<typeof apiClient>

beforeAll(async () => {
  node = await startTestNode()
  const now = Date.now()
  const org = (id: string, name: string) => ({
    id,
    name,
    kind: 'owner',
    parentId: 'platform',
    createdAt: now,
    updatedAt: now,
  })
  const { operators } = node.deps.repos
  await node.deps.writer.write([
    node.deps.database.db
      .insert(organizations)
      .values([org('coop', 'Brf Solrosen'), org('office', 'Office AB')]),
    operators.create('board@coop.example', 'x', now),
    operators.grant('board@coop.example', 'coop', 'board', now),
    operators.create('admin@office.example', 'x', now),
    operators.grant('admin@office.example', 'office', 'org-admin', now),
  ])
  const scope = await node.deps.services.scopes.platformKey()
  const key = async (permissions: readonly string[]) => {
    const out = await node.deps.services.apiKeys.create(scope, {
      name: 'k',
      permissions,
      organizationId: 'coop',
    })
    if (!out.ok) throw new Error(out.message)
    return out.secret
  }
  platform = apiClient(node)
  coop = apiClient(node, await key(PERMISSIONS))
  coopReader = apiClient(node, await key(['accounts:read']))
})
afterAll(() => node.dispose())

const idOf = async (email: string) => (await node.deps.repos.operators.findByEmail(email))!.id

describe('/api/v1/invites', () => {
  test('an invitation answers its link path once; the list shows it without; revoking closes it', async () => {
    const made = await coop('POST', '/invites', { email: 'new@coop.example', roleId: 'board' })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ email: 'new@coop.example', organizationId: 'coop', roleId: 'board' })
    expect(made.body.path).toBe(`/admin/invite/${made.body.secret}`)
    const list = await coop('GET', '/invites')
    expect(list.body.items.map((i: { email: string }) => i.email)).toEqual(['new@coop.example'])
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret)
    expect((await platform('GET', '/invites')).body.items).toHaveLength(1)
    const opened = await node.app.handle(new Request(`http://localhost${made.body.path}`))
    expect(opened.status).toBe(200)
    expect((await coop('DELETE', `/invites/${made.body.id}`)).status).toBe(204)
    expect((await coop('GET', '/invites')).body.items).toEqual([])
    expect((await node.app.handle(new Request(`http://localhost${made.body.path}`))).status).toBe(410)
  })

  test('a key of one organization cannot invite into another, nor offer the platform admin role', async () => {
    const other = await coop('POST', '/invites', {
      email: 'x@x.example',
      roleId: 'board',
      organizationId: 'office',
    })
    expect(other.status).toBe(400)
    expect(other.body.error.message).toBe('you cannot add to organization office')
    const admin = await coop('POST', '/invites', { email: 'x@x.example', roleId: 'platform-admin' })
    expect(admin.status).toBe(403)
    const bad = await coop('POST', '/invites', { email: 'not an email', roleId: 'board' })
    expect(bad.status).toBe(400)
  })

  test('a key with accounts:read lists, and may not invite', async () => {
    expect((await coopReader('GET', '/invites')).status).toBe(200)
    expect((await coopReader('POST', '/invites', { email: 'y@x.example', roleId: 'board' })).status).toBe(403)
  })

  test("another organization's invitation is unknown", async () => {
    const office = await platform('POST', '/invites', {
      email: 'o@office.example',
      roleId: 'board',
      organizationId: 'office',
    })
    expect(office.status).toBe(201)
    expect((await coop('GET', '/invites')).body.items).toEqual([])
    expect((await coop('DELETE', `/invites/${office.body.id}`)).status).toBe(404)
    expect((await platform('GET', '/invites')).body.items).toHaveLength(1)
  })
})

describe('/api/v1/roles', () => {
  test('lists the built-in roles; a custom role is made, changed and deleted in its organization', async () => {
    const list = await coop('GET', '/roles')
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([
      'platform-admin',
      'org-admin',
      'board',
      'support',
    ])
    const made = await coop('POST', '/roles', {
      name: 'Caretaker',
      permissions: ['chargers:read', 'sites:read'],
    })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({
      organizationId: 'coop',
      permissions: ['sites:read', 'chargers:read'],
      builtIn: false,
    })
    const changed = await coop('PUT', `/roles/${made.body.id}`, {
      name: 'Janitor',
      permissions: ['sites:read'],
    })
    expect(changed.body).toMatchObject({ name: 'Janitor', permissions: ['sites:read'] })
    const invited = await coop('POST', '/invites', { email: 'janitor@coop.example', roleId: made.body.id })
    const inUse = await coop('DELETE', `/roles/${made.body.id}`)
    expect(inUse.status).toBe(409)
    expect(inUse.body.error.message).toContain('janitor@coop.example (invited)')
    await coop('DELETE', `/invites/${invited.body.id}`)
    expect((await coop('DELETE', `/roles/${made.body.id}`)).status).toBe(204)
  })

  test("a role is made nowhere the key may not write, and another organization's role is unknown", async () => {
    const other = await coop('POST', '/roles', {
      name: 'X',
      permissions: ['sites:read'],
      organizationId: 'office',
    })
    expect(other.status).toBe(400)
    const office = await platform('POST', '/roles', {
      name: 'Office role',
      permissions: ['sites:read'],
      organizationId: 'office',
    })
    expect(office.status).toBe(201)
    expect(JSON.stringify((await coop('GET', '/roles')).body)).not.toContain('Office role')
    expect(
      (await coop('PUT', `/roles/${office.body.id}`, { name: 'Taken', permissions: ['sites:read'] })).status,
    ).toBe(404)
    expect((await coop('DELETE', `/roles/${office.body.id}`)).status).toBe(404)
    const unknown = await coop('POST', '/roles', { name: 'X', permissions: ['not:a-permission'] })
    expect(unknown.status).toBe(400)
  })
})

describe('/api/v1/accounts/:id/memberships', () => {
  test("an account's memberships are listed, its role changed and the membership removed", async () => {
    const id = await idOf('board@coop.example')
    const list = await coop('GET', `/accounts/${id}/memberships`)
    expect(list.body.items).toEqual([
      {
        organizationId: 'coop',
        organization: 'Brf Solrosen',
        roleId: 'board',
        role: 'Board member (read-only)',
      },
    ])
    const changed = await coop('PUT', `/accounts/${id}/memberships/coop`, { roleId: 'support' })
    expect(changed.body).toEqual({ operatorId: id, organizationId: 'coop', roleId: 'support' })
    expect((await coop('DELETE', `/accounts/${id}/memberships/coop`)).status).toBe(204)
    expect((await coop('GET', `/accounts/${id}/memberships`)).status).toBe(404)
  })

  test("another organization's account is unknown, and the last platform admin stays", async () => {
    const office = await idOf('admin@office.example')
    expect((await coop('GET', `/accounts/${office}/memberships`)).status).toBe(404)
    expect((await coop('PUT', `/accounts/${office}/memberships/office`, { roleId: 'board' })).status).toBe(
      404,
    )
    expect((await coop('DELETE', `/accounts/${office}/memberships/office`)).status).toBe(404)
    const first = await idOf('admin@example.com')
    const last = await platform('DELETE', `/accounts/${first}/memberships/platform`)
    expect(last.status).toBe(409)
    expect(last.body.error.message).toContain('last platform admin')
  })
})
