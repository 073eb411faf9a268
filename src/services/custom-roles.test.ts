import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { accountServices } from '@src/testing/accounts'

let s: Awaited<ReturnType<typeof accountServices>>
let coopAdmin: Awaited<ReturnType<typeof s.account>>

beforeAll(async () => {
  s = await accountServices()
  coopAdmin = await s.account('admin@coop.example', 'coop', 'org-admin')
})
afterAll(() => s.database.remove())

describe('custom roles', () => {
  test('made in the maker’s organization, changed, listed only there, each change audited', async () => {
    const scope = await coopAdmin.scope()
    const made = await s.roles.create(scope, {
      name: 'Caretaker',
      permissions: ['sites:read', 'chargers:command'],
    })
    if (!made.ok) throw new Error(made.message)
    expect(made.role).toMatchObject({
      organizationId: 'coop',
      permissions: ['sites:read', 'chargers:command'],
    })
    const changed = await s.roles.update(scope, made.role.id, {
      name: 'Janitor',
      permissions: ['sites:read'],
    })
    expect(changed).toMatchObject({ ok: true, role: { name: 'Janitor', permissions: ['sites:read'] } })
    const office = await s.account('admin@office.example', 'office', 'org-admin')
    expect(await s.roles.list(await office.scope())).toEqual([])
    expect(
      await s.roles.update(await office.scope(), made.role.id, { name: 'x', permissions: ['sites:read'] }),
    ).toMatchObject({ ok: false, status: 404 })
    expect(await s.actions()).toEqual(['role.created', 'role.changed'])
  })

  test('may not hold a permission its maker lacks there', async () => {
    const support = await s.account('support@coop.example', 'coop', 'support')
    const root = await s.account('root@example.com', 'platform', 'platform-admin')
    const rootScope = await root.scope()
    // A platform admin makes a role whose maker holds everything; support lacks accounts:write anyway.
    expect(
      await s.roles.create(await support.scope(), { name: 'x', permissions: ['sites:read'] }),
    ).toMatchObject({
      ok: false,
    })
    const byRoot = await s.roles.create(rootScope, {
      organizationId: 'coop',
      name: 'All',
      permissions: ['billing:write'],
    })
    expect(byRoot.ok).toBe(true)
    const limited = s.scopeOf([['coop', 'org-admin']])
    const beyond = await s.roles.create(limited, {
      organizationId: 'office',
      name: 'Sneaky',
      permissions: ['sites:read'],
    })
    expect(beyond).toMatchObject({ ok: false, status: 400, message: 'you cannot add to organization office' })
  })

  test('refuses unknown permissions, no permission and no name, with clear messages', async () => {
    const scope = await coopAdmin.scope()
    expect(await s.roles.create(scope, { name: 'x', permissions: ['rockets:launch'] })).toMatchObject({
      message: 'unknown permissions: rockets:launch',
    })
    expect(await s.roles.create(scope, { name: 'x', permissions: [] })).toMatchObject({
      message: 'choose at least one permission',
    })
    expect(await s.roles.create(scope, { name: ' ', permissions: ['sites:read'] })).toMatchObject({
      status: 400,
    })
  })

  test('deleting a role in use is refused with who uses it; unused, it goes', async () => {
    const scope = await coopAdmin.scope()
    const made = await s.roles.create(scope, { name: 'Readers', permissions: ['sites:read'] })
    if (!made.ok) throw new Error(made.message)
    await s.account('reader@coop.example', 'coop', made.role.id)
    await s.invites.create(scope, { email: 'later@coop.example', roleId: made.role.id })
    const refused = await s.roles.remove(scope, made.role.id)
    expect(refused).toMatchObject({
      ok: false,
      status: 409,
      message:
        'the role Readers is in use by reader@coop.example, later@coop.example (invited): give them another role first',
    })
    const other = await s.roles.create(scope, { name: 'Unused', permissions: ['sites:read'] })
    expect(other.ok && (await s.roles.remove(scope, other.role.id))).toMatchObject({ ok: true })
  })

  test('assignable: built-in roles the caller may give, and the organization’s own', async () => {
    const ids = (await s.roles.assignable(await coopAdmin.scope(), 'coop')).map((r) => r.id)
    expect(ids).toContain('board')
    expect(ids).toContain('org-admin')
    expect(ids).not.toContain('platform-admin')
    expect(ids.some((id) => id.startsWith('role-'))).toBe(true)
  })
})
