import { describe, expect, test } from 'bun:test'
import { hourlyLoad, lastMonths } from './site-history'

describe('site load history', () => {
  test('the last months run oldest first across a year end, in local time', () => {
    const months = lastMonths(new Date(2026, 1, 14, 12).getTime(), 3)
    expect(months.map((m) => m.label)).toEqual(['2025-12', '2026-01', '2026-02'])
    expect(months[1]!.fromMinute * 60_000).toBe(new Date(2026, 0, 1).getTime())
    expect(months[1]!.untilMinute).toBe(months[2]!.fromMinute)
  })

  test('minutes become hours: mean power, highest current per phase', () => {
    const row = (minute: number, siteKw: number, l1A: number) => ({
      siteId: 's',
      minute,
      l1A,
      l2A: 1,
      l3A: 2,
      evKw: siteKw / 2,
      siteKw,
    })
    const hours = hourlyLoad([row(120, 10, 5), row(121, 20, 9), row(180, 4, 3)])
    expect(hours).toEqual([
      { at: 2 * 3_600_000, siteKw: 15, evKw: 7.5, maxA: [9, 1, 2] },
      { at: 3 * 3_600_000, siteKw: 4, evKw: 2, maxA: [3, 1, 2] },
    ])
  })
})
