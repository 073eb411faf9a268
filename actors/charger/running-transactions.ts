import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import { sameMeter, type TxWindow } from '@src/domain/charger/energy'
import type { IdTokenInfo } from '@src/domain/charger/types'
import type { Authorization } from './authorization'
import type { ChargerContext } from './context'
import { meterFields, redecideMeter } from './meter-store'
import type { OpenTx } from './state'
import { forget, publishSamples } from './transaction-news'
import { foldAll, offered, type TxInput } from './transaction-readings'
import { endRow, eventRow } from './transaction-rows'

/** What a message adds to what is known of a running transaction, beyond its readings. */
function patchFrom(
  tx: OpenTx,
  msg: TxInput,
  info: IdTokenInfo | undefined,
  auth: Authorization | undefined,
): Partial<TransactionRow> {
  const patch: Partial<TransactionRow> = {}
  if (msg.type === 'charger.meterSampled') return patch
  if (msg.idToken && msg.type !== 'charger.transactionEnded' && tx.idTag === null) {
    patch.idTag = msg.idToken.id
    patch.startStatus = info?.status ?? null
    Object.assign(patch, auth?.grant)
  }
  if (msg.chargingState && msg.chargingState !== tx.chargingState) patch.chargingState = msg.chargingState
  if (msg.type === 'charger.transactionStarted' && msg.at < tx.startedAt) patch.startedAt = msg.at
  if (msg.remoteStartId !== undefined) patch.remoteStartId = msg.remoteStartId
  return patch
}

/**
 * A message about a running transaction: its samples and readings, what it tells of the transaction,
 * and its end. The meter is folded for ordinary samples; when the window changes (the end, or a start
 * that turns out earlier while no own start reading is known), it is decided again from everything stored.
 */
export async function carryOn(
  ctx: ChargerContext,
  tx: OpenTx,
  msg: TxInput,
  info: IdTokenInfo | undefined,
  auth?: Authorization,
): Promise<void> {
  const { deps } = ctx
  const now = deps.clock.now()
  const patch = patchFrom(tx, msg, info, auth)
  const readings = offered(msg)
  const ending = msg.type === 'charger.transactionEnded'
  const window: TxWindow = {
    startedAt: patch.startedAt ?? tx.startedAt,
    endedAt: ending ? msg.at : null,
    now,
  }
  const moved = patch.startedAt !== undefined && (tx.meter.start?.rank ?? 0) === 0
  const meter =
    ending || moved ? await redecideMeter(ctx, tx, readings, window) : foldAll(tx.meter, readings, window)
  const writes: WriteQuery[] = []
  if (msg.type !== 'charger.meterSampled' && msg.seq) writes.push(eventRow(ctx, tx.wireTxId, msg, now))
  writes.push(...deps.transactions.insertSamples(ctx.chargerId, tx.evseId, tx.id, msg.samples))
  if (patch.idTag !== undefined && auth?.refusal) writes.push(auth.refusal)
  if (msg.type === 'charger.transactionEnded') {
    const stopIdTag = msg.idToken?.id ?? null
    writes.push(endRow(ctx, tx.id, meter, { at: msg.at, reason: msg.reason, stopIdTag }, now, patch))
  } else if (Object.keys(patch).length) {
    writes.push(deps.transactions.patch(tx.id, { ...patch, ...meterFields(meter, now) }))
    if (patch.chargingState && msg.type !== 'charger.meterSampled')
      writes.push(deps.transactions.recordChargingState(tx.id, msg.at, patch.chargingState))
  } else if (!sameMeter(meter, tx.meter)) {
    writes.push(deps.transactions.patchMeter(tx.id, meterFields(meter, now)))
  }
  await deps.writer.write(writes)
  tx.meter = meter
  if (msg.type !== 'charger.meterSampled' && msg.seq) tx.maxSeqNo = Math.max(tx.maxSeqNo ?? -1, msg.seq.seqNo)
  if (patch.idTag !== undefined) tx.idTag = patch.idTag
  if (patch.startedAt !== undefined) tx.startedAt = patch.startedAt
  if (msg.samples.length) publishSamples(ctx, tx.evseId, tx, msg.samples)
  if (msg.type === 'charger.transactionEnded') return forget(ctx, tx, msg.reason, msg.at)
  if (patch.chargingState && msg.type !== 'charger.meterSampled' && msg.chargingState) {
    tx.chargingState = msg.chargingState
    ctx.publish({
      type: 'charger.transactionUpdated',
      chargerId: ctx.chargerId,
      transactionId: tx.id,
      evseId: tx.evseId,
      chargingState: msg.chargingState,
      at: msg.at,
    })
  }
}
