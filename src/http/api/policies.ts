import { policyOfRow } from '@src/db/repos/access-policies'
import type { Deps } from '@src/deps'
import type { PolicyRefusal } from '@src/services/policy-edits'
import { moveInput, policyInput } from '@src/services/policy-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiError, apiScoped, notFound } from './guard'
import { answerJson, policyJson } from './policy-present'

const idParam = z.object({ id: z.string().min(1).max(64) })
const instant = z.iso.datetime({ offset: true })

/** A policy as the API takes it: the service's input with validity as ISO instants. */
const policyBody = policyInput.extend({
  validFrom: instant.nullable().optional(),
  validUntil: instant.nullable().optional(),
})

const ms = (v: string | null | undefined) => (v ? Date.parse(v) : null)
const inputOf = (b: z.infer<typeof policyBody>) => ({
  ...b,
  validFrom: ms(b.validFrom),
  validUntil: ms(b.validUntil),
})

const CODES = { 400: 'INVALID_INPUT', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 422: 'UNPROCESSABLE' } as const

/** Sets a refused edit's status and returns its error body (with the field it is about). */
function refusedEdit(set: { status?: number | string }, r: PolicyRefusal) {
  set.status = r.status
  const body = apiError(CODES[r.status], r.message)
  return r.field ? { error: { ...body.error, field: r.field } } : body
}

const checkBody = z.object({
  chargerId: z.string().min(1).max(64),
  evseId: z.number().int().min(1).nullable().optional(),
  uid: z.string().min(1).max(64),
  at: instant.optional(),
})

/**
 * `/api/v1/policies` (who may charge where, when and with what, in order per organization) and
 * `/api/v1/access/check` (what a charger would answer a card, with the deciding policy and why).
 */
export function policiesApi(deps: Deps) {
  const { policies } = deps.scoped
  const edits = deps.services.policyEdits
  return new Elysia({ detail: { tags: ['Access policies'] } })
    .use(apiScoped(deps))
    .get(
      '/policies',
      async ({ query, scope }) => {
        const rows = await policies.list(scope, query.organizationId)
        return { items: rows.map((r) => policyJson(policyOfRow(r))), total: rows.length }
      },
      {
        query: z.object({ organizationId: z.string().min(1).max(64).optional() }),
        detail: { summary: 'List policies by organization, in evaluation order' },
      },
    )
    .get(
      '/policies/:id',
      async ({ params, set, scope }) => {
        const p = await policies.find(scope, params.id)
        return p ? policyJson(policyOfRow(p)) : notFound(set, `no policy ${params.id}`)
      },
      { params: idParam, detail: { summary: 'Get a policy' } },
    )
    .post(
      '/policies',
      async ({ body, set, scope }) => {
        const out = await edits.create(scope, inputOf(body))
        if (!out.ok) return refusedEdit(set, out)
        set.status = 201
        return policyJson(out.policy)
      },
      {
        body: policyBody,
        detail: {
          summary:
            'Create a policy (last in its organization), e.g. {"name":"Visitors evenings","whoKind":"group","whoId":"grp_…","whereKind":"site","whereId":"coop-site","windows":[{"days":[1,2,3,4,5,6,7],"from":"18:00","to":"08:00"}]}',
        },
      },
    )
    .put(
      '/policies/:id',
      async ({ params, body, set, scope }) => {
        const out = await edits.update(scope, params.id, inputOf(body))
        return out.ok ? policyJson(out.policy) : refusedEdit(set, out)
      },
      {
        params: idParam,
        body: policyBody,
        detail: { summary: 'Replace a policy (its place in the order stays)' },
      },
    )
    .delete(
      '/policies/:id',
      async ({ params, set, scope }) => {
        const out = await edits.remove(scope, params.id)
        if (!out.ok) return refusedEdit(set, out)
        set.status = 204
      },
      { params: idParam, detail: { summary: 'Remove a policy (the ones after it move up)' } },
    )
    .post(
      '/policies/:id/move',
      async ({ params, body, set, scope }) => {
        const out = await edits.move(scope, params.id, body)
        return out.ok ? policyJson(out.policy) : refusedEdit(set, out)
      },
      {
        params: idParam,
        body: moveInput,
        detail: { summary: 'Move a policy: {"direction":"up"} or "down", or {"position":1} (1 = first)' },
      },
    )
    .post(
      '/access/check',
      async ({ body, set, scope }) => {
        const at = body.at ? Date.parse(body.at) : deps.clock.now()
        const out = await deps.services.accessCheck.check(scope, {
          chargerId: body.chargerId,
          evseId: body.evseId ?? null,
          uid: body.uid,
          at,
        })
        return out.ok ? answerJson(out.answer, at) : notFound(set, out.message)
      },
      {
        body: checkBody,
        detail: {
          summary:
            'What a charger would answer a card (read-only): the decision, the OCPP 2.0.1 and 1.6 status, the deciding policy and why',
        },
      },
    )
}
