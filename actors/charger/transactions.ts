import { decideAuthorization } from '@src/domain/charger/authorize'
import type { ChargerEvent } from '@src/domain/charger/events'
import { energyRegisterWh, liveReadings } from '@src/domain/charger/meter'
import type { IdToken, IdTokenInfo } from '@src/domain/charger/types'
import { randomId } from '@src/lib/ids'
import type { ChargerDeps } from './deps'
import type { ChargerMsg, StartAnswer } from './protocol'
import { type ChargerState, type OpenTx, openTxFromRow } from './state'

/** What the transaction handlers share with the actor. */
export interface TxContext {
  chargerId: string
  deps: ChargerDeps
  state: ChargerState
  publish(event: ChargerEvent): void
}

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/**
 * Authorisation of a token presented at this charger. For a stop, being busy elsewhere does not matter
 * (the token is ending a transaction, not starting one).
 */
export async function authorizeToken(
  ctx: TxContext,
  idToken: IdToken,
  forStop = false,
): Promise<IdTokenInfo> {
  const token = await ctx.deps.tokens.find(idToken.id)
  const mayBeBusy = !forStop && token?.status === 'Accepted' && !token.allowConcurrentTx
  const busy = mayBeBusy ? await ctx.deps.transactions.busyElsewhere(idToken.id, ctx.chargerId) : false
  return decideAuthorization(token, ctx.deps.clock.now(), busy)
}

/**
 * A transaction started. A retransmitted start (same connector, start time and token) gets the same
 * transaction id back; a start on a connector that still has an open transaction ends that one first,
 * since the station has evidently lost it (e.g. a power cut without a stop).
 */
export async function startTransaction(
  ctx: TxContext,
  msg: Msg<'charger.startTransaction'>,
): Promise<StartAnswer> {
  const idTokenInfo = await authorizeToken(ctx, msg.idToken)
  for (const tx of ctx.state.open.values()) {
    if (tx.evseId !== msg.evseId) continue
    if (tx.startedAt === msg.timestamp && tx.idTag === msg.idToken.id)
      return { transactionId: tx.id, idTokenInfo }
    await endTransaction(ctx, tx, {
      at: msg.timestamp,
      meterStopWh: tx.lastMeterWh,
      reason: 'Superseded',
      stopIdTag: null,
    })
  }
  const { deps } = ctx
  const now = deps.clock.now()
  const provisional = `pending-${randomId(9)}`
  const [[row]] = await deps.writer.write([
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
  ] as const)
  if (!row) throw new Error('transaction insert returned no row')
  const tx: OpenTx = {
    id: row.id,
    wireTxId: String(row.id),
    evseId: msg.evseId,
    connectorId: msg.connectorId,
    idTag: msg.idToken.id,
    startedAt: msg.timestamp,
    meterStartWh: msg.meterStartWh,
    lastMeterWh: msg.meterStartWh,
    lastMeterAt: msg.timestamp,
  }
  ctx.state.open.set(tx.wireTxId, tx)
  ctx.publish({
    type: 'charger.transactionStarted',
    chargerId: ctx.chargerId,
    transactionId: tx.id,
    evseId: tx.evseId,
    connectorId: tx.connectorId,
    idTag: tx.idTag,
    meterStartWh: tx.meterStartWh,
    at: tx.startedAt,
  })
  return { transactionId: tx.id, idTokenInfo }
}

/**
 * Meter values, stored in full. The transaction's running energy only moves forward in time, so late
 * or replayed samples are kept but never rewind it. Samples for a transaction we do not know are kept
 * without one.
 */
