import { randomUUID } from 'node:crypto'
import type {
  ChargingProfileType,
  IdTokenType,
  ReasonEnumType,
  TriggerReasonEnumType,
} from '@src/ocpp/v201/generated/messages'
import { installProfile } from '../charging-profiles'
import type { SimConnector, SimTx } from '../sim-connector'
import type { StartOutcome } from '../sim-flow'
import { registerValue201 } from './meter'
import { toProfile16 } from './profiles'
import type { Sim201 } from './station'

/**
 * The 2.0.1 transaction (E02/E03): the driver authorises, and one transaction named by the station
 * runs as TransactionEvent Started, Updated…, Ended (plugging in and out: `plug.ts`). Callers
 * serialise these per connector (`SimConnector.serial`).
 */

/** How a transaction is started: by a local token (Authorized) or a remote start. */
export interface Begin201 {
  authorize: boolean
  trigger: TriggerReasonEnumType
  remoteStartId?: number
  profile?: ChargingProfileType
}

/** Simulated ms a restart keeps the station offline. */
export const RESET_DOWN_MS = 10_000

/**
 * Starts charging for `idToken`: Authorize (online, or the local list when offline), then
 * TransactionEvent Started with the register (Transaction.Begin), or, when the transaction began at
 * plug-in, Updated with the token. A token the CSMS refuses in its answer ends it at once when
 * StopTxOnInvalidId is set.
 */
export async function begin201(
  s: Sim201,
  c: SimConnector,
  idToken: IdTokenType,
  o: Begin201,
): Promise<StartOutcome> {
  const refused =
    refusal(s, c, idToken.idToken) ?? (o.authorize ? await authorized(s, c, idToken) : undefined)
  if (refused) return { status: 'Rejected', reason: refused }
  const online = s.st.link.online
  const waiting = c.tx?.authorized === false ? c.tx : undefined
  const tx = waiting ?? open(s, c)
  assign(s, c, tx, idToken, o)
  const common = {
    triggerReason: o.trigger,
    idToken,
    remoteStartId: o.remoteStartId,
    reservationId: useReservation(s, c),
  }
  const sent = waiting
    ? s.txEvent(c, tx, { ...common, eventType: 'Updated', at: s.st.clock.now() })
    : s.txEvent(c, tx, { ...common, ...beginning(tx), eventType: 'Started' })
  s.st.refresh()
  const outcome = {
    status: 'Accepted' as const,
    transactionId: tx.id as number,
    ocppTransactionId: tx.ocppId as string,
  }
  // Offline, the car charges at once; the CSMS's verdict on the token comes after the reconnect.
  if (!online) {
    void sent.then((res) => c.serial(() => checkToken(s, c, tx, res)))
    return outcome
  }
  const deauthorized = await checkToken(s, c, tx, await sent)
  return deauthorized
    ? { status: 'Rejected', reason: deauthorized, transactionId: outcome.transactionId }
    : outcome
}

/**
 * The car plugged in: with TxStartPoint EVConnected the transaction starts now (Started,
 * CablePluggedIn, no token yet); the car draws nothing until a driver is authorised.
 */
export function beginAtPlugIn(s: Sim201, c: SimConnector): void {
  const points = (s.dm.value({ component: 'TxCtrlr', variable: 'TxStartPoint' }) ?? '').split(',')
  if (c.tx || !c.operative || !(points.includes('EVConnected') || points.includes('ParkingBayOccupancy')))
    return
  const tx = open(s, c)
  void s.txEvent(c, tx, { ...beginning(tx), eventType: 'Started', triggerReason: 'CablePluggedIn' })
}

/** What a Started event tells: when, the charging state, and the register (Transaction.Begin). */
function beginning(tx: SimTx) {
  return {
    at: tx.startedAt,
    chargingState: 'EVConnected' as const,
    meterValue: [registerValue201(tx.startedAt, tx.meterStartWh, 'Transaction.Begin')],
  }
}

/** Authorize (if AuthCtrlr is enabled): undefined when the driver may charge, else why not. */
async function authorized(s: Sim201, c: SimConnector, idToken: IdTokenType): Promise<string | undefined> {
  if (!s.dm.bool({ component: 'AuthCtrlr', variable: 'Enabled' })) return undefined
  const status = await authorize(s, idToken)
  if (status === 'Accepted') return refusal(s, c, idToken.idToken)
  const idTag = idToken.idToken
  s.st.emit({ type: 'authorizationRejected', chargerId: s.st.id, connectorId: c.id, idTag, status })
  return status
}

/** A token the CSMS refuses in its answer to Started ends the transaction (StopTxOnInvalidId). */
async function checkToken(
  s: Sim201,
  c: SimConnector,
  tx: SimTx,
  res: Awaited<ReturnType<Sim201['txEvent']>>,
): Promise<string | undefined> {
  const status = res.ok ? res.payload.idTokenInfo?.status : undefined
  if (!status || status === 'Accepted' || c.tx !== tx) return undefined
  if (!s.dm.bool({ component: 'TxCtrlr', variable: 'StopTxOnInvalidId' })) return undefined
  await end201(s, c, 'DeAuthorized', 'Deauthorized')
  return status
}

