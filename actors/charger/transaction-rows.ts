import type { TransactionRow } from '@src/db/repos/transactions'
import type { WriteQuery } from '@src/db/writer'
import { meterEnergyWh, type TxMeter } from '@src/domain/charger/energy'
import type { ChargerContext } from './context'
import { meterFields } from './meter-store'
import type { TxMsg } from './protocol'

/** The stop reason of a transaction ended because a newer one started on its EVSE. */
export const SUPERSEDED = 'Superseded'

/** The write that stores a transaction's end with its final meter. */
export function endRow(
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

/** The write that stores a transaction event once (OCPP 2.0.1, by its seqNo). */
export function eventRow(ctx: ChargerContext, wireTxId: string, msg: TxMsg, now: number): WriteQuery {
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
