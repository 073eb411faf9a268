import { describe, expect, test } from 'bun:test'
import { SitesRepo } from '@src/db/repos/sites'
import { openTestDatabase } from '@src/db/testing'
import { FakeClock } from '@src/lib/fake-clock'
import { hourlyLoad, lastMonths, SiteHistory } from './site-history'
import { siteSchema } from './site-input'

describe('site load history', () => {
  test("the last months run oldest first across a year end, in the site's local time", () => {
    const months = lastMonths(Date.parse('2026-02-14T12:00:00Z'), 3, 'Europe/Stockholm')
    expect(months.map((m) => m.label)).toEqual(['2025-12', '2026-01', '2026-02'])
    expect(months[1]!.fromMinute * 60_000).toBe(Date.parse('2025-12-31T23:00:00Z'))
    expect(months[1]!.untilMinute).toBe(months[2]!.fromMinute)
    expect(months[2]!.untilMinute * 60_000).toBe(Date.parse('2026-02-28T23:00:00Z'))
  })

  test.each([
    [
      'an hour before local midnight on the 1st, UTC is still in the month before',
      '2026-02-28T22:30:00Z',
      '2026-02',
    ],
    ['at local midnight on the 1st (23:00 UTC) the month rolls over', '2026-02-28T23:00:00Z', '2026-03'],
    ['in summer the 1st begins at 22:00 UTC', '2026-06-30T22:00:00Z', '2026-07'],
    ['and a minute before it is still June', '2026-06-30T21:59:00Z', '2026-06'],
  ])('a Stockholm month: %s', (_, now, month) => {
    expect(lastMonths(Date.parse(now), 1, 'Europe/Stockholm').map((m) => m.label)).toEqual([month])
  })

  test("a site's monthly peak rolls over at local midnight on the 1st, not at midnight UTC", async () => {
    const database = await openTestDatabase()
    try {
      const sites = new SitesRepo(database.db)
      const clock = new FakeClock(Date.parse('2026-03-01T00:30:00Z'))
      const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000)
      const load = (iso: string, siteKw: number) =>
        sites.recordLoad({ siteId: 'coop', minute: minute(iso), l1A: 1, l2A: 1, l3A: 1, evKw: 0, siteKw })
      const settings = siteSchema.parse({ name: 'Co-op', mainFuseA: 63, timeZone: 'Europe/Stockholm' })
      await database.db.batch([
        sites.upsert('coop', settings, clock.now()),
        load('2026-02-28T22:10:00Z', 40),
        load('2026-02-28T23:10:00Z', 70),
      ])
      const peaks = await new SiteHistory({ sites, clock }).monthlyPeaks('coop', 2)
      expect(peaks.map((p) => [p.month, p.peakKw])).toEqual([
        ['2026-02', 40],
        ['2026-03', 70],
      ])
    } finally {
      database.remove()
    }
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
