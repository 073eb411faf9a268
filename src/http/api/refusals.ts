import type { RefusalRow } from '@src/db/repos/access-refusals'
import type { Deps } from '@src/deps'
import { MAX_IDENTITY_LENGTH } from '@src/ocpp/identity'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound } from './guard'
import { iso } from './present'

/** A refusal as the API shows it: the 2.0.1-vocabulary status decided and the evaluator's explanation. */
export function refusalJson(r: RefusalRow) {
  return {
    id: r.id,
    at: iso(r.at),
    chargerId: r.chargerId,
    evseId: r.evseId,
    uid: r.idToken,
    /** `authorize`, `start` or `remoteStart`. */
    purpose: r.purpose,
    status: r.status,
    /** `token` (its own status), `policy` (then `policyId`) or `default` (the site's). */
    decidedBy: r.decidedBy,
    policyId: r.policyId,
    explanation: r.explanation,
  }
}

const params = z.object({ id: z.string().min(1).max(MAX_IDENTITY_LENGTH) })

/** caps: `GET /api/v1/chargers/:id/refusals`, the refused Authorize, start and remote start requests of a charger. */
export function refusalsApi(deps: Deps) {
  const { chargers, refusals } = deps.scoped
  return new Elysia({ prefix: '/chargers', detail: { tags: ['Chargers'] } }).use(apiScoped(deps)).get(
    '/:id/refusals',
    async ({ params, query, set, scope }) => {
      const charger = await chargers.find(scope, params.id)
      if (!charger) return notFound(set, `no charger ${params.id}`)
      const page = await refusals.ofCharger(scope, charger, query)
      return { items: page.rows.map(refusalJson), total: page.total, timeZone: page.timeZone }
    },
    {
      params,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      detail: {
        summary: "List a charger's refused authorizations and starts",
        description:
          "Newest first. Each refused Authorize, start or remote start with the status decided (2.0.1 words; a 1.6 charger was told `Blocked` for `NotAtThisTime` and `NoCredit`, `Invalid` for `NotAtThisLocation`), what decided it and the explanation. `timeZone` is the charger site's.",
      },
    },
  )
}
