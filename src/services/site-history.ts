import type { SitesRepo } from '@src/db/repos/sites'
import type { SiteLoadMinute } from '@src/domain/site/site-config'
import { DEFAULT_TIME_ZONE, localTime, monthLabel, zonedInstant } from '@src/domain/site/time-zone'
import type { Clock } from '@src/lib/clock'

/** A calendar month in a site's time zone. */
export interface Month {
  /** `2026-05` */
  label: string
  /** First and first-after minute (minutes since the epoch, as `site_load.minute`). */
  fromMinute: number
  untilMinute: number
}

/**
 * The last `count` months up to the one holding `now`, oldest first, in `timeZone`: a month runs from
 * local midnight on the 1st to local midnight on the next 1st, as the grid operator bills it.
 */
export function lastMonths(now: number, count: number, timeZone: string): Month[] {
  const today = localTime(now, timeZone)
  const startOf = (monthsBack: number) => {
    const at = zonedInstant(
      { year: today.year, month: today.month - monthsBack, day: 1, hour: 0, minute: 0 },
      timeZone,
    )
    return { at, local: localTime(at, timeZone) }
  }
  const out: Month[] = []
  for (let i = count - 1; i >= 0; i--) {
    const from = startOf(i)
    const until = startOf(i - 1)
    out.push({
      label: monthLabel(from.local),
      fromMinute: Math.floor(from.at / 60_000),
      untilMinute: Math.floor(until.at / 60_000),
    })
  }
  return out
}

/** A month's highest hourly mean of site power (kW): what an effect tariff bills. */
export interface MonthPeak {
  month: string
  fromMinute: number
  peakKw: number
}

/** One hour of a site's load. */
export interface HourLoad {
  /** Start of the hour (ms). */
  at: number
  /** Mean site and EV power over the hour's minutes (kW). */
  siteKw: number
  evKw: number
  /** The highest current per phase in the hour (A). */
  maxA: [number, number, number]
}

/** Minute rows → one row per hour, oldest first (pure). */
export function hourlyLoad(rows: readonly SiteLoadMinute[]): HourLoad[] {
  const hours = new Map<number, { n: number; site: number; ev: number; maxA: [number, number, number] }>()
  for (const r of rows) {
    const hour = Math.floor(r.minute / 60)
    const h = hours.get(hour) ?? { n: 0, site: 0, ev: 0, maxA: [0, 0, 0] }
    h.n++
    h.site += r.siteKw
    h.ev += r.evKw
    h.maxA = [Math.max(h.maxA[0], r.l1A), Math.max(h.maxA[1], r.l2A), Math.max(h.maxA[2], r.l3A)]
    hours.set(hour, h)
  }
  return [...hours.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([hour, h]) => ({ at: hour * 3_600_000, siteKw: h.site / h.n, evKw: h.ev / h.n, maxA: h.maxA }))
}

/**
 * A site's load history from the minutes the loop records: the monthly peaks an effect tariff bills
 * and the last day by hour, for the admin's site page and the REST API alike.
 */
export class SiteHistory {
  constructor(private readonly deps: { sites: SitesRepo; clock: Clock }) {}

  /** The highest hourly mean of site power in each of the last `count` months of the site's zone, oldest first. */
  async monthlyPeaks(siteId: string, count: number): Promise<MonthPeak[]> {
    const timeZone = (await this.deps.sites.find(siteId))?.timeZone ?? DEFAULT_TIME_ZONE
    return Promise.all(
      lastMonths(this.deps.clock.now(), count, timeZone).map(async (m) => ({
        month: m.label,
        fromMinute: m.fromMinute,
        peakKw: await this.deps.sites.peakHourKw(siteId, m.fromMinute, m.untilMinute),
      })),
    )
  }

  /** The site's load by hour over the last day. */
  async lastDayByHour(siteId: string): Promise<HourLoad[]> {
    const since = Math.floor(this.deps.clock.now() / 60_000) - 24 * 60
    return hourlyLoad(await this.deps.sites.loadSince(siteId, since))
  }
}
