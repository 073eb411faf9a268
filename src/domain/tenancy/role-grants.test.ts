import { describe, expect, test } from 'bun:test'
import type { Permission } from './permissions'
import {
  beyondScope,
  grantRefusal,
  lastAdminRefusal,
  type OfferedRole,
  selfLockoutRefusal,
} from './role-grants'
import { builtInRole, type Role } from './roles'
import { resolveScope, type Scope } from './scope'

const tree = [
  { id: 'platform', parentId: null },
  { id: 'coop', parentId: 'platform' },
  { id: 'office', parentId: 'platform' },
]
const me = { kind: 'account', id: 7, label: 'me@coop.example' } as const
const role = (id: string) => builtInRole(id) as Role
const coopAdmin = resolveScope(me, [{ organizationId: 'coop', role: role('org-admin') }], tree)
const coopBoard = resolveScope(me, [{ organizationId: 'coop', role: role('board') }], tree)
const platformAdmin = resolveScope(me, [{ organizationId: 'platform', role: role('platform-admin') }], tree)
const offer = (id: string, organizationId: string | null = null): OfferedRole => ({
  id,
  organizationId,
  permissions: role(id).permissions,
})
const custom = (organizationId: string, permissions: Permission[]): OfferedRole => ({
  id: 'r1',
  organizationId,
  permissions: new Set(permissions),
})

describe('grantRefusal: no role gives more than the granter holds there', () => {
  const cases: [string, Scope, OfferedRole, string, string | undefined][] = [
    ['an org admin gives board in its organization', coopAdmin, offer('board'), 'coop', undefined],
    ['an org admin gives org admin in its organization', coopAdmin, offer('org-admin'), 'coop', undefined],
    [
      'an org admin gives nothing in another tenant',
      coopAdmin,
      offer('board'),
      'office',
      'this role holds permissions you do not hold there: audit:read, billing:read, chargers:read, drivers:read, groups:read, organizations:read, policies:read, reports:read, sites:read, tariffs:read, tokens:read, transactions:read',
    ],
    [
      'platform admin only in the root',
      platformAdmin,
      offer('platform-admin'),
      'coop',
      'the platform admin role is held in the platform organization only',
    ],
    [
      'platform admin in the root, by a platform admin',
      platformAdmin,
      offer('platform-admin'),
      'platform',
      undefined,
    ],
    [
      'a board member gives no support role (it lacks chargers:command)',
      coopBoard,
      offer('support'),
      'coop',
      'this role holds permissions you do not hold there: chargers:command',
    ],
    ['a custom role in its own organization', coopAdmin, custom('coop', ['sites:read']), 'coop', undefined],
    [
      "another organization's custom role",
      platformAdmin,
      custom('office', ['sites:read']),
      'coop',
      'the role r1 belongs to another organization',
    ],
  ]
  for (const [name, scope, r, org, expected] of cases)
    test(name, () => expect(grantRefusal(scope, r, org, 'platform')).toBe(expected))

  test('beyondScope lists exactly the missing permissions, sorted', () =>
    expect(beyondScope(coopBoard, ['tokens:write', 'sites:read', 'accounts:write'], 'coop')).toEqual([
      'accounts:write',
      'tokens:write',
    ]))
})

describe('lastAdminRefusal: the platform keeps an admin', () => {
  test('the last platform admin can neither be removed nor demoted', () => {
    const msg = 'this is the last platform admin: make another account platform admin first'
    expect(
      lastAdminRefusal({ operatorId: 1, organizationId: 'platform', roleId: null }, [1], 'platform'),
    ).toBe(msg)
    expect(
      lastAdminRefusal({ operatorId: 1, organizationId: 'platform', roleId: 'board' }, [1], 'platform'),
    ).toBe(msg)
  })
  test('with two, one may go; other memberships and other accounts are not concerned', () => {
    expect(
      lastAdminRefusal({ operatorId: 1, organizationId: 'platform', roleId: null }, [1, 2], 'platform'),
    ).toBe(undefined)
    expect(lastAdminRefusal({ operatorId: 1, organizationId: 'coop', roleId: null }, [1], 'platform')).toBe(
      undefined,
    )
    expect(
      lastAdminRefusal({ operatorId: 3, organizationId: 'platform', roleId: null }, [1], 'platform'),
    ).toBe(undefined)
  })
})

describe('selfLockoutRefusal: never lock yourself out', () => {
  const admin = { organizationId: 'coop', role: role('org-admin') }
  test('demoting yourself to board in the only place you administer is refused', () =>
    expect(
      selfLockoutRefusal(
        coopAdmin,
        { operatorId: 7, organizationId: 'coop', roleId: 'board' },
        [{ organizationId: 'coop', role: role('board') }],
        tree,
      ),
    ).toContain('you would lose accounts:write'))
  test('removing a membership you do not need (a platform admin leaving the co-op) is fine', () =>
    expect(
      selfLockoutRefusal(
        platformAdmin,
        { operatorId: 7, organizationId: 'coop', roleId: null },
        [{ organizationId: 'platform', role: role('platform-admin') }],
        tree,
      ),
    ).toBe(undefined))
  test("someone else's membership is not your lockout", () =>
    expect(
      selfLockoutRefusal(coopAdmin, { operatorId: 8, organizationId: 'coop', roleId: null }, [admin], tree),
    ).toBe(undefined))
})
