import type { TxStage } from '@src/services/transaction-display'
import type { ChargerContext } from './context'
import type { TxAnswer, TxMsg } from './protocol'

const stages: Record<TxMsg['type'], TxStage> = {
  'charger.transactionStarted': 'started',
  'charger.transactionUpdated': 'updated',
  'charger.transactionEnded': 'ended',
}

/**
 * Adds what the charger's display is to show to a transaction message's answer, read after the
 * message was committed (so the cost includes its readings). Only protocols that carry it in the
 * answer (OCPP 2.x) get it: a 1.6 charger is told through DataTransfer by its session instead.
 */
export async function withDisplay(ctx: ChargerContext, msg: TxMsg, answer: TxAnswer): Promise<TxAnswer> {
  const display = ctx.deps.display
  if (!display || !ctx.state.link?.protocol.startsWith('ocpp2')) return answer
  const shown = await display.of(answer.transactionId, stages[msg.type])
  return shown ? { ...answer, display: shown } : answer
}
