import type { Deps } from '@src/deps'
import { MAX_TOKEN_ID, tokenStatuses, tokenTypes } from '@src/domain/charger/tokens'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { notFound } from './guard'
import { tokenJson } from './present'

const uidParam = z.object({ uid: z.string().min(1).max(MAX_TOKEN_ID) })

/** `/api/v1/tokens`: RFID cards and app tokens. */
export function tokensApi(deps: Deps) {
  const { tokens } = deps.repos
  return new Elysia({ prefix: '/tokens', detail: { tags: ['Tokens'] } })
    .get(
      '',
      async ({ query }) => {
        const { rows, total } = await tokens.list(query)
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
      async ({ params, set }) => {
        const t = await tokens.find(params.uid)
        return t ? tokenJson(t) : notFound(set, `no token ${params.uid}`)
      },
      { params: uidParam, detail: { summary: 'Get a token' } },
    )
    .put(
      '/:uid',
      async ({ params, body, set }) => {
        const existed = await tokens.find(params.uid)
        const input = { ...body, expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null }
        const [[row]] = await deps.writer.write([tokens.upsert(params.uid, input, deps.clock.now())] as const)
        set.status = existed ? 200 : 201
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
        }),
        detail: { summary: 'Create or update a token, e.g. {"type":"RFID","status":"Accepted"}' },
      },
    )
    .delete(
      '/:uid',
      async ({ params, set }) => {
        const [[gone]] = await deps.writer.write([tokens.remove(params.uid)] as const)
        if (!gone) return notFound(set, `no token ${params.uid}`)
        set.status = 204
      },
      { params: uidParam, detail: { summary: 'Delete a token (it is Invalid from then on)' } },
    )
}