/** Opens a transaction on the connector (the station names it), not yet authorised. */
function open(s: Sim201, c: SimConnector): SimTx {
  const now = s.st.clock.now()
  c.advance(now)
  const tx: SimTx = {
    id: s.nextTxId(),
    ocppId: randomUUID(),
    idTag: '',
    startedAt: now,
    meterStartWh: Math.round(c.registerWh),
    authorized: false,
  }
  c.tx = tx
  c.finished = false
  s.markCharging(c, 'EVConnected')
  return tx
}

/** The driver is authorised: the car may draw current; listeners learn that the session started. */
function assign(s: Sim201, c: SimConnector, tx: SimTx, idToken: IdTokenType, o: Begin201): void {
  c.advance(s.st.clock.now())
  tx.idTag = idToken.idToken
  tx.tokenType = idToken.type
  tx.authorized = true
  if (o.profile) installTxProfile(s, c, o.profile, tx.id as number)
  s.st.emit({
    type: 'transactionStarted',
    chargerId: s.st.id,
    connectorId: c.id,
    transactionId: tx.id as number,
    ocppTransactionId: tx.ocppId as string,
    idTag: tx.idTag,
    meterStartWh: tx.meterStartWh,
    at: tx.startedAt,
  })
}

function refusal(s: Sim201, c: SimConnector, idToken: string): string | undefined {
  if (!c.operative) return 'connector unavailable'
  if (c.tx && c.tx.authorized !== false) return 'a transaction is running'
  if (!c.ev) return 'no car plugged in'
  const reserved = s.reservationOn(c.id)
  if (reserved && reserved.idToken !== idToken) return 'reserved for another driver'
  return undefined
}

/** Online: Authorize. Offline: the local authorisation list, if LocalAuthorizeOffline (an entry past its cacheExpiryDateTime is Expired). */
async function authorize(s: Sim201, idToken: IdTokenType): Promise<string> {
  if (s.st.link.online) {
    const res = await s.st.link.send('Authorize', { idToken })
    if (res.ok) return res.payload.idTokenInfo.status
  }
  const local = s.localList.entries.get(idToken.idToken)
  if (local && s.dm.bool({ component: 'AuthCtrlr', variable: 'LocalAuthorizeOffline' })) {
    const expiry = local.cacheExpiryDateTime ? Date.parse(local.cacheExpiryDateTime) : null
    return expiry !== null && expiry <= s.st.clock.now() && local.status === 'Accepted'
      ? 'Expired'
      : local.status
  }
  return 'Offline'
}

/** A reservation on this EVSE ends with the transaction that uses it. */
function useReservation(s: Sim201, c: SimConnector): number | undefined {
  const r = s.reservationOn(c.id)
  if (!r) return undefined
  s.st.clock.clearTimeout(r.timer)
  s.reservations.delete(r.id)
  return r.id
}

/** A RequestStartTransaction profile becomes the new transaction's TxProfile, in force at once. */
function installTxProfile(s: Sim201, c: SimConnector, profile: ChargingProfileType, txId: number): void {
  const p16 = toProfile16(profile, txId)
  if (!p16) return
  const now = s.st.clock.now()
  const r = installProfile(
    s.st.installed,
    { connectorId: c.id, profile: p16, now, activeTxId: txId },
    s.st.capabilities,
  )
  if (r.status !== 'Accepted') return
  s.st.installed = r.profiles
  s.st.active = [...r.profiles]
}

/**
 * Ends the connector's transaction: the current stops at once, TransactionEvent Ended carries the
 * register (Transaction.End). The car stays plugged in until unplugged.
 */
export async function end201(
  s: Sim201,
  c: SimConnector,
  stoppedReason: ReasonEnumType,
  trigger: TriggerReasonEnumType,
  idTag?: string,
): Promise<void> {
  const tx = c.tx
  if (!tx?.ocppId) return
  const st = s.st
  const now = st.clock.now()
  const meterStop = close(s, c, now)
  const type = (tx.tokenType ?? 'ISO14443') as IdTokenType['type']
  await s.txEvent(c, tx, {
    eventType: 'Ended',
    triggerReason: trigger,
    at: now,
    stoppedReason,
    chargingState: stoppedReason === 'EVDisconnected' || !c.ev ? 'Idle' : 'EVConnected',
    idToken: idTag === undefined ? undefined : { idToken: idTag, type },
    meterValue: [registerValue201(now, meterStop, 'Transaction.End')],
  })
  // A transaction that never had a driver was never announced as started.
  if (tx.authorized !== false)
    st.emit({
      type: 'transactionStopped',
      chargerId: st.id,
      connectorId: c.id,
      transactionId: tx.id as number,
      ocppTransactionId: tx.ocppId,
      idTag: tx.idTag,
      reason: stoppedReason,
      startedAt: tx.startedAt,
      meterStartWh: tx.meterStartWh,
      meterStopWh: meterStop,
      energyWh: meterStop - tx.meterStartWh,
      at: now,
    })
  if (s.resetPending && !st.connectors.some((x) => x.tx)) await s.restart(RESET_DOWN_MS)
}

/** The current stops at once: the transaction and its TxProfiles go; returns the register (Wh). */
function close(s: Sim201, c: SimConnector, now: number): number {
  c.advance(now)
  c.tx = undefined
  c.finished = c.ev !== undefined
  if (c.pendingInoperative) {
    c.operative = false
    c.pendingInoperative = false
  }
  s.markCharging(c, undefined)
  s.st.dropTxProfiles(c.id)
  s.st.refresh()
  return Math.round(c.registerWh)
}
