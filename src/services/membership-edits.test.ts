import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { accountServices } from '@src/testing/accounts'

let s: Awaited<ReturnType<typeof accountServices>>
let root: Awaited<ReturnType<typeof s.account>>
let coopAdmin: Awaited<ReturnType<typeof s.account>>
let board: Awaited<ReturnType<typeof s.account>>

beforeAll(async () => {
  s = await accountServices()
  root = await s.account('root@example.com', 'platform', 'platform-admin')
  coopAdmin = await s.account('admin@coop.example', 'coop', 'org-admin')
  board = await s.account('board@coop.example', 'coop', 'board')
})
afterAll(() => s.database.remove())

const roleIn = async (id: number, org: string) =>
  (await s.accounts.membershipsOf(id)).find((m) => m.organizationId === org)?.roleId

describe('changing a role and removing a member', () => {
  test('an org admin makes a board member support, then removes them; both audited', async () => {
    const scope = await coopAdmin.scope()
    expect(await s.memberships.changeRole(scope, board.id, 'coop', 'support')).toMatchObject({ ok: true })
    expect(await roleIn(board.id, 'coop')).toBe('support')
    expect(await s.memberships.remove(scope, board.id, 'coop')).toMatchObject({ ok: true })
    expect(await roleIn(board.id, 'coop')).toBeUndefined()
    expect(await s.actions()).toEqual(['membership.role-changed', 'membership.removed'])
  })

  test('never beyond the changer: no platform admin role in the co-op', async () => {
    const out = await s.memberships.changeRole(
      await coopAdmin.scope(),
      coopAdmin.id,
      'coop',
      'platform-admin',
    )
    expect(out).toMatchObject({ ok: false, status: 403 })
  })

  test("another tenant's member is unknown; a board member may see but not change", async () => {
    const office = await s.account('admin@office.example', 'office', 'org-admin')
    expect(await s.memberships.remove(await office.scope(), coopAdmin.id, 'coop')).toMatchObject({
      status: 404,
    })
    const b = await s.account('board2@coop.example', 'coop', 'board')
    expect(await s.memberships.remove(await b.scope(), coopAdmin.id, 'coop')).toMatchObject({ status: 404 })
    const reader = await s.account('reader@coop.example', 'coop', 'org-admin')
    await s.memberships.changeRole(await coopAdmin.scope(), reader.id, 'coop', 'org-admin')
    expect(await roleIn(reader.id, 'coop')).toBe('org-admin')
  })

  test('never yourself out: the only co-op admin cannot demote or remove itself', async () => {
    const scope = await coopAdmin.scope()
    const demote = await s.memberships.changeRole(scope, coopAdmin.id, 'coop', 'board')
    expect(demote).toMatchObject({ ok: false, status: 409 })
    expect((demote as { message: string }).message).toContain('you would lose accounts:write')
    expect(await s.memberships.remove(scope, coopAdmin.id, 'coop')).toMatchObject({ ok: false, status: 409 })
    expect(await roleIn(coopAdmin.id, 'coop')).toBe('org-admin')
  })

  test('never the last platform admin; with a second one, the first may step down', async () => {
    const last = await s.memberships.remove(await root.scope(), root.id, 'platform')
    expect(last).toMatchObject({
      ok: false,
      status: 409,
      message: 'this is the last platform admin: make another account platform admin first',
    })
    const second = await s.account('root2@example.com', 'platform', 'platform-admin')
    expect(await s.memberships.remove(await second.scope(), root.id, 'platform')).toMatchObject({ ok: true })
  })
})
