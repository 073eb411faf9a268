import type { PriceSeriesRepo } from '@src/db/repos/price-series'
import { spotPriced } from '@src/domain/tariffs/spot-price'
import type { Tariff } from '@src/domain/tariffs/tariff'

/** Where the slots of a tariff's price series come from. */
export type SpotSlotSource = Pick<PriceSeriesRepo, 'spotSlots'>

/**
 * The OCPI tariff a session over `span` is priced under: `body` as it is, or, for a tariff that
 * follows a price series (`spot`), the body with one element per slot the series holds now for that
 * span (and the fallback after them), as `spotPriced` makes it. The running cost, the CDR and the
 * tariff preview all ask here, so they price a spot tariff alike.
 */
export async function tariffForSpan(
  body: Tariff,
  span: { from: number; to: number },
  timeZone: string,
  series: SpotSlotSource,
): Promise<Tariff> {
  const { spot } = body
  if (!spot) return body
  const to = Math.max(span.to, span.from + 1)
  const slots = await series.spotSlots(spot.series_id, span.from, to)
  const pricing = {
    markupPerKwh: spot.markup_per_kwh,
    fallbackPerKwh: spot.fallback_per_kwh,
    step_size: spot.step_size,
    ...(spot.vat === undefined ? {} : { vat: spot.vat }),
  }
  return spotPriced(body, pricing, slots, { from: span.from, to }, timeZone)
}
