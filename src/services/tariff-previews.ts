import type { ScopedTariffs } from '@src/db/repos/scoped-tariffs'
import type { TariffVersionRow } from '@src/db/repos/tariffs'
import { DEFAULT_TIME_ZONE, isTimeZone } from '@src/domain/site/time-zone'
import { type CdrPricing, cdrPricing } from '@src/domain/tariffs/cdr-pricing'
import { type PricedSession, priceSession } from '@src/domain/tariffs/price-session'
import { type Part, session } from '@src/domain/tariffs/sample-session'
import type { Tariff } from '@src/domain/tariffs/tariff'
import type { Scope } from '@src/domain/tenancy/scope'
import { z } from 'zod'
import { type SpotSlotSource, tariffForSpan } from './spot-tariffs'

/** A session described for a preview: when it starts and its parts, charging (kWh over minutes) or parked. */
export const previewInput = z.object({
  start: z.iso.datetime({ offset: true }),
  parts: z
    .array(
      z.union([
        z.strictObject({
          minutes: z
            .number()
            .positive()
            .max(7 * 1440),
          kwh: z.number().min(0).max(1000),
          currentA: z.number().min(0).max(1000).optional(),
        }),
        z.strictObject({
          parkMinutes: z
            .number()
            .positive()
            .max(7 * 1440),
        }),
      ]),
    )
    .min(1)
    .max(20),
  timeZone: z
    .string()
    .refine(isTimeZone, 'an IANA time zone like Europe/Stockholm')
    .default(DEFAULT_TIME_ZONE),
  version: z.number().int().positive().optional(),
})

/** A described session to price: its start instant (ISO with offset), its parts and the site's zone. */
export interface PreviewQuestion {
  start: string
  parts: readonly Part[]
  timeZone: string
  /** The version to price under; the current one when omitted. */
  version?: number | undefined
}

/** A preview's answer: the version priced under, the priced session and the CDR pricing it would give. */
export type PreviewAnswer =
  | { ok: true; version: TariffVersionRow; priced: PricedSession; cdr: CdrPricing }
  | { ok: false; status: 404; message: string }

/**
 * "What would this session cost": a described session priced by the one engine under a tariff the
 * scope may read. The API's `POST /tariffs/:id/preview` and the admin's tariff page both ask here, so
 * their figures are the same. A spot tariff is priced at the slots its series holds for the described
 * session (the fallback where it has none), as a real session would be.
 */
export async function previewTariff(
  tariffs: ScopedTariffs,
  scope: Scope,
  id: string,
  q: PreviewQuestion,
  series: SpotSlotSource,
): Promise<PreviewAnswer> {
  const t = await tariffs.find(scope, id)
  if (!t) return { ok: false, status: 404, message: `no tariff ${id}` }
  const v = await tariffs.version(t, q.version ?? t.currentVersion)
  if (!v) return { ok: false, status: 404, message: `no version ${q.version} of tariff ${t.id}` }
  const described = session(q.start, q.parts)
  const tariff = await tariffForSpan(v.body, { from: described.start, to: described.end }, q.timeZone, series)
  const priced = priceSession(tariff, described, { timeZone: q.timeZone, rounding: v.rounding })
  return { ok: true, version: v, priced, cdr: cdrPricing(tariff, priced, v.rounding) }
}

/** {@link previewTariff} with its adapters bound: what the API and the admin call. */
export class TariffPreviews {
  constructor(private readonly deps: { tariffs: ScopedTariffs; series: SpotSlotSource }) {}

  /** The preview of a described session under a tariff the scope may read. */
  preview(scope: Scope, id: string, q: PreviewQuestion): Promise<PreviewAnswer> {
    return previewTariff(this.deps.tariffs, scope, id, q, this.deps.series)
  }

  /** A seen tariff version's body as a session over `span` would be priced (its spot slots included). */
  bodyOver(version: TariffVersionRow, span: { from: number; to: number }, timeZone: string): Promise<Tariff> {
    return tariffForSpan(version.body, span, timeZone, this.deps.series)
  }
}
