import type { CdrRow } from '@src/db/repos/cdrs'
import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound } from './guard'

/** A CDR in the API's response: totals are decimal text (never floats), `ocpi` the OCPI-shaped record. */
const cdrSchema = z.object({
  id: z.string(),
  transactionId: z.number().int(),
  organizationId: z.string(),
  chargerId: z.string(),
  evseId: z.number().int(),
  idTag: z.string().nullable(),
  startedAt: z.string().datetime(),
  endedAt: z.string().datetime(),
  tariffId: z.string().nullable(),
  tariffVersion: z.number().int().nullable(),
  currency: z.string().nullable(),
  totalExclVat: z.string(),
  totalInclVat: z.string().nullable(),
  energyWh: z.number(),
  flags: z.array(z.string()),
  createdAt: z.string().datetime(),
  ocpi: z.unknown(),
})

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
        response: { 200: z.object({ items: z.array(cdrSchema), total: z.number().int() }), ...apiErrors },
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
        response: { 200: cdrSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: 'Get a CDR: totals as decimal text, flags, and the OCPI-shaped record' },
      },
    )
}
