import type { Deps } from '@src/deps'
import { MAX_TOKEN_ID, tokenStatuses, tokenTypes } from '@src/domain/charger/tokens'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'
import { tokenJson } from './present'

const uidParam = z.object({ uid: z.string().min(1).max(MAX_TOKEN_ID) })
const owner = z.string().min(1).max(64).nullable().optional()

/** `/api/v1/tokens`: RFID cards and app tokens. */
export function tokensApi(deps: Deps) {
  const { tokens } = deps.scoped
  return new Elysia({ prefix: '/tokens', detail: { tags: ['Tokens'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ query, scope }) => {
        const { rows, total } = await tokens.list(scope, query)
        return { items: rows.map(tokenJson), total }
      },
      {
        query: z.object({
          search: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        detail: { summary: 'List tokens' },
      },
    )
    .get(
      '/:uid',
      async ({ params, set, scope }) => {
        const t = await tokens.find(scope, params.uid)
        return t ? tokenJson(t) : notFound(set, `no token ${params.uid}`)
      },
      { params: uidParam, detail: { summary: 'Get a token' } },
    )
    .put(
      '/:uid',
      async ({ params, body, set, scope }) => {
        const input = { ...body, expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null }
        const out = await deps.services.tokenEdits.save(scope, params.uid, input)
        if (!out.ok) return refused(set, out)
        set.status = out.created ? 201 : 200
        return tokenJson(out.row)
      },
      {
        params: uidParam,
        body: z.strictObject({
          type: z.enum(tokenTypes),
          status: z.enum(tokenStatuses),
          expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
          parentUid: z.string().min(1).max(MAX_TOKEN_ID).nullable().optional(),
          label: z.string().max(100).nullable().optional(),
          allowConcurrentTx: z.boolean().optional(),
          organizationId: z.string().min(1).max(64).optional(),
          driverId: owner,
          householdId: owner,
          businessAccountId: owner,
          groupIds: z.array(z.string().min(1).max(64)).max(50).optional(),
        }),
        detail: {
          summary: 'Create or update a token, e.g. {"type":"RFID","status":"Accepted","driverId":"drv_…"}',
          description:
            "driverId, householdId and businessAccountId (its owner) and groupIds (the groups it is directly in, the whole list) are kept when omitted; each must be of the token's organization.",
        },
      },
    )
    .post(
      '/:uid/block',
      async ({ params, set, scope }) => {
        const out = await deps.services.tokenEdits.setBlocked(scope, params.uid, true)
        return out.ok ? tokenJson(out.row) : refused(set, out)
      },
      {
        params: uidParam,
        detail: { summary: 'Block a token (a lost card): refused everywhere from now on' },
      },
    )
    .post(
      '/:uid/unblock',
      async ({ params, set, scope }) => {
        const out = await deps.services.tokenEdits.setBlocked(scope, params.uid, false)
        return out.ok ? tokenJson(out.row) : refused(set, out)
      },
      { params: uidParam, detail: { summary: 'Unblock a token (Accepted again)' } },
    )
    .delete(
      '/:uid',
      async ({ params, set, scope }) => {
        const out = await deps.services.tokenEdits.remove(scope, params.uid)
        if (!out.ok) return refused(set, out)
        set.status = 204
      },
      { params: uidParam, detail: { summary: 'Delete a token (it is Invalid from then on)' } },
    )
}
