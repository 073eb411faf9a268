import { describe, expect, test } from 'bun:test'
import { ownerFor, reachOf } from './ownership'
import type { Permission } from './permissions'
import type { Scope } from './scope'

const actor = { kind: 'system', label: 'test' } as const
const scopeOf = (everywhere: Permission[], grants: Record<string, Permission[]>): Scope => ({
  actor,
  everywhere: new Set(everywhere),
  grants: new Map(Object.entries(grants).map(([k, v]) => [k, new Set(v)])),
})

describe('ownerFor: where a new thing goes', () => {
  const platform = scopeOf(['tokens:write'], {})
  const coop = scopeOf([], { coop: ['tokens:write'], office: ['tokens:read'] })
  const two = scopeOf([], { coop: ['tokens:write'], garage: ['tokens:write'] })
  const none = scopeOf([], { coop: ['tokens:read'] })
  const cases: [string, Scope, string | undefined, ReturnType<typeof ownerFor>][] = [
    ['everywhere, nothing asked: the root', platform, undefined, { ok: true, organizationId: 'platform' }],
    ['everywhere, asked: that one', platform, 'coop', { ok: true, organizationId: 'coop' }],
    ['one writable: that one', coop, undefined, { ok: true, organizationId: 'coop' }],
    [
      'asked where only readable: refused',
      coop,
      'office',
      { ok: false, message: 'you cannot add to organization office' },
    ],
    [
      'several writable: must choose',
      two,
      undefined,
      { ok: false, message: 'choose an organization: coop, garage' },
    ],
    ['several writable, asked: that one', two, 'garage', { ok: true, organizationId: 'garage' }],
    [
      'none writable: refused',
      none,
      undefined,
      { ok: false, message: 'you hold tokens:write in no organization' },
    ],
  ]
  for (const [name, scope, requested, expected] of cases)
    test(name, () => expect(ownerFor(scope, 'tokens:write', requested, 'platform')).toEqual(expected))
})

describe('reachOf: how far a caller reaches a row', () => {
  const board = scopeOf([], { coop: ['sites:read'] })
  test("another tenant's row is hidden", () =>
    expect(reachOf(board, 'sites:read', 'sites:write', 'office')).toBe('hidden'))
  test('a readable row without the write permission is read-only', () =>
    expect(reachOf(board, 'sites:read', 'sites:write', 'coop')).toBe('read-only'))
  test('a row with both is ok', () =>
    expect(
      reachOf(scopeOf([], { coop: ['sites:read', 'sites:write'] }), 'sites:read', 'sites:write', 'coop'),
    ).toBe('ok'))
})
