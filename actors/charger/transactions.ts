import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import {
  emptyMeter,
  foldReading,
  meterEnergyWh,
  type OfferedReading,
  offeredReadings,
  sameMeter,
  type TxMeter,
  type TxWindow,
} from '@src/domain/charger/energy'
import { liveReadings } from '@src/domain/charger/meter'
import type { IdTokenInfo, MeterSample } from '@src/domain/charger/types'
import { randomId } from '@src/lib/ids'
import { type AuthorizePurpose, authorizeToken } from './authorization'
import type { ChargerContext } from './context'
import { meterFields, meterOf, redecideMeter } from './meter-store'
import type { ChargerMsg, TxAnswer, TxMsg } from './protocol'
import { type OpenTx, openTxFromRow } from './state'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>
/** What can add readings to a transaction: its own messages, and samples outside them. */
type TxInput = TxMsg | Msg<'charger.meterSampled'>

/** The stop reason of a transaction ended because a newer one started on its EVSE. */
export const SUPERSEDED = 'Superseded'

/**
 * One lifecycle for every transaction, whichever protocol version reports it. A message may be the
 * first we hear of its transaction (2.0.1 events arrive out of order, or late from an offline queue),
 * a replay (stored once by its seqNo, answered again), or late for a transaction already ended (its
 * samples are kept; an ended transaction is never reopened). Each message is one commit: the
 * transaction, its event and its samples together, before the charger gets its answer.
 */
export async function onTransaction(ctx: ChargerContext, msg: TxMsg): Promise<TxAnswer> {
  const info = msg.idToken ? await authorizeToken(ctx, msg.idToken, purposeOf(msg)) : undefined
  const answer = (transactionId: number): TxAnswer =>
    info ? { transactionId, idTokenInfo: info } : { transactionId }
  if (msg.txId === undefined) return answer(await assignedStart(ctx, msg, info))
  const found = await findTx(ctx, msg.txId)
  if (msg.seq && found && (await seen(ctx, msg.txId, msg.seq.seqNo, found))) return answer(idOf(found))
  if (!found && msg.idAssigned) return answer(await recordUnknown(ctx, msg, msg.txId))
  if (!found) return answer(await create(ctx, msg, msg.txId, info))
  if (found.kind === 'ended') {
    await late(ctx, found.row, msg, info)
    return answer(found.row.id)
  }
  await carryOn(ctx, found.tx, msg, info)
  return answer(found.tx.id)
}

/**
 * Samples outside a transaction message. Samples naming no transaction belong to the one running on
 * their EVSE, if any (they only fill in its readings).
 */
export async function onMeterSampled(ctx: ChargerContext, msg: Msg<'charger.meterSampled'>): Promise<void> {
  if (msg.samples.length === 0) return
  const found = msg.txId === undefined ? openOn(ctx, msg.evseId) : await findTx(ctx, msg.txId)
  const { deps } = ctx
  if (found?.kind === 'ended') return late(ctx, found.row, msg, undefined)
  if (found?.kind === 'open') return carryOn(ctx, found.tx, msg, undefined)
  await deps.writer.write(deps.transactions.insertSamples(ctx.chargerId, msg.evseId, null, msg.samples))
  publishSamples(ctx, msg.evseId, undefined, msg.samples)
}

function purposeOf(msg: TxMsg): AuthorizePurpose {
  return msg.type === 'charger.transactionEnded'
    ? { kind: 'stop' }
    : { kind: 'start', evseId: msg.evseId ?? 0 }
}

/** A transaction found by its wire id: open (then held in memory), ended, or not known. */
type Found = { kind: 'open'; tx: OpenTx } | { kind: 'ended'; row: TransactionRow } | undefined

const idOf = (found: NonNullable<Found>) => (found.kind === 'open' ? found.tx.id : found.row.id)

async function findTx(ctx: ChargerContext, wireTxId: string): Promise<Found> {
  const open = ctx.state.open.get(wireTxId)
  if (open) return { kind: 'open', tx: open }
  const row = await ctx.deps.transactions.findByWireId(ctx.chargerId, wireTxId)
  if (!row) return undefined
  if (row.endedAt !== null) return { kind: 'ended', row }
  const tx = openTxFromRow(row)
  ctx.state.open.set(tx.wireTxId, tx)
  return { kind: 'open', tx }
}

function openOn(ctx: ChargerContext, evseId: number): Found {
  if (evseId === 0) return undefined
  for (const tx of ctx.state.open.values()) if (tx.evseId === evseId) return { kind: 'open', tx }
  return undefined
}

