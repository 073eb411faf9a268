import type { WriteQuery } from '@src/db/writer'
import { emptySpan, mergeReading, sameSpan } from '@src/domain/charger/energy'
import type { IdTokenInfo } from '@src/domain/charger/types'
import { randomId } from '@src/lib/ids'
import type { ChargerMsg, StartAnswer } from './protocol'
import type { OpenTx } from './state'
import {
  authorizeToken,
  endTransaction,
  findTx,
  lateSamples,
  publishSamples,
  spanPatch,
  supersededAt,
  type TxContext,
  widen,
} from './tx-common'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/**
 * A transaction started (OCPP 1.6: the CSMS assigns the id). A retransmitted start (same connector,
 * start time and token) gets the same transaction id back; a start on a connector that still has an
 * open transaction ends that one first, since the station has evidently lost it (a power cut without
 * a stop).
 */
export async function startTransaction(
  ctx: TxContext,
  msg: Msg<'charger.startTransaction'>,
): Promise<StartAnswer> {
  const idTokenInfo = await authorizeToken(ctx, msg.idToken, { kind: 'start', evseId: msg.evseId })
  for (const tx of ctx.state.open.values()) {
    if (tx.evseId !== msg.evseId) continue
    if (tx.startedAt === msg.timestamp && tx.idTag === msg.idToken.id)
      return { transactionId: tx.id, idTokenInfo }
    await endTransaction(ctx, tx, {
      at: supersededAt(tx),
      reason: 'Superseded',
      stopIdTag: null,
      samples: [],
    })
  }
  const { deps } = ctx
  const now = deps.clock.now()
  const provisional = `pending-${randomId(9)}`
  const writes = [
    deps.transactions.insertStart({
      chargerId: ctx.chargerId,
      evseId: msg.evseId,
      connectorId: msg.connectorId,
      idTag: msg.idToken.id,
      startStatus: idTokenInfo.status,
      reservationId: msg.reservationId ?? null,
      startedAt: msg.timestamp,
      meterStartWh: msg.meterStartWh,
      ocppTxId: provisional,
      now,
    }),
    deps.transactions.setWireIdToRowId(ctx.chargerId, provisional),
  ] as const
  const more: WriteQuery[] = []
  if (msg.reservationId !== undefined)
    more.push(deps.device.setReservationStatus(ctx.chargerId, msg.reservationId, 'Used', now))
  const [inserted] = await deps.writer.write([...writes, ...more])
  const id = inserted[0]?.id
  if (id === undefined) throw new Error('transaction insert returned no row')
  const tx: OpenTx = {
    id,
    wireTxId: String(id),
    evseId: msg.evseId,
    connectorId: msg.connectorId,
    idTag: msg.idToken.id,
    startedAt: msg.timestamp,
    span: mergeReading(emptySpan(), msg.timestamp, msg.meterStartWh),
    chargingState: null,
  }
  ctx.state.open.set(tx.wireTxId, tx)
  publishStarted(ctx, tx)
  return { transactionId: id, idTokenInfo }
}

/** Publishes a transaction's start. */
export function publishStarted(ctx: TxContext, tx: OpenTx): void {
  ctx.publish({
    type: 'charger.transactionStarted',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    connectorId: tx.connectorId,
    idTag: tx.idTag,
    meterStartWh: tx.span.startWh,
    at: tx.startedAt,
  })
}

/**
 * Meter values, stored in full. They widen the transaction's register span, so late or replayed
 * samples are kept but never rewind its energy. Samples for a transaction we do not know are kept
 * without one.
 */
export async function meterValues(ctx: TxContext, msg: Msg<'charger.meterValues'>): Promise<void> {
  if (msg.samples.length === 0) return
  const found = msg.wireTxId === undefined ? undefined : await findTx(ctx, msg.wireTxId)
  const { deps } = ctx
  if (found?.kind === 'ended') {
    await deps.writer.write(lateSamples(ctx, found.row, msg.samples))
    return
  }
  const tx = found?.tx
  const writes: WriteQuery[] = deps.transactions.insertSamples(
    ctx.chargerId,
    msg.evseId,
    tx?.id ?? null,
    msg.samples,
  )
  const span = tx ? widen(tx.span, msg.samples) : undefined
  if (tx && span && !sameSpan(span, tx.span)) writes.push(spanPatch(ctx, tx.id, span))
  await deps.writer.write(writes)
  if (tx && span) tx.span = span
  publishSamples(ctx, msg.evseId, tx, tx?.id ?? null, msg.samples)
}

/**
 * A transaction stopped. A repeated stop is answered again without changing anything; a stop for a
 * transaction we never heard of is answered (so the station stops retrying) and recorded with its
 * meter values, so nothing is lost.
 */
export async function stopTransaction(
  ctx: TxContext,
  msg: Msg<'charger.stopTransaction'>,
): Promise<{ idTokenInfo?: IdTokenInfo }> {
  const idTokenInfo = msg.idToken ? await authorizeToken(ctx, msg.idToken, { kind: 'stop' }) : undefined
  const answer = idTokenInfo ? { idTokenInfo } : {}
  const found = await findTx(ctx, msg.wireTxId)
  if (!found) {
    await recordUnknownStop(ctx, msg)
    return answer
  }
  if (found.kind === 'ended') return answer
  const stopReading = [
    {
      timestamp: msg.timestamp,
      measurand: 'Energy.Active.Import.Register',
      value: msg.meterStopWh,
      raw: String(msg.meterStopWh),
    },
  ]
  found.tx.span = widen(found.tx.span, stopReading)
  await endTransaction(ctx, found.tx, {
    at: msg.timestamp,
    reason: msg.reason ?? null,
    stopIdTag: msg.idToken?.id ?? null,
    samples: msg.samples,
  })
  return answer
}

async function recordUnknownStop(ctx: TxContext, msg: Msg<'charger.stopTransaction'>): Promise<void> {
  const { deps } = ctx
  const log = deps.chargers.logEvent(ctx.chargerId, deps.clock.now(), 'UnknownTransactionStopped', {
    transactionId: msg.wireTxId,
    meterStopWh: msg.meterStopWh,
    timestamp: msg.timestamp,
    reason: msg.reason ?? null,
    idTag: msg.idToken?.id ?? null,
  })
  // The station names no connector in a stop, and we cannot look it up: file the samples under EVSE 0.
  await deps.writer.write([log, ...deps.transactions.insertSamples(ctx.chargerId, 0, null, msg.samples)])
}
