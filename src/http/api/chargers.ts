import { sendChargerCommand } from '@actors/charger/client'
import type { ChargerRow } from '@src/db/repos/chargers'
import type { Deps } from '@src/deps'
import { chargerCommandSchema } from '@src/domain/charger/command-schema'
import type { Scope } from '@src/domain/tenancy/scope'
import { CHARGER_PASSWORD_MAX, CHARGER_PASSWORD_MIN, hashChargerPassword } from '@src/ocpp/charger-auth'
import { IDENTITY_RULE, isChargerId, MAX_IDENTITY_LENGTH } from '@src/ocpp/identity'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiScoped, notFound, refused } from './guard'
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
  const { chargers, transactions } = deps.scoped
  const { audit } = deps.services
  const now = () => deps.clock.now()
  /** The audit entry of a password set or removed: whether one is set, never the password or its hash. */
  const passwordAudit = (scope: Scope, c: ChargerRow, set: boolean) =>
    audit.entry(scope, {
      organizationId: c.organizationId,
      action: set ? 'charger.passwordSet' : 'charger.passwordRemoved',
      entity: 'charger',
      entityId: c.id,
      before: { passwordSet: c.passwordHash !== null },
      after: { passwordSet: set },
    })
  return new Elysia({ prefix: '/chargers', detail: { tags: ['Chargers'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ query, scope }) => {
        const online = query.online === undefined ? undefined : query.online === 'true'
        const { rows, total, capped } = await chargers.list(scope, { ...query, online })
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
      async ({ params, set, scope }) => {
        const c = await chargers.find(scope, params.id)
        if (!c) return notFound(set, `no charger ${params.id}`)
        const [connectors, open] = await Promise.all([
          chargers.connectorsOf(c),
          transactions.list(scope, { chargerId: c.id, open: true, limit: 50, offset: 0 }),
        ])
        return { ...chargerJson(c, connectors), activeTransactions: open.rows.map(transactionJson) }
      },
      { params: idParam, detail: { summary: 'Get a charger with its connectors and running transactions' } },
    )
    .put(
      '/:id',
      async ({ params, body, set, scope }) => {
        const allowed = await chargers.mayRegister(scope, {
          id: params.id,
          organizationId: body.organizationId,
        })
        if (!allowed.ok) return refused(set, allowed)
        const { before, organizationId } = allowed
        const v = { id: params.id, label: body.label, registration: body.registration, now: now() }
        const after = { ...(before ? chargerJson(before) : { id: params.id }), ...body, organizationId }
        await deps.writer.write([
          chargers.register(allowed, v),
          audit.entry(scope, {
            organizationId,
            action: before ? 'charger.updated' : 'charger.registered',
            entity: 'charger',
            entityId: params.id,
            before: before ? chargerJson(before) : null,
            after,
          }),
        ])
        set.status = before ? 200 : 201
        return chargerJson((await chargers.find(scope, params.id))!)
      },
      {
        params: newIdParam,
        body: z.strictObject({
          label: z.string().max(100).nullable().optional(),
          registration: z.enum(['Accepted', 'Pending', 'Rejected']).optional(),
          organizationId: z.string().min(1).max(64).optional(),
        }),
        detail: { summary: 'Register a charger, or update its label and registration status' },
      },
    )
    .put(
      '/:id/password',
      async ({ params, body, set, scope }) => {
        const r = await chargers.reach(scope, params.id, 'chargers:write')
        if (!r.ok) return refused(set, r)
        await deps.writer.write([
          chargers.setPasswordHash(r.row, await hashChargerPassword(body.password), now()),
          passwordAudit(scope, r.row, true),
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
      async ({ params, set, scope }) => {
        const r = await chargers.reach(scope, params.id, 'chargers:write')
        if (!r.ok) return refused(set, r)
        await deps.writer.write([
          chargers.setPasswordHash(r.row, null, now()),
          passwordAudit(scope, r.row, false),
        ])
        set.status = 204
      },
      {
        params: idParam,
        detail: { summary: 'Remove the charger password (no authentication: security profile 0)' },
      },
    )
    .post(
      '/:id/commands',
      async ({ params, body, set, scope }) => {
        const r = await chargers.reach(scope, params.id, 'chargers:command')
        if (!r.ok) return refused(set, r)
        const result = await sendChargerCommand(deps.bus, params.id, body, deps.timeouts.requestMs)
        await deps.writer.write([
          audit.entry(scope, {
            organizationId: r.row.organizationId,
            action: `command.${body.type}`,
            entity: 'charger',
            entityId: params.id,
            before: null,
            after: { command: body.type, status: result.status },
          }),
        ])
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
