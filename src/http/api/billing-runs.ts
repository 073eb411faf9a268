import type { Deps } from '@src/deps'
import { runInput } from '@src/services/billing-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound, refused } from './guard'
import { billingRunJson, billingRunSchema, runReportSchema } from './invoice-present'

/**
 * `/api/v1/billing-runs`: run billing for a seller and month (`billing:write`), and the runs recorded
 * (`billing:read`). A run is idempotent: a rerun issues nothing new.
 */
export function billingRunsApi(deps: Deps) {
  const { invoices } = deps.scoped
  return new Elysia({ prefix: '/billing-runs', detail: { tags: ['Billing'] } })
    .use(apiScoped(deps))
    .post(
      '',
      async ({ body, set, scope }) => {
        const seller = invoices.seller(scope, 'write', body.organizationId)
        if (!seller.ok) return refused(set, { status: 400, message: seller.message })
        const report = await deps.services.billingRuns.run(scope, seller.organizationId, body.month)
        set.status = 201
        return report
      },
      {
        body: runInput,
        response: { 201: runReportSchema, ...apiErrors, 413: apiErrorSchema },
        detail: {
          summary: "Run billing: one invoice per buyer for a month (default the seller's previous one)",
          description:
            'Body: {"month":"2026-11"} (both optional; organizationId names the seller when the key writes billing in several). Answers the run: the invoices issued, the CDRs left out and why, and outcome done, failed (what committed stays) or noProfile.',
        },
      },
    )
    .get(
      '',
      async ({ query, scope }) => {
        const { rows, total } = await invoices.runs(scope, query)
        return { items: rows.map(billingRunJson), total }
      },
      {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({ items: z.array(billingRunSchema), total: z.number().int() }),
          ...apiErrors,
        },
        detail: { summary: 'List billing runs, newest first' },
      },
    )
    .get(
      '/:id',
      async ({ params, set, scope }) => {
        const run = await invoices.findRun(scope, params.id)
        return run ? billingRunJson(run) : notFound(set, `no billing run ${params.id}`)
      },
      {
        params: z.object({ id: z.string().min(1).max(40) }),
        response: { 200: billingRunSchema, ...apiErrors, 404: apiErrorSchema },
        detail: { summary: 'Get a billing run and its report' },
      },
    )
}
