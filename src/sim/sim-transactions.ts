import type { ChargingProfile, Reason, StopTransactionRequest } from '@src/ocpp/v16/generated/messages'
import { installProfile } from './charging-profiles'
import type { Ev } from './ev'
import { meterValue, registerSample } from './meter-samples'
import type { SimConnector, SimTx } from './sim-connector'
import type { StartOutcome } from './sim-flow'
import { iso, type SimStation, type StationKind } from './sim-station'

/**
 * The charging session flow of a connector: plug in, authorise, StartTransaction, StopTransaction,
 * unplug. Callers serialise these per connector (`SimConnector.serial`).
 */

/** A car is plugged in: Preparing (1.6) or Occupied (2.0.1). Returns false if one already is. */
export function plugIn(st: SimStation<StationKind>, c: SimConnector, ev: Ev, byRemoteStart = false): boolean {
  if (c.ev) return false
  c.ev = ev
  c.finished = false
  st.emit({ type: 'evPlugged', chargerId: st.id, connectorId: c.id, ev, byRemoteStart })
  st.reportStatus(c)
  return true
}

/**
 * Starts a transaction for `idTag`: Authorize first (unless told not to), then StartTransaction
 * (durable: it waits out a lost connection). An id tag the CSMS refuses at start stops the transaction
 * at once (StopTransactionOnInvalidId). A profile given by RemoteStartTransaction becomes its TxProfile.
 */
export async function beginSession(
  st: SimStation,
  c: SimConnector,
  idTag: string,
  opts: { authorize: boolean; profile?: ChargingProfile },
): Promise<StartOutcome> {
  if (!c.ev || c.tx || !c.operative) return { status: 'Rejected', reason: refusal(c) }
  if (opts.authorize) {
    const status = await authorize(st, idTag)
    if (status !== 'Accepted') {
      st.emit({ type: 'authorizationRejected', chargerId: st.id, connectorId: c.id, idTag, status })
      return { status: 'Rejected', reason: status }
    }
    if (!c.ev || c.tx || !c.operative) return { status: 'Rejected', reason: refusal(c) }
  }
  const now = st.clock.now()
  c.advance(now)
  const tx: SimTx = { id: undefined, idTag, startedAt: now, meterStartWh: Math.round(c.registerWh) }
  c.tx = tx
  c.finished = false
  const payload = { connectorId: c.id, idTag, meterStart: tx.meterStartWh, timestamp: iso(now) }
  const res = await st.link.send('StartTransaction', payload, true)
  if (!res.ok) {
    c.tx = undefined
    st.reportStatus(c)
    return { status: 'Rejected', reason: res.error }
  }
  c.advance(st.clock.now()) // charging begins once the CSMS has the transaction
  tx.id = res.payload.transactionId
  if (opts.profile) installTxProfile(st, c, opts.profile, tx.id)
  st.emit({
    type: 'transactionStarted',
    chargerId: st.id,
    connectorId: c.id,
    transactionId: tx.id,
    ocppTransactionId: String(tx.id),
    idTag,
    meterStartWh: tx.meterStartWh,
    at: now,
  })
  st.refresh()
  st.sample(c, 'Transaction.Begin')
  const authorized = res.payload.idTagInfo.status
  if (authorized === 'Accepted' || !st.config.bool('StopTransactionOnInvalidId'))
    return { status: 'Accepted', transactionId: tx.id, ocppTransactionId: String(tx.id) }
  await endSession(st, c, 'DeAuthorized')
  return { status: 'Rejected', reason: authorized, transactionId: tx.id }
}

/**
 * Online: Authorize. Offline (LocalAuthorizeOffline): the local list decides a listed id tag (an
 * expired entry is Expired); an unlisted one is accepted only with AllowOfflineTxForUnknownId.
 */
async function authorize(st: SimStation, idTag: string): Promise<string> {
  if (st.link.online) {
    const auth = await st.link.send('Authorize', { idTag })
    if (auth.ok) return auth.payload.idTagInfo.status
  }
  if (!st.config.bool('LocalAuthorizeOffline')) return 'Offline'
  const listed = st.config.bool('LocalAuthListEnabled')
    ? st.localList.statusOf(idTag, st.clock.now())
    : undefined
  if (listed !== undefined) return listed
  return st.config.bool('AllowOfflineTxForUnknownId') ? 'Accepted' : 'Invalid'
}

function refusal(c: SimConnector): string {
  if (!c.operative) return 'connector unavailable'
  if (c.tx) return 'a transaction is running'
  return 'no car plugged in'
}

/** A RemoteStartTransaction profile is the new transaction's TxProfile, in force at once. */
function installTxProfile(st: SimStation, c: SimConnector, profile: ChargingProfile, txId: number): void {
  const r = installProfile(
    st.installed,
    { connectorId: c.id, profile, now: st.clock.now(), activeTxId: txId },
    st.capabilities,
  )
  if (r.status !== 'Accepted') return
  st.installed = r.profiles
  st.active = [...r.profiles]
}

/**
 * Ends the connector's transaction: the current stops at once, StopTransaction (durable) carries the
 * register at start and end as transactionData. The car stays plugged in (Finishing) until unplugged.
 */
export async function endSession(
  st: SimStation,
  c: SimConnector,
  reason: Reason,
  idTag?: string,
): Promise<void> {
  const tx = c.tx
  if (tx?.id === undefined) return
  const now = st.clock.now()
  c.advance(now)
  const meterStop = Math.round(c.registerWh)
  c.lastTxId = tx.id
  c.tx = undefined
  c.finished = c.ev !== undefined
  if (c.pendingInoperative) {
    c.operative = false
    c.pendingInoperative = false
  }
  st.dropTxProfiles(c.id)
  st.refresh()
  const req: StopTransactionRequest = {
    transactionId: tx.id,
    meterStop,
    timestamp: iso(now),
    reason,
    transactionData: [
      meterValue(tx.startedAt, registerSample(tx.meterStartWh, 'Transaction.Begin')),
      meterValue(now, registerSample(meterStop, 'Transaction.End')),
    ],
  }
  if (idTag !== undefined) req.idTag = idTag
  await st.link.send('StopTransaction', req, true)
  st.emit({
    type: 'transactionStopped',
    chargerId: st.id,
    connectorId: c.id,
    transactionId: tx.id,
    ocppTransactionId: String(tx.id),
    idTag: tx.idTag,
    reason,
    startedAt: tx.startedAt,
    meterStartWh: tx.meterStartWh,
    meterStopWh: meterStop,
    energyWh: meterStop - tx.meterStartWh,
    at: now,
  })
}

/** The car leaves: a running transaction ends (EVDisconnected), then the connector is Available. */
export async function unplug(st: SimStation, c: SimConnector): Promise<void> {
  if (c.tx) await endSession(st, c, 'EVDisconnected')
  c.ev = undefined
  c.finished = false
  st.reportStatus(c)
}
