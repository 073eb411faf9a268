import type { Deps } from '@src/deps'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { costJson, costSchema } from './cost-present'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound } from './guard'
import { meterValueJson, transactionJson } from './present'

const instant = z.iso.datetime()
/** A transaction with its cost (null under no tariff) and meter values, as GET /transactions/:id answers. */
const transactionDetailSchema = z.object({
  id: z.number().int(),
  organizationId: z.string(),
  chargerId: z.string(),
  evseId: z.number().int(),
  connectorId: z.number().int(),
  idTag: z.string().nullable(),
  startStatus: z.string().nullable(),
  /** Never null once stored; nullable as `present.ts`'s `iso` is typed. */
  startedAt: instant.nullable(),
  endedAt: instant.nullable(),
  meterStartWh: z.number().nullable(),
  meterStopWh: z.number().nullable(),
  energyWh: z.number().nullable(),
  meterFlags: z.array(z.string()),
  chargingState: z.string().nullable(),
  stopReason: z.string().nullable(),
  active: z.boolean(),
  cost: costSchema.nullable(),
  meterValues: z.array(
    z.object({
      timestamp: instant.nullable(),
      measurand: z.string(),
      phase: z.string().nullable(),
      unit: z.string().nullable(),
      context: z.string().nullable(),
      location: z.string().nullable(),
      format: z.string().nullable(),
      value: z.number().nullable(),
      raw: z.string(),
    }),
  ),
})

/** `/api/v1/transactions`: charging transactions and their meter values. */
export function transactionsApi(deps: Deps) {
  const { transactions } = deps.scoped
  return new Elysia({ prefix: '/transactions', detail: { tags: ['Transactions'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ query, scope }) => {
        const open = query.active === undefined ? undefined : query.active === 'true'
        const { rows, total } = await transactions.list(scope, { ...query, open })
        return { items: rows.map(transactionJson), total }
      },
      {
        query: z.object({
          chargerId: z.string().max(48).optional(),
          idTag: z.string().max(36).optional(),
          active: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        detail: { summary: 'List transactions, newest first' },
      },
    )
    .get(
      '/:id',
      async ({ params, set, scope }) => {
        const t = await transactions.find(scope, params.id)
        if (!t) return notFound(set, `no transaction ${params.id}`)
        const [values, cost] = await Promise.all([
          transactions.meterValuesOf(t),
          deps.services.sessionCosts.costOf(t),
        ])
        return {
          ...transactionJson(t),
          cost: cost && costJson(cost),
          meterValues: values.map(meterValueJson),
        }
      },
      {
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: transactionDetailSchema, ...apiErrors, 404: apiErrorSchema },
        detail: {
          summary: 'Get a transaction with its cost so far (or final) and all its meter values',
          description:
            'cost: null when the session runs under no tariff; else the tariff version fixed at its start, the billed totals (decimal text) and the lines with why each applied.',
        },
      },
    )
}
