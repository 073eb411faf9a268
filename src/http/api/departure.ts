import type { Deps } from '@src/deps'
import { errorLine } from '@src/services/site-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiError, apiScoped, refused } from './guard'
import { iso } from './present'

/**
 * `PUT /api/v1/transactions/{id}/departure`: when the driver leaves and the energy they want, e.g. from
 * a driver app. Stored with source `driver`; the site loop plans by it at once.
 */
export function departureApi(deps: Deps) {
  return new Elysia({ prefix: '/transactions', detail: { tags: ['Transactions'] } }).use(apiScoped(deps)).put(
    '/:id/departure',
    async ({ params, body, set, scope }) => {
      const reached = await deps.scoped.transactions.reach(scope, params.id, 'chargers:command')
      if (!reached.ok) return refused(set, reached)
      const tx = reached.row
      const departureAt = Date.parse(body.departureAt)
      const outcome = await deps.services.departures.set(tx, {
        departureAt,
        energyNeedWh: body.energyNeedWh ?? null,
        source: 'driver',
      })
      if (!outcome.ok) {
        set.status = outcome.status
        const message = errorLine(outcome.errors)
        return apiError(outcome.status === 400 ? 'INVALID_INPUT' : 'CONFLICT', message)
      }
      return {
        transactionId: tx.id,
        departureAt: iso(departureAt),
        energyNeedWh: body.energyNeedWh ?? null,
        departureSource: 'driver',
        siteId: outcome.siteId ?? null,
      }
    },
    {
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.strictObject({
        departureAt: z.iso.datetime({ offset: true }),
        energyNeedWh: z.number().min(500).max(200_000).nullable().optional(),
      }),
      detail: {
        summary: "Set a running transaction's departure time and energy need",
        description:
          'e.g. {"departureAt":"2026-05-04T07:30:00+02:00","energyNeedWh":20000}: in the future, at most 7 days ahead, 0.5–200 kWh. 409 once the transaction has ended.',
      },
    },
  )
}
