import { sendChargerCommand } from '@actors/charger/client'
import type { Deps } from '@src/deps'
import { chargerCommandSchema } from '@src/domain/charger/command-schema'
import { CHARGER_PASSWORD_MAX, CHARGER_PASSWORD_MIN, hashChargerPassword } from '@src/ocpp/charger-auth'
import { IDENTITY_RULE, isChargerId, MAX_IDENTITY_LENGTH } from '@src/ocpp/identity'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { notFound } from './guard'
import { chargerJson, transactionJson } from './present'

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(MAX_IDENTITY_LENGTH)
    .regex(/^[^\s:]*$/, 'no spaces or ":"'),
})
/** The id of a charger being registered: one it can connect with. */
const newIdParam = z.object({ id: z.string().refine(isChargerId, `use ${IDENTITY_RULE}`) })
const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
}

/** Status code for each command outcome: the charger's own answers are 200. */
const outcomeStatus: Record<string, number> = { Offline: 409, Timeout: 504, Busy: 429 }

/** `/api/v1/chargers`: list, read, register, set the password, send commands. */
export function chargersApi(deps: Deps) {
  const { chargers, transactions } = deps.repos
  const now = () => deps.clock.now()
  return new Elysia({ prefix: '/chargers', detail: { tags: ['Chargers'] } })
    .get(
      '',
      async ({ query }) => {
        const online = query.online === undefined ? undefined : query.online === 'true'
        const { rows, total, capped } = await chargers.list({ ...query, online })
        return { items: rows.map((c) => chargerJson(c)), total, totalCapped: capped }
      },
      {
        query: z.object({
          search: z.string().max(100).optional(),
          online: z.enum(['true', 'false']).optional(),
          after: idParam.shape.id.optional(),
          ...page,
        }),
        detail: {
          summary: 'List chargers',
          description:
            'In id order. `search` finds chargers whose id or label contains the text, in any case; its `total` stops at 1000 (`totalCapped: true`). Page with `after` (the last id of the previous page: stable while chargers are added) or `offset`.',
        },
      },
    )
    .get(
      '/:id',
      async ({ params, set }) => {
        const c = await chargers.find(params.id)
        if (!c) return notFound(set, `no charger ${params.id}`)
        const [connectors, open] = await Promise.all([
          chargers.connectorsOf(c.id),
          transactions.list({ chargerId: c.id, open: true, limit: 50, offset: 0 }),
        ])
        return { ...chargerJson(c, connectors), activeTransactions: open.rows.map(transactionJson) }
      },
      { params: idParam, detail: { summary: 'Get a charger with its connectors and running transactions' } },
    )
    .put(
      '/:id',
      async ({ params, body, set }) => {
        const existed = await chargers.find(params.id)
        await deps.writer.write([
          chargers.upsert({ id: params.id, label: body.label, registration: body.registration, now: now() }),
        ])
        set.status = existed ? 200 : 201
        return chargerJson((await chargers.find(params.id))!)
      },
      {
        params: newIdParam,
        body: z.strictObject({
          label: z.string().max(100).nullable().optional(),
          registration: z.enum(['Accepted', 'Pending', 'Rejected']).optional(),
        }),
        detail: { summary: 'Register a charger, or update its label and registration status' },
      },
    )
    .put(
      '/:id/password',
      async ({ params, body, set }) => {
        if (!(await chargers.find(params.id))) return notFound(set, `no charger ${params.id}`)
        await deps.writer.write([
          chargers.setPasswordHash(params.id, await hashChargerPassword(body.password), now()),
        ])
        set.status = 204
      },
      {
        params: idParam,
        body: z.strictObject({ password: z.string().min(CHARGER_PASSWORD_MIN).max(CHARGER_PASSWORD_MAX) }),
        detail: { summary: 'Set the HTTP Basic password the charger must present (security profile 1/2)' },
      },
    )
    .delete(
      '/:id/password',
      async ({ params, set }) => {
        if (!(await chargers.find(params.id))) return notFound(set, `no charger ${params.id}`)
        await deps.writer.write([chargers.setPasswordHash(params.id, null, now())])
        set.status = 204
      },
      {
        params: idParam,
        detail: { summary: 'Remove the charger password (no authentication: security profile 0)' },
      },
    )
    .post(
      '/:id/commands',
      async ({ params, body, set }) => {
        if (!(await chargers.find(params.id))) return notFound(set, `no charger ${params.id}`)
        const result = await sendChargerCommand(deps.bus, params.id, body, deps.timeouts.requestMs)
        set.status = outcomeStatus[result.status] ?? 200
        return result
      },
      {
        params: idParam,
        body: chargerCommandSchema,
        detail: {
          summary: 'Send a command to the charger',
          description:
            "Answers with the charger's outcome (200: Accepted, Rejected, NotSupported, Failed, ...); 409 Offline when no node holds its connection; 504 Timeout; 429 Busy when too many commands wait.",
        },
      },
    )
}
