import type { WriteQuery } from '@src/db/writer'
import { emptyMeter, meterEnergyWh } from '@src/domain/charger/energy'
import type { IdTokenInfo } from '@src/domain/charger/types'
import { randomId } from '@src/lib/ids'
import type { Authorization } from './authorization'
import type { ChargerContext } from './context'
import { meterFields, redecideMeter } from './meter-store'
import type { TxMsg } from './protocol'
import type { OpenTx } from './state'
import { forget, publishEnded, publishSamples, publishStarted } from './transaction-news'
import { foldAll, offered } from './transaction-readings'
import { endRow, eventRow, SUPERSEDED } from './transaction-rows'

/**
 * A message for a transaction whose id we assign but never gave (a station that lost its memory, or
 * another CSMS's id): answered, so the station stops retrying, and recorded with its samples in the
 * charger's event log, so nothing is lost. The station names no connector in a 1.6 stop, so the
 * samples are filed under EVSE 0.
 */
export async function recordUnknown(ctx: ChargerContext, msg: TxMsg, wireTxId: string): Promise<number> {
  const { deps } = ctx
  const log = deps.chargers.logEvent(ctx.chargerId, deps.clock.now(), 'UnknownTransactionStopped', {
    transactionId: wireTxId,
    meterStopWh: msg.type === 'charger.transactionEnded' ? (msg.meterStopWh ?? null) : null,
    timestamp: msg.at,
    reason: msg.type === 'charger.transactionEnded' ? msg.reason : null,
    idTag: msg.idToken?.id ?? null,
  })
  const samples = deps.transactions.insertSamples(ctx.chargerId, msg.evseId ?? 0, null, msg.samples)
  await deps.writer.write([log, ...samples])
  return Number(wireTxId)
}

/**
 * OCPP 1.6: the start of a transaction whose id we assign. A retransmitted start (same EVSE, start time
 * and token, on any connection) gets the same id back.
 */
export async function assignedStart(
  ctx: ChargerContext,
  msg: TxMsg,
  info: IdTokenInfo | undefined,
  auth?: Authorization,
): Promise<number> {
  for (const tx of ctx.state.open.values()) {
    if (tx.evseId === msg.evseId && tx.startedAt === msg.at && tx.idTag === (msg.idToken?.id ?? null))
      return tx.id
  }
  return create(ctx, msg, undefined, info, auth)
}

/**
 * A transaction first heard of in `msg`, inserted with its event and samples in one commit. A running
 * transaction on the same EVSE that started before it is ended first (the station evidently lost it: a
 * power cut without a stop), in the same commit.
 */
export async function create(
  ctx: ChargerContext,
  msg: TxMsg,
  wireTxId: string | undefined,
  info: IdTokenInfo | undefined,
  auth?: Authorization,
): Promise<number> {
  const { deps, chargerId } = ctx
  const now = deps.clock.now()
  const evseId = msg.evseId ?? 0
  const ended = msg.type === 'charger.transactionEnded'
  const lost = [...ctx.state.open.values()].filter(
    (o) => evseId > 0 && o.evseId === evseId && (wireTxId === undefined || o.startedAt <= msg.at),
  )
  const writes: WriteQuery[] = []
  const superseded: { tx: OpenTx; at: number }[] = []
  for (const tx of lost) {
    const end = await supersede(ctx, tx, msg.at, now)
    writes.push(end.write)
    superseded.push({ tx, at: end.at })
  }
  const meter = foldAll(emptyMeter(), offered(msg), {
    startedAt: msg.at,
    endedAt: ended ? msg.at : null,
    now,
  })
  const wire = wireTxId ?? `pending-${randomId(9)}`
  const idTag = ended ? null : (msg.idToken?.id ?? null)
  const insertAt = writes.length
  writes.push(
    deps.transactions.insertTransaction({
      chargerId,
      evseId,
      connectorId: msg.connectorId ?? (evseId > 0 ? 1 : 0),
      ocppTxId: wire,
      idTag,
      startStatus: ended ? null : (info?.status ?? null),
      reservationId: msg.reservationId ?? null,
      remoteStartId: msg.remoteStartId ?? null,
      startedAt: msg.at,
      chargingState: msg.chargingState ?? null,
      endedAt: ended ? msg.at : null,
      meterStopWh: ended ? (meter.stop?.wh ?? null) : null,
      energyWh: ended ? meterEnergyWh(meter) : null,
      stopReason: ended ? msg.reason : null,
      stopIdTag: ended ? (msg.idToken?.id ?? null) : null,
      ...(ended ? {} : auth?.grant),
      ...meterFields(meter, now),
    }),
  )
  if (!ended && msg.chargingState)
    writes.push(deps.transactions.recordFirstChargingState(chargerId, wire, msg.at, msg.chargingState))
  if (!ended && auth?.refusal) writes.push(auth.refusal)
  if (msg.seq) writes.push(eventRow(ctx, wire, msg, now))
  writes.push(...deps.transactions.insertSamples(chargerId, evseId, { wireTxId: wire }, msg.samples))
  if (wireTxId === undefined) writes.push(deps.transactions.setWireIdToRowId(chargerId, wire))
  if (msg.reservationId !== undefined)
    writes.push(deps.device.setReservationStatus(chargerId, msg.reservationId, 'Used', now))
  const results = (await deps.writer.write(writes)) as unknown[]
  for (const { tx, at } of superseded) forget(ctx, tx, SUPERSEDED, at)
  const id = (results[insertAt] as { id: number }[] | undefined)?.[0]?.id
  if (id === undefined) throw new Error('transaction insert returned no row')
  const tx: OpenTx = {
    id,
    wireTxId: wireTxId ?? String(id),
    evseId,
    connectorId: msg.connectorId ?? (evseId > 0 ? 1 : 0),
    idTag,
    startedAt: msg.at,
    meter,
    chargingState: msg.chargingState ?? null,
    ...(msg.seq ? { maxSeqNo: msg.seq.seqNo } : {}),
  }
  publishStarted(ctx, tx)
  if (msg.type === 'charger.transactionEnded') {
    publishEnded(ctx, tx, msg.reason, msg.at)
  } else {
    ctx.state.open.set(tx.wireTxId, tx)
    if (msg.samples.length) publishSamples(ctx, evseId, tx, msg.samples)
  }
  return id
}

/**
 * The writes that end a transaction the station lost: at its last reading (never before its start, never
 * after the newer transaction began), with the meter decided from everything stored for it.
 */
async function supersede(
  ctx: ChargerContext,
  tx: OpenTx,
  newerAt: number,
  now: number,
): Promise<{ write: WriteQuery; at: number }> {
  const at = Math.max(tx.startedAt, Math.min(newerAt, tx.meter.stop?.at ?? tx.startedAt))
  tx.meter = await redecideMeter(ctx, tx, [], { startedAt: tx.startedAt, endedAt: at, now })
  return { write: endRow(ctx, tx.id, tx.meter, { at, reason: SUPERSEDED, stopIdTag: null }, now), at }
}
