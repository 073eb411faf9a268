import type { WriteQuery } from '@src/db/writer'
import { CLOCK_SKEW_MS } from '@src/domain/charger/clock'
import type { ChargingState } from '@src/domain/charger/types'
import type { ChargerContext } from './context'
import type { ChargerMsg } from './protocol'
import { connectorKey } from './state'

type Msg<T extends ChargerMsg['type']> = Extract<ChargerMsg, { type: T }>

/** 1.6 connector statuses that tell what a connector with a transaction is doing. */
const chargingStateOf16: Partial<Record<string, ChargingState>> = {
  Charging: 'Charging',
  SuspendedEV: 'SuspendedEV',
  SuspendedEVSE: 'SuspendedEVSE',
  Preparing: 'EVConnected',
  Finishing: 'Idle',
}

/**
 * A status older than the one we hold on this connection (a late or replayed notification) is not
 * applied; see {@link ChargerState.epoch} for why the order restarts with each connection.
 */
export async function statusChanged(ctx: ChargerContext, msg: Msg<'charger.statusChanged'>): Promise<void> {
  const now = ctx.deps.clock.now()
  const at = msg.at ?? now
  const key = connectorKey(msg.evseId, msg.connectorId)
  const current = ctx.state.connectors.get(key)
  const ordered =
    current !== undefined && current.epoch === ctx.state.epoch && current.statusAt <= now + CLOCK_SKEW_MS
  if (ordered && current.statusAt > at) return msg.reply()
  const row = {
    chargerId: ctx.chargerId,
    evseId: msg.evseId,
    connectorId: msg.connectorId,
    status: msg.status,
    errorCode: msg.errorCode ?? null,
    info: msg.info ?? null,
    vendorId: msg.vendorId ?? null,
    vendorErrorCode: msg.vendorErrorCode ?? null,
    statusAt: at,
  }
  const charging = chargingStateFromStatus(ctx, msg.evseId, msg.status, at)
  await ctx.deps.writer.write([
    ctx.deps.chargers.upsertConnector({ ...row, now }),
    ...charging.flatMap((c) => c.writes),
  ])
  for (const c of charging) c.apply(at)
  ctx.state.connectors.set(key, {
    status: row.status,
    errorCode: row.errorCode,
    statusAt: at,
    epoch: ctx.state.epoch,
  })
  const { evseId, connectorId, status } = msg
  ctx.publish({
    type: 'charger.statusChanged',
    chargerId: ctx.chargerId,
    evseId,
    connectorId,
    status,
    errorCode: row.errorCode,
    at,
  })
  msg.reply()
}

/**
 * A 1.6 status on a connector with a transaction says what that transaction is doing: the change is
 * written with the status, then applied and published.
 */
function chargingStateFromStatus(
  ctx: ChargerContext,
  evseId: number,
  status: string,
  at: number,
): { writes: WriteQuery[]; apply: (at: number) => void }[] {
  const state = chargingStateOf16[status]
  if (!state) return []
  return [...ctx.state.open.values()]
    .filter((tx) => tx.evseId === evseId && tx.chargingState !== state)
    .map((tx) => ({
      writes: [
        ctx.deps.transactions.patch(tx.id, { chargingState: state }),
        ctx.deps.transactions.recordChargingState(tx.id, at, state),
      ],
      apply: (at: number) => {
        tx.chargingState = state
        ctx.publish({
          type: 'charger.transactionUpdated',
          chargerId: ctx.chargerId,
          transactionId: tx.id,
          evseId,
          chargingState: state,
          at,
        })
      },
    }))
}
