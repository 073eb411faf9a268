import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import { decideAuthorization } from '@src/domain/charger/authorize'
import { mergeReading, type RegisterSpan, sameSpan, spanEnergyWh } from '@src/domain/charger/energy'
import type { ChargerEvent } from '@src/domain/charger/events'
import { liveReadings, registerReadings } from '@src/domain/charger/meter'
import type { IdToken, IdTokenInfo, MeterSample } from '@src/domain/charger/types'
import type { ChargerDeps } from './deps'
import { type ChargerState, type OpenTx, openTxFromRow, spanOf } from './state'

/** What the transaction handlers share with the actor. */
export interface TxContext {
  chargerId: string
  deps: ChargerDeps
  state: ChargerState
  publish(event: ChargerEvent): void
}

/**
 * Why a token is presented: to ask (Authorize: busy on this charger is fine, the driver may be stopping),
 * to start a transaction on an EVSE (busy anywhere else is concurrent), or to stop one (never busy).
 */
export type AuthorizePurpose = { kind: 'authorize' } | { kind: 'start'; evseId: number } | { kind: 'stop' }

/** Authorisation of a token presented at this charger, for the given purpose. */
export async function authorizeToken(
  ctx: TxContext,
  idToken: IdToken,
  purpose: AuthorizePurpose,
): Promise<IdTokenInfo> {
  const token = await ctx.deps.tokens.find(idToken.id)
  const mayBeBusy = purpose.kind !== 'stop' && token?.status === 'Accepted' && !token.allowConcurrentTx
  const open = mayBeBusy ? await ctx.deps.transactions.openOfTag(idToken.id) : []
  const busy = open.some(
    (o) => o.chargerId !== ctx.chargerId || (purpose.kind === 'start' && o.evseId !== purpose.evseId),
  )
  return decideAuthorization(token, ctx.deps.clock.now(), busy)
}

/** When a lost transaction is taken to have ended: at its last reading, never before its start. */
export const supersededAt = (tx: OpenTx) => Math.max(tx.startedAt, tx.span.lastAt ?? tx.startedAt)

/** A transaction found by its wire id: open (then held in memory), ended, or not known. */
export type FoundTx = { kind: 'open'; tx: OpenTx } | { kind: 'ended'; row: TransactionRow } | undefined

export async function findTx(ctx: TxContext, wireTxId: string): Promise<FoundTx> {
  const open = ctx.state.open.get(wireTxId)
  if (open) return { kind: 'open', tx: open }
  const row = await ctx.deps.transactions.findByWireId(ctx.chargerId, wireTxId)
  if (!row) return undefined
  if (row.endedAt !== null) return { kind: 'ended', row }
  const tx = openTxFromRow(row)
  ctx.state.open.set(tx.wireTxId, tx)
  return { kind: 'open', tx }
}

/** The span widened by the register readings among `samples`, ignoring readings after `until`. */
export function widen(
  span: RegisterSpan,
  samples: readonly MeterSample[],
  until = Number.POSITIVE_INFINITY,
): RegisterSpan {
  return registerReadings(samples)
    .filter((r) => r.at <= until)
    .reduce((s, r) => mergeReading(s, r.at, r.wh), span)
}

/** The query that stores a span on a transaction row. */
export function spanPatch(
  ctx: TxContext,
  id: number,
  span: RegisterSpan,
  extra: Partial<TransactionRow> = {},
): WriteQuery {
  const fields = {
    meterStartWh: span.startWh,
    meterStartAt: span.startAt,
    lastMeterWh: span.lastWh,
    lastMeterAt: span.lastAt,
    updatedAt: ctx.deps.clock.now(),
  }
  if (Object.keys(extra).length === 0) return ctx.deps.transactions.patchSpan(id, fields)
  return ctx.deps.transactions.patch(id, { ...fields, ...extra })
}

/**
 * Late samples for an ended transaction: stored, and they may only widen its span within its time
 * (a reading after the end is not part of it). Never reopens it.
 */
export function lateSamples(
  ctx: TxContext,
  row: TransactionRow,
  samples: readonly MeterSample[],
): WriteQuery[] {
  const before = spanOf(row)
  const span = widen(before, samples, row.endedAt ?? undefined)
  const writes: WriteQuery[] = ctx.deps.transactions.insertSamples(ctx.chargerId, row.evseId, row.id, samples)
  if (!sameSpan(span, before)) {
    writes.push(spanPatch(ctx, row.id, span, { energyWh: spanEnergyWh(span) ?? 0 }))
  }
  return writes
}

/** Ends an open transaction: stores its last samples and final energy, forgets it, publishes. */
export async function endTransaction(
  ctx: TxContext,
  tx: OpenTx,
  v: {
    at: number
    reason: string | null
    stopIdTag: string | null
    samples: readonly MeterSample[]
    extra?: WriteQuery[]
  },
): Promise<void> {
  const { deps } = ctx
  const span = widen(tx.span, v.samples, v.at)
  const energyWh = spanEnergyWh(span) ?? 0
  const writes: WriteQuery[] = [...(v.extra ?? [])]
  writes.push(...deps.transactions.insertSamples(ctx.chargerId, tx.evseId, tx.id, v.samples))
  writes.push(
    spanPatch(ctx, tx.id, span, {
      endedAt: v.at,
      meterStopWh: span.lastWh,
      energyWh,
      stopReason: v.reason,
      stopIdTag: v.stopIdTag,
    }),
  )
  await deps.writer.write(writes)
  ctx.state.open.delete(tx.wireTxId)
  ctx.publish({
    type: 'charger.transactionEnded',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    energyWh,
    reason: v.reason,
    at: v.at,
  })
}

/** Publishes what a batch of samples tells about a connector (power, current, SoC, energy so far). */
export function publishSamples(
  ctx: TxContext,
  evseId: number,
  tx: OpenTx | undefined,
  txId: number | null,
  samples: readonly MeterSample[],
): void {
  ctx.publish({
    type: 'charger.meterSampled',
    chargerId: ctx.chargerId,
    evseId,
    transactionId: txId,
    energyWh: tx ? spanEnergyWh(tx.span) : null,
    readings: liveReadings(samples),
    at: Math.max(...samples.map((s) => s.timestamp)),
  })
}
