import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import { emptySpan } from '@src/domain/charger/energy'
import type { IdTokenInfo } from '@src/domain/charger/types'
import type { ChargerMsg } from './protocol'
import type { OpenTx } from './state'
import { publishStarted } from './transactions'
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

type EventMsg = Extract<ChargerMsg, { type: 'charger.transactionEvent' }>

/**
 * An OCPP 2.0.1 TransactionEvent. The station names the transaction, so events can arrive in any
 * order, twice (a replay after a lost answer), or late (queued offline). Each event is stored once
 * (by seqNo); the transaction is created by whichever event comes first; energy follows the register
 * span (order-independent); an Ended transaction is never reopened, late events only add samples.
 */
export async function transactionEvent(
  ctx: TxContext,
  msg: EventMsg,
): Promise<{ idTokenInfo?: IdTokenInfo }> {
  const purpose =
    msg.eventType === 'Ended'
      ? ({ kind: 'stop' } as const)
      : ({ kind: 'start', evseId: msg.evseId ?? 0 } as const)
  const idTokenInfo = msg.idToken ? await authorizeToken(ctx, msg.idToken, purpose) : undefined
  const answer = idTokenInfo ? { idTokenInfo } : {}
  const { deps } = ctx
  const maxSeqNo = await storedMaxSeqNo(ctx, msg)
  if (maxSeqNo === 'seen') return answer
  const event = deps.transactions.insertEvent({
    chargerId: ctx.chargerId,
    ocppTxId: msg.wireTxId,
    seqNo: msg.seqNo,
    eventType: msg.eventType,
    triggerReason: msg.triggerReason,
    at: msg.timestamp,
    offline: msg.offline,
    receivedAt: deps.clock.now(),
  })
  const found = (await findTx(ctx, msg.wireTxId)) ?? {
    kind: 'open' as const,
    tx: await createTx(ctx, msg, idTokenInfo),
  }
  if (found.kind === 'ended') {
    const late = latePatch(found.row, msg, idTokenInfo)
    const patch = Object.keys(late).length ? [deps.transactions.patch(found.row.id, late)] : []
    await deps.writer.write([event, ...lateSamples(ctx, found.row, msg.samples), ...patch])
    return answer
  }
  const tx = found.tx
  const patch = patchFrom(tx, msg, idTokenInfo)
  if (msg.eventType === 'Ended') {
    const stopIdTag = msg.idToken?.id ?? null
    const extra = [event, ...(Object.keys(patch).length ? [deps.transactions.patch(tx.id, patch)] : [])]
    await endTransaction(ctx, tx, {
      at: msg.timestamp,
      reason: msg.stoppedReason ?? null,
      stopIdTag,
      samples: msg.samples,
      extra,
    })
    return answer
  }
  await applyUpdate(ctx, tx, msg, patch, event)
  tx.maxSeqNo = Math.max(maxSeqNo, msg.seqNo)
  return answer
}

/**
 * The highest seqNo stored for the event's transaction, or 'seen' for a replay. An open transaction
 * remembers it, so an event newer than every stored one (the usual case) needs no lookup.
 */
async function storedMaxSeqNo(ctx: TxContext, msg: EventMsg): Promise<number | 'seen'> {
  const known = ctx.state.open.get(msg.wireTxId)?.maxSeqNo
  if (known !== undefined && msg.seqNo > known) return known
  const stored = await ctx.deps.transactions.seqNos(ctx.chargerId, msg.wireTxId, msg.seqNo)
  return stored.seen ? 'seen' : (stored.max ?? -1)
}

/** What this event adds to what we know of the transaction. */
function patchFrom(tx: OpenTx, msg: EventMsg, info: IdTokenInfo | undefined): Partial<TransactionRow> {
  const patch: Partial<TransactionRow> = {}
  if (msg.idToken && msg.eventType !== 'Ended' && tx.idTag === null) {
    patch.idTag = msg.idToken.id
    patch.startStatus = info?.status ?? null
  }
  if (msg.chargingState && msg.chargingState !== tx.chargingState) patch.chargingState = msg.chargingState
  if (msg.eventType === 'Started' && msg.timestamp < tx.startedAt) patch.startedAt = msg.timestamp
  if (msg.remoteStartId !== undefined) patch.remoteStartId = msg.remoteStartId
  return patch
}

