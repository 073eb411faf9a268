import {
  type ChargerCommand,
  type CommandOutcome,
  outcome,
  type WireCommand,
} from '@src/domain/charger/commands'
import { authorizeToken } from './authorization'
import type { ChargerContext } from './context'
import type { ChargerLink } from './protocol'

/**
 * Resolves what a command refers to into what the wire needs, then sends it: a transaction's wire id
 * (it must be this charger's), a new reservation's id. A remote start is decided by the access
 * policies first: a refused token is answered Rejected with the explanation, recorded, and never sent. Afterwards, results that change what we know are
 * recorded (reservation status, configuration values read).
 */
export async function runCommand(
  ctx: ChargerContext,
  link: ChargerLink,
  command: ChargerCommand,
  deadline: number,
): Promise<CommandOutcome> {
  if (command.type === 'setChargingProfile' && command.fence && !admit(ctx, command.fence)) {
    return outcome.rejected(`stale setpoint: ${command.fence.key} has a newer owner`)
  }
  const resolved = await resolve(ctx, command)
  if ('status' in resolved) return resolved
  const result = await link.send(resolved, deadline)
  await record(ctx, resolved, result)
  return result
}

/** Admits a fenced setpoint unless a newer token was seen for its key; remembers the newest. */
function admit(ctx: ChargerContext, fence: { key: string; token: number }): boolean {
  const newest = ctx.state.fences?.get(fence.key) ?? 0
  if (fence.token < newest) return false
  ctx.state.fences ??= new Map()
  ctx.state.fences.set(fence.key, fence.token)
  return true
}

async function resolve(ctx: ChargerContext, c: ChargerCommand): Promise<WireCommand | CommandOutcome> {
  const { deps } = ctx
  if (c.type === 'remoteStop') {
    const row = await deps.transactions.find(c.transactionId)
    if (!row || row.chargerId !== ctx.chargerId)
      return outcome.rejected(`transaction ${c.transactionId} is not on this charger`)
    if (row.endedAt !== null) return outcome.rejected(`transaction ${c.transactionId} has already ended`)
    return { ...c, wireTxId: row.ocppTxId }
  }
  if (c.type === 'costUpdated') {
    const row = await deps.transactions.find(c.transactionId)
    if (!row || row.chargerId !== ctx.chargerId)
      return outcome.rejected(`transaction ${c.transactionId} is not on this charger`)
    return { ...c, wireTxId: row.ocppTxId }
  }
  if (c.type === 'remoteStart') {
    const auth = await authorizeToken(ctx, { id: c.idTag }, { kind: 'remoteStart', evseId: c.evseId ?? null })
    if (!auth.refusal) return c
    await deps.writer.write([auth.refusal])
    return {
      status: 'Rejected',
      detail: `token ${c.idTag} refused (${auth.info.status}): ${auth.explanation.join('; ')}`,
      data: { access: { status: auth.info.status, explanation: auth.explanation } },
    }
  }
  if (c.type === 'setChargingProfile' && c.profile.transactionId !== undefined) {
    const row = await deps.transactions.find(c.profile.transactionId)
    if (!row || row.chargerId !== ctx.chargerId || row.endedAt !== null) {
      return outcome.rejected(`transaction ${c.profile.transactionId} is not running on this charger`)
    }
    return { ...c, wireTxId: row.ocppTxId }
  }
  if (c.type === 'reserveNow') {
    const [[row]] = await deps.writer.write([
      deps.device.createReservation({
        chargerId: ctx.chargerId,
        evseId: c.evseId ?? null,
        idTag: c.idTag,
        expiresAt: c.expiresAt,
        now: deps.clock.now(),
      }),
    ] as const)
    return { ...c, reservationId: row!.id }
  }
  return c
}

async function record(ctx: ChargerContext, c: WireCommand, result: CommandOutcome): Promise<void> {
  const { deps } = ctx
  const now = deps.clock.now()
  if (c.type === 'reserveNow') {
    const status = result.status === 'Accepted' ? 'Accepted' : 'Rejected'
    await deps.writer.write([deps.device.setReservationStatus(ctx.chargerId, c.reservationId, status, now)])
    result.data = { ...result.data, reservationId: c.reservationId }
  } else if (c.type === 'cancelReservation' && result.status === 'Accepted') {
    await deps.writer.write([
      deps.device.setReservationStatus(ctx.chargerId, c.reservationId, 'Cancelled', now),
    ])
  }
  const variables = result.data?.variables as Parameters<typeof deps.device.upsertVariables>[1] | undefined
  if (variables?.length) await deps.writer.write([deps.device.upsertVariables(ctx.chargerId, variables, now)])
}
