import { describe, expect, test } from 'bun:test'
import { builtInRole, type Role } from './roles'
import { type Actor, can, canAnywhere, organizationsWith, resolveScope } from './scope'

const actor: Actor = { kind: 'account', id: 1, label: 'a@example.com' }
const role = (id: string) => builtInRole(id) as Role
const orgs = [
  { id: 'platform', parentId: null },
  { id: 'coop', parentId: 'platform' },
  { id: 'coop-garage', parentId: 'coop' },
  { id: 'office', parentId: 'platform' },
]

describe('scope resolution', () => {
  test('a grant holds in its organization and every descendant, never in a sibling', () => {
    const s = resolveScope(actor, [{ organizationId: 'coop', role: role('org-admin') }], orgs)
    expect(can(s, 'tokens:write', 'coop')).toBe(true)
    expect(can(s, 'tokens:write', 'coop-garage')).toBe(true)
    expect(can(s, 'tokens:write', 'office')).toBe(false)
    expect(can(s, 'tokens:write', 'platform')).toBe(false)
    expect(organizationsWith(s, 'tokens:read')).toEqual(new Set(['coop', 'coop-garage']))
  })

  test('a grant in the root holds everywhere, also in organizations made later', () => {
    const s = resolveScope(actor, [{ organizationId: 'platform', role: role('platform-admin') }], orgs)
    expect(organizationsWith(s, 'billing:write')).toBe('all')
    expect(can(s, 'billing:write', 'made-tomorrow')).toBe(true)
  })

  test('a board member reads but never writes; support commands but sees no personal data or money', () => {
    const board = resolveScope(actor, [{ organizationId: 'coop', role: role('board') }], orgs)
    expect(can(board, 'transactions:read', 'coop')).toBe(true)
    expect(canAnywhere(board, 'sites:write')).toBe(false)
    expect(canAnywhere(board, 'api-keys:read')).toBe(false)
    const support = resolveScope(actor, [{ organizationId: 'office', role: role('support') }], orgs)
    expect(can(support, 'chargers:command', 'office')).toBe(true)
    expect(canAnywhere(support, 'drivers:read')).toBe(false)
    expect(canAnywhere(support, 'billing:read')).toBe(false)
  })

  test('grants in two places add up, each where it was given', () => {
    const s = resolveScope(
      actor,
      [
        { organizationId: 'coop', role: role('board') },
        { organizationId: 'office', role: role('org-admin') },
      ],
      orgs,
    )
    expect(can(s, 'sites:write', 'office')).toBe(true)
    expect(can(s, 'sites:write', 'coop')).toBe(false)
    expect(organizationsWith(s, 'sites:read')).toEqual(new Set(['coop', 'coop-garage', 'office']))
  })

  test('a parent cycle in stored data does not hang resolution', () => {
    const cyclic = [
      { id: 'platform', parentId: null },
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ]
    const s = resolveScope(actor, [{ organizationId: 'a', role: role('board') }], cyclic)
    expect(organizationsWith(s, 'sites:read')).toEqual(new Set(['a', 'b']))
  })
})
