import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import { meterEnergyWh, sameMeter, type TxWindow } from '@src/domain/charger/energy'
import type { IdTokenInfo } from '@src/domain/charger/types'
import type { ChargerContext } from './context'
import { meterFields, meterOf, redecideMeter } from './meter-store'
import { offered, type TxInput } from './transaction-readings'
import { eventRow, SUPERSEDED } from './transaction-rows'

/**
 * A message for a transaction that has already ended: its samples are stored and it never reopens.
 * It may still correct the start (an earlier Started) and the token, and the transaction's own end
 * replaces one we assumed (`Superseded`), and is published again once stored (so its CDR is corrected
 * by a credit CDR). The meter is decided again only where the new readings can matter: an end without
 * its own reading, or a changed window.
 */
export async function late(
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
  if (realEnd) {
    ctx.publish({
      type: 'charger.transactionEnded',
      chargerId: ctx.chargerId,
      transactionId: row.id,
      evseId: row.evseId,
      energyWh: meterEnergyWh(meter),
      reason: realEnd.reason,
      at: realEnd.at,
    })
  }
}