export async function meterValues(ctx: TxContext, msg: Msg<'charger.meterValues'>): Promise<void> {
  if (msg.samples.length === 0) return
  const { deps } = ctx
  const found = msg.wireTxId === undefined ? undefined : await findTx(ctx, msg.wireTxId)
  const open = found?.kind === 'open' ? found.tx : undefined
  const txId = found?.kind === 'open' ? found.tx.id : found?.id
  const energy = energyRegisterWh(msg.samples)
  const at = Math.max(...msg.samples.map((s) => s.timestamp))
  const advances = open !== undefined && energy !== undefined && at >= open.lastMeterAt
  const writes = [
    deps.transactions.insertSamples(ctx.chargerId, msg.evseId, txId ?? null, msg.samples),
  ] as const
  if (advances)
    await deps.writer.write([...writes, deps.transactions.updateMeter(open.id, energy, at, deps.clock.now())])
  else await deps.writer.write(writes)
  if (advances) {
    open.lastMeterWh = energy
    open.lastMeterAt = at
  }
  ctx.publish({
    type: 'charger.meterSampled',
    chargerId: ctx.chargerId,
    evseId: msg.evseId,
    transactionId: txId ?? null,
    energyWh: open ? open.lastMeterWh - open.meterStartWh : null,
    readings: liveReadings(msg.samples),
    at,
  })
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
  const idTokenInfo = msg.idToken ? await authorizeToken(ctx, msg.idToken, true) : undefined
  const answer = idTokenInfo ? { idTokenInfo } : {}
  const found = await findTx(ctx, msg.wireTxId)
  const { deps } = ctx
  if (!found) {
    const now = deps.clock.now()
    const log = deps.chargers.logEvent(ctx.chargerId, now, 'UnknownTransactionStopped', {
      transactionId: msg.wireTxId,
      meterStopWh: msg.meterStopWh,
      timestamp: msg.timestamp,
      reason: msg.reason ?? null,
      idTag: msg.idToken?.id ?? null,
    })
    // The station names no connector in a stop, and we cannot look it up: file the samples under EVSE 0.
    if (msg.samples.length)
      await deps.writer.write([log, deps.transactions.insertSamples(ctx.chargerId, 0, null, msg.samples)])
    else await deps.writer.write([log])
    return answer
  }
  if (found.kind === 'ended') return answer
  await endTransaction(ctx, found.tx, {
    at: msg.timestamp,
    meterStopWh: msg.meterStopWh,
    reason: msg.reason ?? null,
    stopIdTag: msg.idToken?.id ?? null,
    samples: msg.samples,
  })
  return answer
}

async function endTransaction(
  ctx: TxContext,
  tx: OpenTx,
  v: {
    at: number
    meterStopWh: number
    reason: string | null
    stopIdTag: string | null
    samples?: Msg<'charger.stopTransaction'>['samples']
  },
): Promise<void> {
  const { deps } = ctx
  const energyWh = Math.max(0, v.meterStopWh - tx.meterStartWh)
  const end = deps.transactions.end(tx.id, {
    endedAt: v.at,
    meterStopWh: v.meterStopWh,
    energyWh,
    stopReason: v.reason,
    stopIdTag: v.stopIdTag,
    now: deps.clock.now(),
  })
  if (v.samples?.length)
    await deps.writer.write([
      deps.transactions.insertSamples(ctx.chargerId, tx.evseId, tx.id, v.samples),
      end,
    ])
  else await deps.writer.write([end])
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

type Found = { kind: 'open'; tx: OpenTx } | { kind: 'ended'; id: number } | undefined

/** The transaction with this wire id: open (and then held in memory), already ended, or unknown. */
async function findTx(ctx: TxContext, wireTxId: string): Promise<Found> {
  const open = ctx.state.open.get(wireTxId)
  if (open) return { kind: 'open', tx: open }
  const row = await ctx.deps.transactions.findByWireId(ctx.chargerId, wireTxId)
  if (!row) return undefined
  if (row.endedAt !== null) return { kind: 'ended', id: row.id }
  const tx = openTxFromRow(row)
  ctx.state.open.set(tx.wireTxId, tx)
  return { kind: 'open', tx }
}
