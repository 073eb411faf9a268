import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { compilePolicies } from './evaluate'
import { compileLocalList, type LocalListInput, listShape } from './local-list'
import type { AccessPlace, AccessToken } from './model'
import { policyOf } from './test-fixtures'

const policy = policyOf
const token = (uid: string, group: string, status = 'Accepted'): AccessToken => ({
  uid,
  status,
  expiresAt: null,
  parentUid: null,
  allowConcurrentTx: false,
  driverId: null,
  householdId: null,
  businessAccountId: null,
  groupIds: new Set([group]),
})
const evse = (evseId: number): AccessPlace => ({
  organizationChain: ['coop'],
  siteId: 'S1',
  circuitChain: [],
  chargerId: 'CH1',
  evseId,
})
const policies = [
  policy({ id: 'res', whoKind: 'group', whoId: 'residents' }),
  policy({
    id: 'vis',
    whoKind: 'group',
    whoId: 'visitors',
    windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
  }),
  policy({ id: 'e1', whoKind: 'group', whoId: 'staff', whereKind: 'evse', whereId: 'CH1', whereSub: '1' }),
]
const input = (over: Partial<LocalListInput> = {}): LocalListInput => ({
  tokens: [
    token('R', 'residents'),
    token('V', 'visitors'),
    token('S', 'staff'),
    token('X', 'residents', 'Blocked'),
  ],
  evses: [evse(1), evse(2)],
  site: { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'deny' },
  book: compilePolicies(policies),
  now: Date.parse('2026-01-14T12:00:00Z'),
  usageWh: new Map(),
  maxEntries: null,
  offlineAcceptsUnknown: true,
  ...over,
})

describe('a charger local list', () => {
  test('at noon a visitor is listed refused, and the list changes at 18:00 local', () => {
    const list = compileLocalList(input())
    expect(list.entries.find((e) => e.idTag === 'V')?.status).toBe('NotAtThisTime')
    expect(list.nextChangeAt).toBe(Date.parse('2026-01-14T17:00:00Z'))
  })

  test('in the evening a visitor is accepted until 08:00 local', () => {
    const list = compileLocalList(input({ now: Date.parse('2026-01-14T19:00:00Z') }))
    expect(list.entries.find((e) => e.idTag === 'V')).toEqual({
      idTag: 'V',
      status: 'Accepted',
      expiresAt: Date.parse('2026-01-15T07:00:00Z'),
    })
  })

  test('a token allowed on one EVSE only is refused offline on the whole charger', () => {
    expect(compileLocalList(input()).entries.find((e) => e.idTag === 'S')?.status).toBe('NotAtThisLocation')
  })

  test('refusals are omitted when the charger refuses unknown ids offline anyway', () => {
    expect(compileLocalList(input({ offlineAcceptsUnknown: false })).entries.map((e) => e.idTag)).toEqual([
      'R',
    ])
  })

  test('truncation keeps accepted tokens first, then blocked cards, then policy refusals', () => {
    const list = compileLocalList(input({ maxEntries: 2 }))
    expect(list.entries.map((e) => e.idTag)).toEqual(['R', 'X'])
    expect(list.dropped).toBe(2)
  })
})

describe('a list shape', () => {
  const at = (
    chargerId: string,
    evseIds: readonly number[],
    circuitChain: readonly string[] = [],
  ): AccessPlace[] =>
    evseIds.map((evseId) => ({ organizationChain: ['coop'], siteId: 'S1', circuitChain, chargerId, evseId }))

  test('chargers that only site and organization policies cover share a shape and a list', () => {
    const book = compilePolicies(policies.filter((p) => p.whereKind !== 'evse'))
    const a = input({ book, evses: at('CH1', [1, 2]) })
    const b = input({ book, evses: at('CH7', [1, 2]) })
    expect(listShape(a)).toBe(listShape(b))
    expect(compileLocalList(a)).toEqual(compileLocalList(b))
  })

  test('a policy on one EVSE, another instant, limit, offline setting or site default changes the shape', () => {
    const base = listShape(input({ evses: at('CH7', [1, 2]) }))
    expect(listShape(input({ evses: at('CH1', [1, 2]) }))).not.toBe(base)
    expect(listShape(input({ evses: at('CH7', [1, 2]), now: Date.parse('2026-01-14T12:00:01Z') }))).not.toBe(
      base,
    )
    expect(listShape(input({ evses: at('CH7', [1, 2]), maxEntries: 2 }))).not.toBe(base)
    expect(listShape(input({ evses: at('CH7', [1, 2]), offlineAcceptsUnknown: false }))).not.toBe(base)
    const allow = { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'allowAccepted' } as const
    expect(listShape(input({ evses: at('CH7', [1, 2]), site: allow }))).not.toBe(base)
    expect(listShape(input({ evses: at('CH7', [1]) }))).not.toBe(base)
  })

  test('inputs of the same shape compile to the same list, whatever the places and policies', () => {
    const charger = fc.constantFrom('CH1', 'CH2', 'CH3')
    const where = fc.oneof(
      fc.constant({ whereKind: 'site' as const, whereId: 'S1', whereSub: null }),
      fc.constant({ whereKind: 'organization' as const, whereId: 'coop', whereSub: null }),
      fc.constant({ whereKind: 'circuit' as const, whereId: 'S1', whereSub: 'C1' }),
      charger.map((id) => ({ whereKind: 'charger' as const, whereId: id, whereSub: null })),
      fc
        .tuple(charger, fc.constantFrom('1', '2'))
        .map(([id, sub]) => ({ whereKind: 'evse' as const, whereId: id, whereSub: sub })),
    )
    const rule = fc.record({
      where,
      effect: fc.constantFrom('allow' as const, 'deny' as const),
      group: fc.constantFrom('residents', 'visitors', 'staff'),
    })
    const place = fc.record({
      chargerId: charger,
      evses: fc.constantFrom([1], [1, 2], [2]),
      circuits: fc.constantFrom([], ['C1']),
    })
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 5 }), place, place, (rules, p, q) => {
        const book = compilePolicies(
          rules.map((r, i) =>
            policy({
              id: `p${i}`,
              position: i,
              effect: r.effect,
              whoKind: 'group',
              whoId: r.group,
              ...r.where,
            }),
          ),
        )
        const a = input({ book, evses: at(p.chargerId, p.evses, p.circuits) })
        const b = input({ book, evses: at(q.chargerId, q.evses, q.circuits) })
        if (listShape(a) === listShape(b)) expect(compileLocalList(a)).toEqual(compileLocalList(b))
      }),
    )
  })
})