/** What a late event may still correct on an ended transaction: its start time and its token. */
function latePatch(
  row: TransactionRow,
  msg: EventMsg,
  info: IdTokenInfo | undefined,
): Partial<TransactionRow> {
  const patch: Partial<TransactionRow> = {}
  if (msg.eventType === 'Started' && msg.timestamp < row.startedAt) patch.startedAt = msg.timestamp
  if (msg.idToken && msg.eventType !== 'Ended' && row.idTag === null) {
    patch.idTag = msg.idToken.id
    patch.startStatus = info?.status ?? null
  }
  return patch
}

async function applyUpdate(
  ctx: TxContext,
  tx: OpenTx,
  msg: EventMsg,
  patch: Partial<TransactionRow>,
  event: WriteQuery,
): Promise<void> {
  const { deps } = ctx
  const span = widen(tx.span, msg.samples)
  const writes: WriteQuery[] = [event]
  writes.push(...deps.transactions.insertSamples(ctx.chargerId, tx.evseId, tx.id, msg.samples))
  writes.push(spanPatch(ctx, tx.id, span, patch))
  await deps.writer.write(writes)
  tx.span = span
  if (patch.idTag !== undefined) tx.idTag = patch.idTag
  if (patch.startedAt !== undefined) tx.startedAt = patch.startedAt
  if (msg.samples.length) publishSamples(ctx, tx.evseId, tx, tx.id, msg.samples)
  if (patch.chargingState && msg.chargingState) {
    tx.chargingState = msg.chargingState
    ctx.publish({
      type: 'charger.transactionUpdated',
      chargerId: ctx.chargerId,
      transactionId: tx.id,
      evseId: tx.evseId,
      chargingState: msg.chargingState,
      at: msg.timestamp,
    })
  }
}

/** Creates the transaction from the first event we see of it (not necessarily Started). */
async function createTx(ctx: TxContext, msg: EventMsg, info: IdTokenInfo | undefined): Promise<OpenTx> {
  const { deps } = ctx
  const evseId = msg.evseId ?? 0
  for (const other of ctx.state.open.values()) {
    if (other.evseId === evseId && evseId > 0 && (other.span.lastAt ?? other.startedAt) <= msg.timestamp) {
      await endTransaction(ctx, other, {
        at: supersededAt(other),
        reason: 'Superseded',
        stopIdTag: null,
        samples: [],
      })
    }
  }
  const startedAt = Math.min(msg.timestamp, ...msg.samples.map((s) => s.timestamp))
  const now = deps.clock.now()
  const insert = deps.transactions.insertStart({
    chargerId: ctx.chargerId,
    evseId,
    connectorId: msg.connectorId ?? (evseId > 0 ? 1 : 0),
    idTag: msg.eventType === 'Ended' ? null : (msg.idToken?.id ?? null),
    startStatus: msg.eventType === 'Ended' ? null : (info?.status ?? null),
    reservationId: msg.reservationId ?? null,
    startedAt,
    meterStartWh: null,
    ocppTxId: msg.wireTxId,
    remoteStartId: msg.remoteStartId ?? null,
    now,
  })
  const more: WriteQuery[] = []
  if (msg.reservationId !== undefined)
    more.push(deps.device.setReservationStatus(ctx.chargerId, msg.reservationId, 'Used', now))
  const [inserted] = await deps.writer.write([insert, ...more])
  const tx: OpenTx = {
    id: inserted[0]!.id,
    wireTxId: msg.wireTxId,
    evseId,
    connectorId: msg.connectorId ?? 1,
    idTag: msg.eventType === 'Ended' ? null : (msg.idToken?.id ?? null),
    startedAt,
    span: emptySpan(),
    chargingState: null,
  }
  ctx.state.open.set(tx.wireTxId, tx)
  publishStarted(ctx, tx)
  return tx
}
