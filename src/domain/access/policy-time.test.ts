import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { type CompiledPolicy, compilePolicies } from './evaluate'
import type { AccessPolicy, SiteAccess } from './model'
import { holidaySet, nextTimeChange, timeMatches } from './policy-time'
import { policyOf } from './test-fixtures'
import { compileWindows, insideWindows } from './windows'
import { wallTime } from './zone-time'

const site = { timeZone: 'Europe/Stockholm', holidays: [], accessDefault: 'deny' as const }
const compiled = (windows: AccessPolicy['windows']) =>
  compilePolicies([policyOf({ organizationId: 'o', position: 0, whereId: 'S', windows })]).byOrganization.get(
    'o',
  )![0]!

describe('when a policy next changes', () => {
  test('an evening window seen at 19:00 ends at 08:00 local; across the October change that is 07:00 UTC', () => {
    const c = compiled([{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }])
    expect(nextTimeChange(c, site, Date.parse('2026-10-24T17:00:00Z'))).toBe(
      Date.parse('2026-10-25T07:00:00Z'),
    )
    expect(nextTimeChange(c, site, Date.parse('2026-03-28T18:00:00Z'))).toBe(
      Date.parse('2026-03-29T06:00:00Z'),
    )
  })

  test('a window opening in the March gap opens at 03:00 CEST', () => {
    const c = compiled([{ days: [7], from: '02:30', to: '05:00' }])
    expect(nextTimeChange(c, site, Date.parse('2026-03-29T00:00:00Z'))).toBe(
      Date.parse('2026-03-29T01:00:00Z'),
    )
  })

  test('always-open policies never change by time', () => {
    expect(nextTimeChange(compiled([]), site, Date.parse('2026-03-29T00:00:00Z'))).toBeNull()
  })

  test('the change found is the first minute at which the answer differs (minute scan)', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
    const win = fc.record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      from: hhmm,
      to: hhmm,
    })
    fc.assert(
      fc.property(
        fc.array(win, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: -2880, max: 2880 }),
        (ws, m) => {
          const open = (t: number) => insideWindows(compileWindows(ws), wallTime(site.timeZone, t))
          const now = Date.parse('2026-10-25T01:00:00Z') + m * 60_000
          const next = nextTimeChange(compiled(ws), site, now)
          const end = next ?? now + 8 * 1440 * 60_000
          for (let t = now; t < end; t += 60_000) expect(open(t)).toBe(open(now))
          if (next !== null) expect(open(next)).not.toBe(open(now))
        },
      ),
      { numRuns: 25 },
    )
  })

  test('the computed change equals the minute scan across zones, DST changes, holidays and validity', () => {
    const zones = [
      'Europe/Stockholm',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'UTC',
    ]
    const changes = [
      '2026-03-08T07:00:00Z',
      '2026-03-29T01:00:00Z',
      '2026-04-05T00:00:00Z',
      '2026-09-06T04:00:00Z',
      '2026-10-25T01:00:00Z',
      '2026-11-01T06:00:00Z',
    ]
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
    const win = fc.record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      from: hhmm,
      to: hhmm,
    })
    const bound = fc.option(fc.integer({ min: -3 * 1440, max: 10 * 1440 * 60 }), { nil: null })
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...changes),
        fc.integer({ min: -3 * 1440 * 60, max: 3 * 1440 * 60 }),
        fc.array(win, { maxLength: 3 }),
        fc.constantFrom('ignore', 'exclude', 'only') as fc.Arbitrary<AccessPolicy['holidays']>,
        fc.uniqueArray(fc.integer({ min: -3, max: 9 }), { maxLength: 3 }),
        bound,
        bound,
        (timeZone, change, seconds, windows, holidays, holidayOffsets, from, until) => {
          const now = Date.parse(change) + seconds * 1000
          const dates = holidayOffsets.map((d) => new Date(now + d * 86_400_000).toISOString().slice(0, 10))
          const zoneSite = { timeZone, holidays: dates, accessDefault: 'deny' as const }
          const policy = policyOf({
            organizationId: 'o',
            windows,
            holidays,
            validFrom: from === null ? null : now + from * 1000,
            validUntil: until === null ? null : now + until * 1000,
          })
          const c = compilePolicies([policy]).byOrganization.get('o')![0]!
          expect(nextTimeChange(c, zoneSite, now)).toBe(minuteScan(c, zoneSite, now))
        },
      ),
      { numRuns: 150 },
    )
  })
})

/** The reference: the minute-by-minute scan `nextTimeChange` replaced, kept here as the oracle. */
function minuteScan(c: CompiledPolicy, s: SiteAccess, now: number): number | null {
  const holidays = holidaySet(s.holidays)
  const at = (t: number) => timeMatches(c, wallTime(s.timeZone, t), holidays, t)
  const p = c.policy
  const always = c.windows.length === 0 && p.holidays === 'ignore'
  const bounds = [p.validFrom, p.validUntil].filter((b): b is number => b !== null && b > now)
  if (always) return bounds.length ? Math.min(...bounds) : null
  const first = Math.floor(now / 60_000) * 60_000 + 60_000
  const v0 = at(now)
  for (let i = 0, t = first; i < 8 * 1440; i++, t += 60_000) {
    const b = bounds.find((x) => x <= t)
    if (b !== undefined && at(b) !== v0) return b
    if (at(t) !== v0) return t
  }
  return null
}
