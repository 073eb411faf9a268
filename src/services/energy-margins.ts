import type { GridTariffsRepo } from '@src/db/repos/grid-tariffs'
import type { Seen } from '@src/db/repos/seen'
import type { SitesRepo } from '@src/db/repos/sites'
import type { DbWriter } from '@src/db/writer'
import { type EnergyMargin, energyMargin, type GridTariff } from '@src/domain/energy-cost/margin'
import { localTime, monthLabel, zonedInstant } from '@src/domain/site/time-zone'
import type { SpotSlot } from '@src/domain/tariffs/spot-price'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'

/** The slots of a spot-price series overlapping `[from, to)` (ms): the price-series storage's read. */
export type SlotsFor = (seriesId: string, from: number, to: number) => Promise<SpotSlot[]>

/** A site's month: its label and its span in the site's zone. */
export interface SiteMonth {
  month: string
  from: number
  until: number
}

/** A month's margin with what it was computed from, or why it cannot be. */
export type MarginOutcome =
  | {
      ok: true
      period: SiteMonth
      tariff: GridTariff
      margin: EnergyMargin
      /** CDRs of the month in another currency than the tariff's: not in the revenue. */
      otherCurrencySessions: number
    }
  | { ok: false; status: 404 | 409; message: string }

/** `2026-05` in `timeZone`: local midnight on the 1st to local midnight on the next 1st. */
export function siteMonth(month: string, timeZone: string): SiteMonth {
  const [year, m] = month.split('-').map(Number) as [number, number]
  const at = (monthsOn: number) =>
    zonedInstant({ year, month: m + monthsOn, day: 1, hour: 0, minute: 0 }, timeZone)
  return { month, from: at(0), until: at(1) }
}

/**
 * What a site's property pays for its charging energy in a month against what its drivers paid
 * (`energyMargin` in `src/domain/energy-cost`): the tariff from the site's grid tariff, the energy
 * and peak from the loop's recorded minutes, the revenue from the CDRs of the site's connectors that
 * ended in the month (in the site's zone), and for a spot tariff the series' slots through `slotsFor`.
 */
export class EnergyMargins {
  constructor(
    private readonly deps: {
      tariffs: GridTariffsRepo
      sites: SitesRepo
      writer: DbWriter
      audit: Audit
      clock: Clock
      slotsFor: SlotsFor
    },
  ) {}

  /** A site's grid tariff, if one is set. */
  tariff(siteId: string): Promise<GridTariff | undefined> {
    return this.deps.tariffs.find(siteId)
  }

  /** Sets a seen site's grid tariff, with its audit entry (before and after) in the same write. */
  async setTariff(scope: Scope, site: Seen<{ id: string }>, tariff: GridTariff): Promise<void> {
    const { tariffs, sites, writer, audit, clock } = this.deps
    const [before, organizationId] = await Promise.all([tariffs.find(site.id), sites.organizationOf(site.id)])
    if (organizationId === undefined) throw new Error(`site ${site.id} was seen but has no organization`)
    await writer.write([
      tariffs.save(site.id, tariff, clock.now()),
      audit.entry(scope, {
        organizationId,
        action: 'site.gridTariffSet',
        entity: 'site',
        entityId: site.id,
        before: before ?? null,
        after: tariff,
      }),
    ])
  }

  /** The month holding now in the site's zone (`2026-05`). */
  currentMonth(timeZone: string): string {
    return monthLabel(localTime(this.deps.clock.now(), timeZone))
  }

  async forMonth(site: { id: string; timeZone: string }, month: string): Promise<MarginOutcome> {
    const tariff = await this.deps.tariffs.find(site.id)
    if (!tariff)
      return { ok: false, status: 404, message: `site ${site.id} has no grid tariff: set one first` }
    const period = siteMonth(month, site.timeZone)
    const fromMinute = Math.floor(period.from / 60_000)
    const untilMinute = Math.floor(period.until / 60_000)
    const { tariffs } = this.deps
    let slots: SpotSlot[] = []
    if (tariff.energy.kind === 'spot') {
      slots = await this.deps.slotsFor(tariff.energy.seriesId, period.from, period.until)
    }
    const [minutes, peakKw, cdrs] = await Promise.all([
      tariffs.chargingMinutes(site.id, fromMinute, untilMinute),
      tariffs.peakChargingHourKw(site.id, fromMinute, untilMinute),
      tariffs.cdrTotals(site.id, period.from, period.until),
    ])
    const priced = cdrs.filter((c) => c.currency === tariff.currency || c.currency === null)
    const margin = energyMargin({
      tariff,
      minutes,
      peakKw,
      slots,
      cdrTotals: priced.map((c) => c.totalExclVat),
    })
    return { ok: true, period, tariff, margin, otherCurrencySessions: cdrs.length - priced.length }
  }
}
