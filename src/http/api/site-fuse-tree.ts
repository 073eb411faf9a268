import type { Deps } from '@src/deps'
import { MAX_IDENTITY_LENGTH } from '@src/ocpp/identity'
import { circuitIdSchema, circuitSchema, connectorSchema, siteIdSchema } from '@src/services/site-input'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped } from './guard'
import { refusal } from './site-present'

const circuitParams = z.object({ id: siteIdSchema, circuitId: circuitIdSchema })
const connectorParams = z.object({
  id: siteIdSchema,
  chargerId: z
    .string()
    .min(1)
    .max(MAX_IDENTITY_LENGTH)
    .regex(/^[^\s:]+$/, 'no spaces or ":"'),
  evseId: z.coerce.number().int().min(1).max(999),
})

/**
 * `/api/v1/sites/{id}/circuits/…` and `…/connectors/…`: a site's fuse tree and which charger EVSEs it
 * feeds, with what wiring. Every change tells the site loop (`siteChanged`).
 */
export function siteFuseTreeApi(deps: Deps) {
  const edits = deps.services.siteEdits
  return new Elysia({ prefix: '/sites', detail: { tags: ['Sites'] } })
    .use(apiScoped(deps))
    .put(
      '/:id/circuits/:circuitId',
      async ({ params, body, set, scope }) => {
        const outcome = await edits.saveCircuit(scope, params.id, params.circuitId, body)
        if (!outcome.ok) return refusal(set, outcome)
        set.status = outcome.created ? 201 : 200
        return { id: params.circuitId, ...body }
      },
      {
        params: circuitParams,
        body: circuitSchema,
        detail: {
          summary: 'Add or change a sub-circuit fuse',
          description:
            'e.g. {"name":"Garage","limitA":32,"parentId":null}: parentId null hangs it under the main fuse.',
        },
      },
    )
    .delete(
      '/:id/circuits/:circuitId',
      async ({ params, set, scope }) => {
        const outcome = await edits.deleteCircuit(scope, params.id, params.circuitId)
        if (!outcome.ok) return refusal(set, outcome)
        set.status = 204
      },
      {
        params: circuitParams,
        detail: { summary: 'Remove a circuit (409 while circuits or connectors hang under it)' },
      },
    )
    .put(
      '/:id/connectors/:chargerId/:evseId',
      async ({ params, body, set, scope }) => {
        const at = { siteId: params.id, chargerId: params.chargerId, evseId: params.evseId }
        const outcome = await edits.assignConnector(scope, at, body)
        if (!outcome.ok) return refusal(set, outcome)
        set.status = outcome.created ? 201 : 200
        const row = (await deps.scoped.sites.config(scope, params.id))?.connectors.find(
          (k) => k.chargerId === at.chargerId && k.evseId === at.evseId,
        )
        return row ?? at
      },
      {
        params: connectorParams,
        body: connectorSchema,
        detail: {
          summary: 'Put a charger EVSE on the site (moving it from another site)',
          description:
            'e.g. {"circuitId":"garage","maxA":16,"wiring":"L2,L3,L1"}: wiring lists the grid phase of each charger phase (rotated installations), or one phase like "L3".',
        },
      },
    )
    .delete(
      '/:id/connectors/:chargerId/:evseId',
      async ({ params, set, scope }) => {
        const at = { siteId: params.id, chargerId: params.chargerId, evseId: params.evseId }
        const outcome = await edits.unassignConnector(scope, at)
        if (!outcome.ok) return refusal(set, outcome)
        set.status = 204
      },
      { params: connectorParams, detail: { summary: 'Take a charger EVSE off the site' } },
    )
}
