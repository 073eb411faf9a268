import type { CdrRow } from '@src/db/repos/cdrs'
import { dec } from '@src/domain/tariffs/decimal'

const negated = (text: string) => {
  const d = dec(text)
  return d.isZero() ? text : d.negated().toString()
}

/**
 * The credit CDR that cancels `cdr`: the next generation of its transaction, every total negated (so an
 * invoice summing both bills nothing for it), the same payer, and in its OCPI record `credit: true` with
 * `credit_reference_id` naming the cancelled CDR (OCPI 2.2.1 mod_cdrs).
 */
export function creditCdrOf(cdr: CdrRow, at: number): CdrRow {
  const generation = cdr.generation + 1
  const id = `cdr-${cdr.transactionId}-${generation}`
  const body = cdr.body as { total_cost?: { excl_vat: number; incl_vat?: number } } & Record<string, unknown>
  const cost = body.total_cost
  return {
    ...cdr,
    id,
    generation,
    credits: cdr.id,
    totalExclVat: negated(cdr.totalExclVat),
    totalInclVat: cdr.totalInclVat === null ? null : negated(cdr.totalInclVat),
    energyWh: -cdr.energyWh,
    flags: 'credit',
    body: {
      ...body,
      id,
      credit: true,
      credit_reference_id: cdr.id,
      ...(cost && {
        total_cost: {
          excl_vat: -cost.excl_vat,
          ...(cost.incl_vat !== undefined && { incl_vat: -cost.incl_vat }),
        },
      }),
    },
    createdAt: at,
  }
}
