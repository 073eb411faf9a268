import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { compilePolicies } from './evaluate'
import type { AccessPolicy } from './model'
import { nextTimeChange } from './policy-time'
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
})
