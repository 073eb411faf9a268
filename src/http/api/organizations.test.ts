import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let platform: ReturnType<typeof apiClient>

beforeAll(async () => {
  node = await startTestNode({ CSMS_API_KEY: 'test-api-key-0123456789' })
  platform = apiClient(node)
})
afterAll(() => node.dispose())

describe('organizations, API keys and the audit log through the API', () => {
  test('a customer and its sub-organization are made, listed, renamed, and removed only when empty', async () => {
    expect((await platform('POST', '/organizations', { id: 'coop', name: 'Co-op' })).body).toMatchObject({
      kind: 'owner',
      parentId: 'platform',
    })
    const sub = await platform('POST', '/organizations', {
      id: 'coop-garage',
      name: 'Garage',
      parentId: 'coop',
    })
    expect(sub.body).toMatchObject({ kind: 'sub', parentId: 'coop' })
    expect((await platform('POST', '/organizations', { id: 'coop', name: 'Again' })).status).toBe(409)
    expect((await platform('PATCH', '/organizations/coop', { name: 'The co-op' })).body.name).toBe(
      'The co-op',
    )
    const blocked = await platform('DELETE', '/organizations/coop')
    expect(blocked.status).toBe(409)
    expect(blocked.body.error.message).toContain('1 sub-organizations')
    expect((await platform('DELETE', '/organizations/coop-garage')).status).toBe(204)
    const ids = (await platform('GET', '/organizations')).body.items.map((o: { id: string }) => o.id)
    expect(ids).toContain('coop')
    expect(ids).not.toContain('coop-garage')
  })

  test("a key is shown once, holds at most its maker's permissions, sees only its organization, and stops when revoked", async () => {
    await platform('POST', '/organizations', { id: 'office', name: 'Office' })
    const made = await platform('POST', '/api-keys', {
      name: 'coop reader',
      permissions: ['tokens:read', 'api-keys:read', 'api-keys:write', 'organizations:read', 'audit:read'],
      organizationId: 'coop',
    })
    expect(made.status).toBe(201)
    expect(made.body.secret).toMatch(/^csms_/)
    expect(JSON.stringify((await platform('GET', '/api-keys')).body)).not.toContain(made.body.secret)
    const coop = apiClient(node, made.body.secret)
    const orgs = (await coop('GET', '/organizations')).body.items.map((o: { id: string }) => o.id)
    expect(orgs).toEqual(['coop'])
    const wider = await coop('POST', '/api-keys', { name: 'writer', permissions: ['tokens:write'] })
    expect(wider.status).toBe(403)
    expect(
      (await coop('POST', '/api-keys', { name: 'r', permissions: ['tokens:read'], organizationId: 'office' }))
        .status,
    ).toBe(400)
    expect((await platform('DELETE', `/api-keys/${made.body.id}`)).status).toBe(204)
    expect((await coop('GET', '/organizations')).status).toBe(401)
  })

  test('the audit log records each change with who made it, and a key reads only its organizations', async () => {
    await platform('PUT', '/tokens/OFFICE-1', {
      type: 'ISO14443',
      status: 'Accepted',
      organizationId: 'office',
    })
    await platform('PUT', '/tokens/COOP-1', { type: 'ISO14443', status: 'Accepted', organizationId: 'coop' })
    const all = (await platform('GET', '/audit')).body.items as {
      action: string
      entityId: string
      actor: { kind: string }
    }[]
    expect(all.map((e) => e.entityId)).toEqual(expect.arrayContaining(['OFFICE-1', 'COOP-1', 'coop']))
    expect(all.find((e) => e.entityId === 'OFFICE-1')).toMatchObject({
      action: 'token.created',
      actor: { kind: 'platform-key' },
    })
    const made = await platform('POST', '/api-keys', {
      name: 'auditor',
      permissions: ['audit:read'],
      organizationId: 'coop',
    })
    const coop = apiClient(node, made.body.secret)
    const seen = (await coop('GET', '/audit')).body.items.map((e: { entityId: string }) => e.entityId)
    expect(seen).toContain('COOP-1')
    expect(seen).not.toContain('OFFICE-1')
    const csv = await node.app.handle(
      new Request('http://localhost/api/v1/audit.csv', {
        headers: { authorization: `Bearer ${made.body.secret}` },
      }),
    )
    const text = await csv.text()
    expect(text.startsWith('id,at,organization,actor')).toBe(true)
    expect(text).toContain('COOP-1')
    expect(text).not.toContain('OFFICE-1')
    expect(text).not.toContain('secret_hash')
  })
})