/**
 * True if this event (by seqNo) was stored before. An open transaction remembers its highest seqNo, so
 * an event newer than every stored one (the usual case) needs no lookup.
 */
async function seen(ctx: ChargerContext, wireTxId: string, seqNo: number, found: NonNullable<Found>) {
  const known = found.kind === 'open' ? found.tx.maxSeqNo : undefined
  if (known !== undefined && seqNo > known) return false
  const stored = await ctx.deps.transactions.seqNos(ctx.chargerId, wireTxId, seqNo)
  if (found.kind === 'open') found.tx.maxSeqNo = Math.max(stored.max ?? -1, known ?? -1)
  return stored.seen
}

/**
 * The readings a message offers its transaction, with the message's own start or stop value. `ending`:
 * the message ends the transaction, so its readings are the transaction's own final ones (a second end
 * for a transaction already ended only brings samples).
 */
function offered(msg: TxInput, ending = msg.type === 'charger.transactionEnded'): OfferedReading[] {
  const out = offeredReadings(msg.samples, ending)
  if (msg.type === 'charger.transactionStarted' && msg.meterStartWh !== undefined)
    out.push({ at: msg.at, wh: msg.meterStartWh, own: { end: 'start', rank: 2 } })
  if (ending && msg.type === 'charger.transactionEnded' && msg.meterStopWh !== undefined)
    out.push({ at: msg.at, wh: msg.meterStopWh, own: { end: 'stop', rank: 2 } })
  return out
}

const foldAll = (meter: TxMeter, readings: readonly OfferedReading[], w: TxWindow) =>
  readings.reduce((m, r) => foldReading(m, r, w), meter)

/**
 * A message for a transaction whose id we assign but never gave (a station that lost its memory, or
 * another CSMS's id): answered, so the station stops retrying, and recorded with its samples in the
 * charger's event log, so nothing is lost. The station names no connector in a 1.6 stop, so the
 * samples are filed under EVSE 0.
 */
async function recordUnknown(ctx: ChargerContext, msg: TxMsg, wireTxId: string): Promise<number> {
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
async function assignedStart(
  ctx: ChargerContext,
  msg: TxMsg,
  info: IdTokenInfo | undefined,
): Promise<number> {
  for (const tx of ctx.state.open.values()) {
    if (tx.evseId === msg.evseId && tx.startedAt === msg.at && tx.idTag === (msg.idToken?.id ?? null))
      return tx.id
  }
  return create(ctx, msg, undefined, info)
}

/**
 * A transaction first heard of in `msg`, inserted with its event and samples in one commit. A running
 * transaction on the same EVSE that started before it is ended first (the station evidently lost it: a
 * power cut without a stop), in the same commit.
 */
async function create(
  ctx: ChargerContext,
  msg: TxMsg,
  wireTxId: string | undefined,
  info: IdTokenInfo | undefined,
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
      ...meterFields(meter, now),
    }),
  )
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

/** The write that stores a transaction's end with its final meter. */
function endRow(
  ctx: ChargerContext,
  id: number,
  meter: TxMeter,
  end: { at: number; reason: string; stopIdTag: string | null },
  now: number,
  more: Partial<TransactionRow> = {},
): WriteQuery {
  return ctx.deps.transactions.patch(id, {
    ...more,
    ...meterFields(meter, now),
    endedAt: end.at,
    meterStopWh: meter.stop?.wh ?? null,
    energyWh: meterEnergyWh(meter),
    stopReason: end.reason,
    stopIdTag: end.stopIdTag,
  })
}

/** A transaction that ended: forgotten by the actor, and published. */
function forget(ctx: ChargerContext, tx: OpenTx, reason: string, at: number): void {
  ctx.state.open.delete(tx.wireTxId)
  publishEnded(ctx, tx, reason, at)
}

function eventRow(ctx: ChargerContext, wireTxId: string, msg: TxMsg, now: number): WriteQuery {
  const seq = msg.seq!
  return ctx.deps.transactions.insertEvent({
    chargerId: ctx.chargerId,
    ocppTxId: wireTxId,
    seqNo: seq.seqNo,
    eventType: msg.type.slice('charger.transaction'.length),
    triggerReason: seq.trigger,
    at: msg.at,
    offline: seq.offline,
    receivedAt: now,
  })
}

