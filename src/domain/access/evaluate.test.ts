import { describe, expect, test } from 'bun:test'
import { type AccessRequest, compilePolicies, evaluateAccess, explain } from './evaluate'
import type { AccessPlace, AccessPolicy, AccessToken } from './model'
import { policyOf } from './test-fixtures'
import { status16 } from './vocabulary'

const policy = policyOf
const token: AccessToken = {
  uid: 'T1',
  status: 'Accepted',
  expiresAt: null,
  parentUid: null,
  allowConcurrentTx: false,
  driverId: 'D1',
  householdId: 'H1',
  businessAccountId: null,
  groupIds: new Set(['visitors']),
}
const place: AccessPlace = {
  organizationChain: ['coop', 'platform'],
  siteId: 'S1',
  circuitChain: ['C1'],
  chargerId: 'CH1',
  evseId: 1,
}
const visitors = policy({
  id: 'vis',
  name: 'Visitors evenings',
  whoKind: 'group',
  whoId: 'visitors',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }],
  priceGroup: 'visitor',
})
const req = (policies: AccessPolicy[], over: Partial<AccessRequest> = {}): AccessRequest => ({
  token,
  place,
  site: { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'deny' },
  book: compilePolicies(policies),
  now: Date.parse('2026-01-14T12:00:00Z'),
  busyElsewhere: false,
  usageWh: new Map(),
  ...over,
})

describe('the access evaluator', () => {
  test('a visitor is accepted at 07:59, refused at 08:00 (NotAtThisTime) and accepted at 18:00 in Europe/Stockholm', () => {
    const at = (iso: string) => evaluateAccess(req([visitors], { now: Date.parse(iso) })).status
    expect(at('2026-01-14T06:59:00Z')).toBe('Accepted')
    expect(at('2026-01-14T07:00:00Z')).toBe('NotAtThisTime')
    expect(at('2026-01-14T17:00:00Z')).toBe('Accepted')
  })

  test('an allowing policy gives its price group, tier and session cap', () => {
    const d = evaluateAccess(
      req([policy({ priceGroup: 'resident', priorityTier: 2, maxSessionMinutes: 600 })]),
    )
    expect(d).toMatchObject({
      allowed: true,
      priceGroup: 'resident',
      priorityTier: 2,
      maxSessionMinutes: 600,
      decidedBy: { kind: 'policy', id: 'p' },
    })
  })

  test('no policy for this token here is NotAtThisLocation; elsewhere a co-op policy never applies', () => {
    expect(evaluateAccess(req([policy({ whereId: 'S2' })])).status).toBe('NotAtThisLocation')
    const other = { ...place, organizationChain: ['office', 'platform'] }
    expect(
      evaluateAccess(req([policy({ whereKind: 'organization', whereId: 'coop' })], { place: other })).status,
    ).toBe('NotAtThisLocation')
    expect(evaluateAccess(req([policy({ whereKind: 'organization', whereId: 'coop' })])).status).toBe(
      'Accepted',
    )
  })

  test('the first matching policy decides: a deny before an allow refuses', () => {
    const deny = policy({ id: 'd', effect: 'deny', whoKind: 'token', whoId: 'T1', position: 0 })
    expect(evaluateAccess(req([policy({}), deny])).decidedBy).toEqual({ kind: 'policy', id: 'd', name: 'p' })
  })

  test('a spent budget falls through to later policies, and is NoCredit when none allows', () => {
    const budget = policy({ id: 'b', whoKind: 'household', whoId: 'H1', monthlyKwhBudget: '100.5' })
    const usage = (wh: number) => new Map([['household:H1', wh]])
    expect(evaluateAccess(req([budget], { usageWh: usage(100_499) })).status).toBe('Accepted')
    expect(evaluateAccess(req([budget], { usageWh: usage(100_500) })).status).toBe('NoCredit')
    const publicPrice = policy({ id: 'pub', position: 2, priceGroup: 'public' })
    expect(evaluateAccess(req([budget, publicPrice], { usageWh: usage(200_000) })).priceGroup).toBe('public')
  })

  test('the site default decides when no policy matches', () => {
    const site = { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'allowAccepted' as const }
    expect(evaluateAccess(req([], { site })).decidedBy).toEqual({ kind: 'default', value: 'allowAccepted' })
  })

  test('token status keeps today’s answers: unknown Invalid, stored Blocked, Expired', () => {
    expect(evaluateAccess(req([policy({})], { token: undefined })).status).toBe('Invalid')
    expect(evaluateAccess(req([policy({})], { token: { ...token, status: 'Blocked' } })).status).toBe(
      'Blocked',
    )
    expect(evaluateAccess(req([policy({})], { token: { ...token, expiresAt: 1 } })).status).toBe('Expired')
  })

  test('per-EVSE and circuit policies match only their EVSE and circuit', () => {
    const evse2 = policy({ whereKind: 'evse', whereId: 'CH1', whereSub: '2' })
    expect(evaluateAccess(req([evse2])).status).toBe('NotAtThisLocation')
    expect(evaluateAccess(req([evse2], { place: { ...place, evseId: 2 } })).status).toBe('Accepted')
    expect(
      evaluateAccess(req([policy({ whereKind: 'circuit', whereId: 'S1', whereSub: 'C1' })])).status,
    ).toBe('Accepted')
  })

  test('a holiday-excluding policy does not allow on a site holiday', () => {
    const site = { timeZone: 'Europe/Stockholm', holidays: ['2026-01-14'], accessDefault: 'deny' as const }
    expect(evaluateAccess(req([policy({ holidays: 'exclude' })], { site })).status).toBe('NotAtThisTime')
    expect(evaluateAccess(req([policy({ holidays: 'only' })], { site })).status).toBe('Accepted')
  })

  test('validUntil is the earlier of the policy end and the token expiry', () => {
    const end = Date.parse('2026-02-01T00:00:00Z')
    expect(evaluateAccess(req([policy({ validUntil: end })])).validUntil).toBe(end)
    expect(
      evaluateAccess(req([policy({ validUntil: end })], { token: { ...token, expiresAt: end - 1 } }))
        .validUntil,
    ).toBe(end - 1)
  })

  test('an evening visitor is valid until 08:00 local, the end of the window', () => {
    const d = evaluateAccess(req([visitors], { now: Date.parse('2026-01-14T19:00:00Z') }))
    expect(d.validUntil).toBe(Date.parse('2026-01-15T07:00:00Z'))
  })

  test('explain names the policy and why it did not allow', () => {
    expect(explain(evaluateAccess(req([visitors])))).toEqual([
      '"Visitors evenings" allows this token here, but not at this time',
      'the site default (deny) decided: NotAtThisTime',
    ])
  })
})

describe('version vocabulary', () => {
  test.each([
    ['NotAtThisTime', 'Blocked'],
    ['NoCredit', 'Blocked'],
    ['NotAtThisLocation', 'Invalid'],
    ['NotAllowedTypeEVSE', 'Invalid'],
    ['Unknown', 'Invalid'],
    ['ConcurrentTx', 'ConcurrentTx'],
  ] as const)('1.6 reads %s as %s', (neutral, v16) => {
    expect(status16(neutral)).toBe(v16)
  })
})
