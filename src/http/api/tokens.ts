import type { Deps } from '@src/deps'
import { MAX_TOKEN_ID, tokenStatuses, tokenTypes } from '@src/domain/charger/tokens'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'
import { tokenJson } from './present'

const uidParam = z.object({ uid: z.string().min(1).max(MAX_TOKEN_ID) })

/** `/api/v1/tokens`: RFID cards and app tokens. */
export function tokensApi(deps: Deps) {
  const { tokens } = deps.scoped
  const { audit } = deps.services
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
        const allowed = await tokens.mayWrite(scope, params.uid, body.organizationId)
        if (!allowed.ok) return refused(set, allowed)
        const { before, organizationId } = allowed
        const input = { ...body, expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null }
        const [[row]] = await deps.writer.write([
          tokens.upsert(allowed, params.uid, input, deps.clock.now()),
          audit.entry(scope, {
            organizationId,
            action: before ? 'token.updated' : 'token.created',
            entity: 'token',
            entityId: params.uid,
            before: before ? tokenJson(before) : null,
            after: { uid: params.uid, ...body, organizationId },
          }),
        ] as const)
        set.status = before ? 200 : 201
        return tokenJson(row!)
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
        }),
        detail: { summary: 'Create or update a token, e.g. {"type":"RFID","status":"Accepted"}' },
      },
    )
    .delete(
      '/:uid',
      async ({ params, set, scope }) => {
        const r = await tokens.reach(scope, params.uid, 'tokens:write')
        if (!r.ok) return refused(set, r)
        await deps.writer.write([
          tokens.remove(r.row),
          audit.entry(scope, {
            organizationId: r.row.organizationId,
            action: 'token.deleted',
            entity: 'token',
            entityId: params.uid,
            before: tokenJson(r.row),
            after: null,
          }),
        ])
        set.status = 204
      },
      { params: uidParam, detail: { summary: 'Delete a token (it is Invalid from then on)' } },
    )
}
