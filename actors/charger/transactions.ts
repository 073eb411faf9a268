import type { TransactionRow } from '@src/db/repos/transactions'
import { type AuthorizePurpose, authorizeToken } from './authorization'
import type { ChargerContext } from './context'
import { late } from './ended-transactions'
import { assignedStart, create, recordUnknown } from './new-transactions'
import type { ChargerMsg, TxAnswer, TxMsg } from './protocol'
import { carryOn } from './running-transactions'
import { type OpenTx, openTxFromRow } from './state'
import { publishSamples } from './transaction-news'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/**
 * One lifecycle for every transaction, whichever protocol version reports it. A message may be the
 * first we hear of its transaction (2.0.1 events arrive out of order, or late from an offline queue),
 * a replay (stored once by its seqNo, answered again), or late for a transaction already ended (its
 * samples are kept; an ended transaction is never reopened). Each message is one commit: the
 * transaction, its event and its samples together, before the charger gets its answer.
 */
export async function onTransaction(ctx: ChargerContext, msg: TxMsg): Promise<TxAnswer> {
  const auth = msg.idToken ? await authorizeToken(ctx, msg.idToken, purposeOf(msg)) : undefined
  const info = auth?.info
  const answer = (transactionId: number): TxAnswer =>
    info ? { transactionId, idTokenInfo: info } : { transactionId }
  if (msg.txId === undefined) return answer(await assignedStart(ctx, msg, info, auth))
  const found = await findTx(ctx, msg.txId)
  if (msg.seq && found && (await seen(ctx, msg.txId, msg.seq.seqNo, found))) return answer(idOf(found))
  if (!found && msg.idAssigned) return answer(await recordUnknown(ctx, msg, msg.txId))
  if (!found) return answer(await create(ctx, msg, msg.txId, info, auth))
  if (found.kind === 'ended') {
    await late(ctx, found.row, msg, info)
    return answer(found.row.id)
  }
  await carryOn(ctx, found.tx, msg, info, auth)
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
