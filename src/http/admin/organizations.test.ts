import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { startTestNode, type TestNode } from '@src/testing/node'
import { treeOf } from './organizations'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>

beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node)
})
afterAll(() => node.dispose())

const post = (path: string, fields: Record<string, string>) => admin.post(path, fields)

describe('the organizations page', () => {
  test('the tree lists each organization under its parent, depth first', () => {
    const at = 0
    const row = (id: string, parentId: string | null) => ({
      id,
      name: id,
      kind: 'owner',
      parentId,
      createdAt: at,
      updatedAt: at,
    })
    expect(
      treeOf([row('b', 'a'), row('a', null), row('c', 'a'), row('d', 'b')]).map((o) => `${o.depth}${o.id}`),
    ).toEqual(['0a', '1b', '2d', '1c'])
  })

  test('a platform admin adds a customer and a key for it; the secret is shown once, then only the key', async () => {
    const added = await post('/admin/organizations', { id: 'coop', name: 'The co-op', parentId: '' })
    expect(added.status).toBe(200)
    expect(await added.text()).toContain('Added The co-op.')
    const made = await post('/admin/api-keys', {
      name: 'meter app',
      organizationId: 'coop',
      permissions: 'sites:read',
    })
    const page = await made.text()
    const secret = /csms_[A-Za-z0-9_-]+/.exec(page)?.[0]
    expect(secret).toBeDefined()
    const again = await (await admin.get('/admin/organizations')).text()
    expect(again).toContain('meter app')
    expect(again).not.toContain(secret!)
  })

  test('an organization that still holds something is not deleted, with a message naming it', async () => {
    const res = await post('/admin/organizations/coop/delete', {})
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('1 API keys')
  })
})
