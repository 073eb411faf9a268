import type { TransactionRow } from '@src/db/repos/transactions'
import type { Deps } from '@src/deps'
import type { LiveSession } from '@src/domain/sessions/live-session'
import type { Scope } from '@src/domain/tenancy/scope'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, notFound } from './guard'

const instant = z.iso.datetime()
const amount = z.string()
/** A charging session in the API: its live view, amounts as decimal text (never floats). */
const sessionSchema = z.object({
  transactionId: z.number().int(),
  organizationId: z.string(),
  chargerId: z.string(),
  evseId: z.number().int(),
  idTag: z.string().nullable(),
  /** The driver whose card it is; null for a card of no driver (or none). */
  driverId: z.string().nullable(),
  state: z.enum(['running', 'ended']),
  startedAt: instant,
  endedAt: instant.nullable(),
  energyWh: z.number().nullable(),
  powerW: z.number().nullable(),
  cost: z
    .object({
      tariffId: z.string(),
      tariffVersion: z.number().int(),
      currency: z.string(),
      exclVat: amount,
      inclVat: amount.nullable(),
      pricedUntil: instant,
    })
    .nullable(),
  departureAt: instant.nullable(),
  /** When this view was made: the session actor's last update, or now when read from the database. */
  updatedAt: instant,
  /** The session's CDR once it has one (its last generation). */
  cdrId: z.string().nullable(),
})

type SessionJson = z.infer<typeof sessionSchema>
const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

/**
 * `/api/v1/sessions`: charging sessions as they run, with energy, power and the cost so far. Served
 * by `LiveSessions`: the session actor's view where the session runs on this node, else the stored
 * transaction priced by `SessionCosts`, so every node answers the same, after a restart too. An ended
 * session shows its CDR's total and id.
 */
export function sessionsApi(deps: Deps) {
  const { transactions } = deps.scoped
  const json = (scope: Scope) => (tx: TransactionRow) => sessionJson(deps, scope, tx)
  return new Elysia({ prefix: '/sessions', detail: { tags: ['Sessions'] } })
    .use(apiScoped(deps))
    .get(
      '',
      async ({ query, scope }) => {
        const { rows, total } = await transactions.list(scope, { ...query, open: true })
        return { items: await Promise.all(rows.map(json(scope))), total }
      },
      {
        query: z.object({
          siteId: z.string().min(1).max(64).optional(),
          chargerId: z.string().min(1).max(48).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(sessionSchema), total: z.number().int() }), ...apiErrors },
        detail: { summary: 'List the running sessions, newest first' },
      },
    )
    .get(
      '/:transactionId',
      async ({ params, set, scope }) => {
        const tx = await transactions.find(scope, params.transactionId)
        if (!tx) return notFound(set, `no session ${params.transactionId}`)
        return json(scope)(tx)
      },
      {
        params: z.object({ transactionId: z.coerce.number().int().positive() }),
        response: { 200: sessionSchema, ...apiErrors, 404: apiErrorSchema },
        detail: {
          summary: 'Get a session, running or ended, with its cost so far (or final) and its CDR id',
          description:
            "cost: null under no tariff; amounts are the billed totals as decimal text. An ended session's cost is its CDR's.",
        },
      },
    )
}

async function sessionJson(deps: Deps, scope: Scope, tx: TransactionRow): Promise<SessionJson> {
  const [live, token, cdr] = await Promise.all([
    deps.services.liveSessions.of(tx),
    tx.idTag === null ? undefined : deps.scoped.tokens.find(scope, tx.idTag),
    tx.endedAt === null ? undefined : deps.repos.cdrs.ofTransaction(tx.id),
  ])
  const view: LiveSession = cdr
    ? {
        ...live,
        energyWh: cdr.energyWh,
        cost:
          cdr.tariffId !== null && cdr.tariffVersion !== null && cdr.currency !== null
            ? {
                tariffId: cdr.tariffId,
                tariffVersion: cdr.tariffVersion,
                currency: cdr.currency,
                exclVat: cdr.totalExclVat,
                inclVat: cdr.totalInclVat,
                pricedUntil: cdr.endedAt,
              }
            : null,
      }
    : live
  return {
    transactionId: view.transactionId,
    organizationId: view.organizationId,
    chargerId: view.chargerId,
    evseId: view.evseId,
    idTag: view.idTag,
    driverId: token?.driverId ?? null,
    state: view.state,
    startedAt: iso(view.startedAt),
    endedAt: isoOrNull(tx.endedAt),
    energyWh: view.energyWh,
    powerW: view.powerW,
    cost: view.cost && { ...view.cost, pricedUntil: iso(view.cost.pricedUntil) },
    departureAt: isoOrNull(view.departureAt),
    updatedAt: iso(view.at),
    cdrId: cdr?.id ?? null,
  }
}
