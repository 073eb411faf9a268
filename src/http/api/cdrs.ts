import type { CdrRow } from '@src/db/repos/cdrs'
import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound } from './guard'

const iso = (ms: number) => new Date(ms).toISOString()

/** A CDR as the API shows it: the stored facts and the OCPI-shaped record. */
const cdrJson = (c: CdrRow) => ({
  id: c.id,
  transactionId: c.transactionId,
  organizationId: c.organizationId,
  chargerId: c.chargerId,
  evseId: c.evseId,
  idTag: c.idTag,
  startedAt: iso(c.startedAt),
  endedAt: iso(c.endedAt),
  tariffId: c.tariffId,
  tariffVersion: c.tariffVersion,
  currency: c.currency,
  totalExclVat: c.totalExclVat,
  totalInclVat: c.totalInclVat,
  energyWh: c.energyWh,
  flags: c.flags === '' ? [] : c.flags.split(','),
  createdAt: iso(c.createdAt),
  ocpi: c.body,
})

/** `/api/v1/cdrs`: one immutable charge detail record per finished session (`billing:read`). */
export function cdrsApi(deps: Deps) {
  const { cdrs } = deps.scoped
  return new Elysia({ prefix: '/cdrs', detail: { tags: ['CDRs'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ query, scope }) => {
        const { rows, total } = await cdrs.list(scope, query)
        return { items: rows.map(cdrJson), total }
      },
      {
        query: z.object({
          chargerId: z.string().max(48).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        detail: { summary: 'List CDRs, newest end first' },
      },
    )
    .get(
      '/:id',
      async ({ params, set, scope }) => {
        const c = await cdrs.find(scope, params.id)
        if (!c) return notFound(set, `no CDR ${params.id}`)
        return cdrJson(c)
      },
      {
        params: z.object({ id: z.string().min(1).max(39) }),
        detail: { summary: 'Get a CDR: totals as decimal text, flags, and the OCPI-shaped record' },
      },
    )
}
