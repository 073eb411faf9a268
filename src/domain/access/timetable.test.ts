import { describe, expect, test } from 'bun:test'
import type { SiteAccess } from './model'
import { policyOf } from './test-fixtures'
import { type TimetableRow, timetable } from './timetable'

const deny: SiteAccess = { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'deny' }
const place = { siteId: 'S1', organizationChain: ['coop', 'platform'], chargerIds: ['CP1', 'CP2'] }
/** Tuesday 2026-12-01 12:00 UTC. */
const AT = Date.UTC(2026, 11, 1, 12)
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]
const evenings = policyOf({
  id: 'eve',
  name: 'Visitors evenings',
  whoKind: 'group',
  whoId: 'visitors',
  windows: [{ days: EVERY_DAY, from: '18:00', to: '08:00' }],
})

/** A row's day as a string of slots: A allowed, d denied, ~ mixed. */
const day = (row: TimetableRow | undefined, weekday: number) =>
  (row?.days[weekday - 1] ?? []).map((c) => (c.mixed ? '~' : c.allowed ? 'A' : 'd')).join('')
const hours = (spec: string) => [...spec].map((c) => c + c).join('')

describe('the weekly timetable of a site', () => {
  test('an evening window allows its group 18:00–08:00 every day; the default row is the site default', () => {
    const t = timetable(deny, place, [evenings], AT)
    expect(t.rows.map((r) => [r.who.kind, r.who.id, r.isDefault])).toEqual([
      ['group', 'visitors', false],
      ['anyone', null, true],
    ])
    const allMorningEvening = hours('AAAAAAAAddddddddddAAAAAA')
    for (let d = 1; d <= 7; d++) expect(day(t.rows[0], d)).toBe(allMorningEvening)
    expect(day(t.rows[1], 3)).toBe(hours('dddddddddddddddddddddddd'))
    expect(t.rows[0]?.days[0]?.[36]).toEqual({ allowed: true, policyId: 'eve', mixed: false })
    expect(t.rows[0]?.days[0]?.[24]).toEqual({ allowed: false, policyId: null, mixed: false })
  })

  test.each([
    // window, weekday, expected hours (A allowed, d denied) on a deny site
    [{ days: [5], from: '18:00', to: '08:00' }, 5, 'ddddddddddddddddddAAAAAA'],
    [{ days: [5], from: '18:00', to: '08:00' }, 6, 'AAAAAAAAdddddddddddddddd'],
    [{ days: [5], from: '18:00', to: '08:00' }, 4, 'dddddddddddddddddddddddd'],
    [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '17:00' }, 1, 'dddddddAAAAAAAAAAddddddd'],
    [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '17:00' }, 7, 'dddddddddddddddddddddddd'],
  ])('a window %j on weekday %i', (window, weekday, expected) => {
    const t = timetable(deny, place, [policyOf({ windows: [window] })], AT, 60)
    expect(t.rows).toHaveLength(1)
    expect(day(t.rows[0], weekday)).toBe(expected)
  })

  test('a window edge inside a slot marks it mixed', () => {
    const p = policyOf({ windows: [{ days: [1], from: '18:15', to: '19:00' }] })
    const slots = timetable(deny, place, [p], AT).rows[0]?.days[0] ?? []
    expect([slots[35]?.mixed, slots[36]?.mixed, slots[36]?.allowed, slots[37]?.allowed]).toEqual([
      false,
      true,
      false,
      true,
    ])
  })

  test('the first policy in order decides; a deny before an allow wins, an anyone policy applies to every row', () => {
    const board = policyOf({ id: 'board', whoKind: 'group', whoId: 'board', position: 3 })
    const nightDeny = policyOf({
      id: 'night',
      effect: 'deny',
      position: 1,
      windows: [{ days: EVERY_DAY, from: '02:00', to: '04:00' }],
    })
    const t = timetable(deny, place, [board, { ...evenings, position: 2 }, nightDeny], AT, 60)
    const boardRow = t.rows.find((r) => r.who.id === 'board')
    expect(day(boardRow, 2)).toBe('AAddAAAAAAAAAAAAAAAAAAAA')
    expect(boardRow?.days[1]?.[2]?.policyId).toBe('night')
    const anyone = t.rows.find((r) => r.isDefault)
    expect(day(anyone, 2)).toBe('dddddddddddddddddddddddd')
    expect(t.rows.filter((r) => r.isDefault)).toHaveLength(1)
  })

  test("the nearest organization's rules come first: a co-op deny beats an operator allow", () => {
    const operator = policyOf({
      id: 'op',
      organizationId: 'platform',
      whereKind: 'organization',
      whereId: 'platform',
    })
    const coop = policyOf({ id: 'co', effect: 'deny', position: 9 })
    const t = timetable(deny, place, [operator, coop], AT, 60)
    expect(t.rows[0]?.days[0]?.[0]).toEqual({ allowed: false, policyId: 'co', mixed: false })
  })

  test('policies of other sites and organizations are left out; a charger policy gets its own row', () => {
    const other = policyOf({ id: 'x', whereId: 'S2' })
    const office = policyOf({ id: 'o', organizationId: 'office' })
    const cp1 = policyOf({ id: 'c', whereKind: 'charger', whereId: 'CP1', whoKind: 'token', whoId: 'T1' })
    const evse = policyOf({
      id: 'e',
      whereKind: 'evse',
      whereId: 'CP1',
      whereSub: '2',
      whoKind: 'token',
      whoId: 'T1',
    })
    const t = timetable(deny, place, [other, office, cp1, evse], AT, 60)
    expect(t.rows.map((r) => `${r.who.kind}:${r.where.kind}:${r.where.id}:${r.where.sub}`)).toEqual([
      'token:charger:CP1:null',
      'token:evse:CP1:2',
      'anyone:site:S1:null',
    ])
    expect(t.rows[1]?.days[0]?.[0]?.policyId).toBe('c')
  })

  test('disabled, not-yet-valid and holiday-only policies are noted; holiday-only ones never fill the grid', () => {
    const off = policyOf({ id: 'off', name: 'Off', enabled: false })
    const later = policyOf({ id: 'later', name: 'Later', validFrom: AT + 86_400_000 })
    const only = policyOf({ id: 'only', name: 'Only', holidays: 'only', whoKind: 'group', whoId: 'g' })
    const skip = policyOf({ id: 'skip', name: 'Skip', holidays: 'exclude', whoKind: 'group', whoId: 'h' })
    const site = { ...deny, holidays: ['2026-12-25', '2026-06-19', '2026-12-01'] }
    const t = timetable(site, place, [off, later, only, skip], AT, 60)
    expect(t.notes.map((n) => `${n.policyId}:${n.note}`)).toEqual([
      'off:disabled',
      'later:notValidNow',
      'only:holidaysOnly',
      'skip:notOnHolidays',
    ])
    expect(
      day(
        t.rows.find((r) => r.who.id === 'g'),
        1,
      ),
    ).toBe('dddddddddddddddddddddddd')
    expect(
      day(
        t.rows.find((r) => r.who.id === 'h'),
        1,
      ),
    ).toBe('AAAAAAAAAAAAAAAAAAAAAAAA')
    expect(t.holidays).toEqual(['2026-12-01', '2026-12-25'])
  })

  test('on a site that allows any accepted token, the default row is allowed throughout', () => {
    const t = timetable({ ...deny, accessDefault: 'allowAccepted' }, place, [], AT, 60)
    expect(t.rows).toHaveLength(1)
    for (let d = 1; d <= 7; d++) expect(day(t.rows[0], d)).toBe('A'.repeat(24))
  })
})
