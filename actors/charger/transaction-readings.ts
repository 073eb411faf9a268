import {
  foldReading,
  type OfferedReading,
  offeredReadings,
  type TxMeter,
  type TxWindow,
} from '@src/domain/charger/energy'
import type { ChargerMsg, TxMsg } from './protocol'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/** What can add readings to a transaction: its own messages, and samples outside them. */
export type TxInput = TxMsg | Msg<'charger.meterSampled'>

/**
 * The readings a message offers its transaction, with the message's own start or stop value. `ending`:
 * the message ends the transaction, so its readings are the transaction's own final ones (a second end
 * for a transaction already ended only brings samples).
 */
export function offered(msg: TxInput, ending = msg.type === 'charger.transactionEnded'): OfferedReading[] {
  const out = offeredReadings(msg.samples, ending)
  if (msg.type === 'charger.transactionStarted' && msg.meterStartWh !== undefined)
    out.push({ at: msg.at, wh: msg.meterStartWh, own: { end: 'start', rank: 2 } })
  if (ending && msg.type === 'charger.transactionEnded' && msg.meterStopWh !== undefined)
    out.push({ at: msg.at, wh: msg.meterStopWh, own: { end: 'stop', rank: 2 } })
  return out
}

/** The meter with every reading folded in, in order (the fold is order-independent). */
export const foldAll = (meter: TxMeter, readings: readonly OfferedReading[], w: TxWindow) =>
  readings.reduce((m, r) => foldReading(m, r, w), meter)
