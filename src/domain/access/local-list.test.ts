import { describe, expect, test } from 'bun:test'
import { compilePolicies } from './evaluate'
import { compileLocalList, type LocalListInput } from './local-list'
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
