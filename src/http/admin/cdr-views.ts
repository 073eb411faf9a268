import type { CdrRow } from '@src/db/repos/cdrs'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { dec } from '@src/domain/tariffs/decimal'
import type { PricedSession } from '@src/domain/tariffs/price-session'
import type { CdrDetailView, CdrItemView } from '@views/admin/cdr-models'
import { formatDateTime } from '@views/format'
import { z } from 'zod'
import { money, previewAnswerView } from './tariff-views'

/** What each flag a CDR can carry means, for the person who checks it before billing. */
export const FLAG_MEANINGS: Readonly<Record<string, string>> = {
  stopLost:
    "The charger's stop was lost (a later session superseded it): the session ends at its last stored reading.",
  powerLoss: 'The charger lost power: the session ended without a regular stop.',
  registerBackwards: "The meter's register went backwards: it was held at its highest value.",
  clockOutsideWindow: "A meter reading's timestamp lay outside the session: it was not counted.",
  noTariff: 'No tariff applied (no price group named one): the session cost nothing.',
}

const flagsOf = (c: CdrRow) => (c.flags === '' ? [] : c.flags.split(','))
const kwh = (wh: number) => `${(wh / 1000).toFixed(3)} kWh`

/** A CDR as a list row; times in the default zone (Europe/Stockholm), as the list's date filter reads them. */
export const cdrItemView = (c: CdrRow): CdrItemView => ({
  id: c.id,
  chargerId: c.chargerId,
  evseId: c.evseId,
  idTag: c.idTag ?? '',
  startedAt: formatDateTime(c.startedAt, DEFAULT_TIME_ZONE),
  endedAt: formatDateTime(c.endedAt, DEFAULT_TIME_ZONE),
  energy: kwh(c.energyWh),
  total: `${money(dec(c.totalInclVat ?? c.totalExclVat))} ${c.currency ?? ''}`.trim(),
  flags: flagsOf(c),
})

/** The OCPI parts of a stored CDR body the page shows (the writer's `cdrPricing`, and signed data if sent). */
const bodySchema = z.object({
  charging_periods: z
    .array(
      z.object({
        start_date_time: z.string(),
        dimensions: z.array(z.object({ type: z.string(), volume: z.number() })),
      }),
    )
    .default([]),
  total_time: z.number().optional(),
  total_parking_time: z.number().optional(),
  signed_data: z.unknown().optional(),
})

/** A CDR as its page shows it; `priced` is the same function's lines from the stored readings, if any. */
export function cdrDetailView(
  c: CdrRow,
  priced: { version: number; priced: PricedSession } | null,
): CdrDetailView {
  const body = bodySchema.safeParse(c.body)
  const b = body.success ? body.data : { charging_periods: [] }
  const vat = c.totalInclVat === null ? '–' : money(dec(c.totalInclVat).minus(dec(c.totalExclVat)))
  return {
    ...cdrItemView(c),
    transactionId: c.transactionId,
    tariffId: c.tariffId,
    tariffVersion: c.tariffVersion,
    currency: c.currency ?? '',
    totalExclVat: money(dec(c.totalExclVat)),
    totalInclVat: c.totalInclVat === null ? '–' : money(dec(c.totalInclVat)),
    vat,
    hours: b.total_time === undefined ? '' : `${b.total_time} h`,
    parkedHours: b.total_parking_time === undefined ? '' : `${b.total_parking_time} h`,
    flagMeanings: flagsOf(c).map((f) => ({ flag: f, meaning: FLAG_MEANINGS[f] ?? 'See the transaction.' })),
    periods: b.charging_periods.map((p) => ({
      start: formatDateTime(Date.parse(p.start_date_time), DEFAULT_TIME_ZONE),
      dimensions: p.dimensions.map((d) => `${d.type} ${d.volume}`).join(', '),
    })),
    lines: priced ? previewAnswerView(priced.version, priced.priced).lines : [],
    signedData:
      'signed_data' in b && b.signed_data !== undefined ? JSON.stringify(b.signed_data, null, 2) : '',
  }
}