/** What a message adds to what is known of a running transaction, beyond its readings. */
function patchFrom(tx: OpenTx, msg: TxInput, info: IdTokenInfo | undefined): Partial<TransactionRow> {
  const patch: Partial<TransactionRow> = {}
  if (msg.type === 'charger.meterSampled') return patch
  if (msg.idToken && msg.type !== 'charger.transactionEnded' && tx.idTag === null) {
    patch.idTag = msg.idToken.id
    patch.startStatus = info?.status ?? null
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
async function carryOn(
  ctx: ChargerContext,
  tx: OpenTx,
  msg: TxInput,
  info: IdTokenInfo | undefined,
): Promise<void> {
  const { deps } = ctx
  const now = deps.clock.now()
  const patch = patchFrom(tx, msg, info)
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
  if (msg.type === 'charger.transactionEnded') {
    const stopIdTag = msg.idToken?.id ?? null
    writes.push(endRow(ctx, tx.id, meter, { at: msg.at, reason: msg.reason, stopIdTag }, now, patch))
  } else if (Object.keys(patch).length) {
    writes.push(deps.transactions.patch(tx.id, { ...patch, ...meterFields(meter, now) }))
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

/**
 * A message for a transaction that has already ended: its samples are stored and it never reopens.
 * It may still correct the start (an earlier Started) and the token, and the transaction's own end
 * replaces one we assumed (`Superseded`). The meter is decided again only where the new readings can
 * matter: an end without its own reading, or a changed window.
 */
async function late(
  ctx: ChargerContext,
  row: TransactionRow,
  msg: TxInput,
  info: IdTokenInfo | undefined,
): Promise<void> {
  const { deps } = ctx
  const now = deps.clock.now()
  const patch: Partial<TransactionRow> = {}
  if (msg.type === 'charger.transactionStarted' && msg.at < row.startedAt) patch.startedAt = msg.at
  if (
    msg.type !== 'charger.meterSampled' &&
    msg.idToken &&
    msg.type !== 'charger.transactionEnded' &&
    row.idTag === null
  ) {
    patch.idTag = msg.idToken.id
    patch.startStatus = info?.status ?? null
  }
  const realEnd = msg.type === 'charger.transactionEnded' && row.stopReason === SUPERSEDED ? msg : undefined
  if (realEnd) {
    patch.endedAt = realEnd.at
    patch.stopReason = realEnd.reason
    patch.stopIdTag = realEnd.idToken?.id ?? null
  }
  const before = meterOf(row)
  const readings = offered(msg, realEnd !== undefined)
  const owned = (before.start?.rank ?? 0) > 0 && (before.stop?.rank ?? 0) > 0
  const window: TxWindow = {
    startedAt: patch.startedAt ?? row.startedAt,
    endedAt: patch.endedAt ?? row.endedAt,
    now,
  }
  const decide = realEnd !== undefined || patch.startedAt !== undefined || (!owned && readings.length > 0)
  const meter = decide ? await redecideMeter(ctx, { id: row.id, meter: before }, readings, window) : before
  const writes: WriteQuery[] = []
  if (msg.type !== 'charger.meterSampled' && msg.seq) writes.push(eventRow(ctx, row.ocppTxId, msg, now))
  writes.push(...deps.transactions.insertSamples(ctx.chargerId, row.evseId, row.id, msg.samples))
  if (Object.keys(patch).length || !sameMeter(meter, before)) {
    writes.push(
      deps.transactions.patch(row.id, {
        ...patch,
        ...meterFields(meter, now),
        meterStopWh: meter.stop?.wh ?? null,
        energyWh: meterEnergyWh(meter),
      }),
    )
  }
  await deps.writer.write(writes)
}

/** Publishes a transaction's start. */
function publishStarted(ctx: ChargerContext, tx: OpenTx): void {
  ctx.publish({
    type: 'charger.transactionStarted',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    connectorId: tx.connectorId,
    idTag: tx.idTag,
    meterStartWh: tx.meter.start?.wh ?? null,
    at: tx.startedAt,
  })
}

function publishEnded(ctx: ChargerContext, tx: OpenTx, reason: string, at: number): void {
  ctx.publish({
    type: 'charger.transactionEnded',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    energyWh: meterEnergyWh(tx.meter),
    reason,
    at,
  })
}

/** Publishes what a batch of samples tells about a connector (power, current, SoC, energy so far). */
function publishSamples(
  ctx: ChargerContext,
  evseId: number,
  tx: OpenTx | undefined,
  samples: readonly MeterSample[],
): void {
  ctx.publish({
    type: 'charger.meterSampled',
    chargerId: ctx.chargerId,
    evseId,
    transactionId: tx?.id ?? null,
    energyWh: tx ? meterEnergyWh(tx.meter) : null,
    readings: liveReadings(samples),
    at: Math.max(...samples.map((s) => s.timestamp)),
  })
}
