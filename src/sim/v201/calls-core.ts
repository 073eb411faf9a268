import type {
  ChangeAvailabilityRequest,
  ChangeAvailabilityResponse,
  RequestStartTransactionRequest,
  RequestStartTransactionResponse,
  ResetRequest,
  ResetResponse,
  TriggerMessageRequest,
  TriggerMessageResponse,
} from '@src/ocpp/v201/generated/messages'
import type { SimConnector } from '../sim-connector'
import { evsesOf, type Handlers201, later } from './call-kit'
import { meterValue201 } from './meter'
import { plugIn201 } from './plug'
import type { Sim201 } from './station'
import { begin201, end201, RESET_DOWN_MS } from './transactions'

/** A station's placeholder CSR (SignCertificate), as a real one would send a PKCS#10 request. */
const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBSIMULATEDCSR\n-----END CERTIFICATE REQUEST-----'

/** Provisioning, transactions, availability and remote trigger (blocks B, E, F, G of 2.0.1). */
export const coreHandlers: Handlers201 = {
  Reset: reset,
  RequestStartTransaction: remoteStart,
  RequestStopTransaction: (s, req) => {
    const c = s.st.connectors.find((x) => x.tx?.ocppId === req.transactionId)
    if (!c) return { status: 'Rejected' }
    later(s, () => c.serial(() => end201(s, c, 'Remote', 'RemoteStop')))
    return { status: 'Accepted' }
  },
  GetTransactionStatus: (s, req) => {
    const ongoing = s.st.connectors.some((c) => c.tx?.ocppId === req.transactionId)
    const messagesInQueue = s.st.link.outbox.size > 0
    return req.transactionId === undefined
      ? { messagesInQueue }
      : { messagesInQueue, ongoingIndicator: ongoing }
  },
  UnlockConnector: (s, req) => {
    const c = s.st.connector(req.evseId)
    if (!c || req.connectorId !== 1) return { status: 'UnknownConnector' }
    return { status: c.tx ? 'OngoingAuthorizedTransaction' : 'Unlocked' }
  },
  ChangeAvailability: changeAvailability,
  TriggerMessage: trigger,
  ClearCache: (s) => ({
    status: s.dm.bool({ component: 'AuthCacheCtrlr', variable: 'Enabled' }) ? 'Accepted' : 'Rejected',
  }),
  DataTransfer: () => ({ status: 'UnknownVendorId' }),
  CostUpdated: (s, req) => {
    const c = s.st.connectors.find((x) => x.tx?.ocppId === req.transactionId)
    if (c && s.dm.bool({ component: 'TariffCostCtrlr', variable: 'Enabled', variableInstance: 'Cost' }))
      s.st.showOnDisplay(c.id, { cost: req.totalCost, source: 'CostUpdated', at: s.st.clock.now() })
    return {}
  },
}

/** Immediate: transactions end (ImmediateReset), then a restart. OnIdle: once no transaction runs. */
function reset(s: Sim201, req: ResetRequest): ResetResponse {
  if (req.evseId !== undefined)
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedRequest' } }
  const busy = s.st.connectors.some((c) => c.tx || c.starting)
  if (req.type === 'OnIdle' && busy) {
    s.resetPending = true
    return { status: 'Scheduled' }
  }
  later(s, async () => {
    const st = s.st
    await Promise.all(
      st.connectors.map((c) => c.serial(() => end201(s, c, 'ImmediateReset', 'ResetCommand'))),
    )
    await s.restart(RESET_DOWN_MS)
  })
  return { status: 'Accepted' }
}

/** Accepted if an EVSE is free; a car is plugged in if none is, then the transaction starts (RemoteStart). */
function remoteStart(s: Sim201, req: RequestStartTransactionRequest): RequestStartTransactionResponse {
  const c = req.evseId === undefined ? pickConnector(s) : s.st.connector(req.evseId)
  if (!c?.free) return { status: 'Rejected' }
  if (req.chargingProfile && req.chargingProfile.chargingProfilePurpose !== 'TxProfile')
    return { status: 'Rejected' }
  const waiting = c.tx?.ocppId // a transaction that began at plug-in, waiting for a driver
  c.starting = true
  later(s, () =>
    c.serial(async () => {
      try {
        if (!c.ev) plugIn201(s, c, s.st.o.remoteStartEv(), {}, true)
        const authorize = s.dm.bool({ component: 'AuthCtrlr', variable: 'AuthorizeRemoteStart' })
        await begin201(s, c, req.idToken, {
          authorize,
          trigger: 'RemoteStart',
          remoteStartId: req.remoteStartId,
          profile: req.chargingProfile,
        })
      } finally {
        c.starting = false
      }
    }),
  )
  return waiting ? { status: 'Accepted', transactionId: waiting } : { status: 'Accepted' }
}

/** A free EVSE, one with a waiting car first, not one reserved for someone else. */
function pickConnector(s: Sim201): SimConnector | undefined {
  const open = s.st.connectors.filter((c) => c.free && !s.reservationOn(c.id))
  return open.find((c) => c.ev) ?? open[0]
}

function changeAvailability(s: Sim201, req: ChangeAvailabilityRequest): ChangeAvailabilityResponse {
  const targets = evsesOf(s, req.evse?.id)
  if (!targets || (req.evse?.connectorId !== undefined && req.evse.connectorId !== 1))
    return { status: 'Rejected' }
  let scheduled = false
  for (const c of targets) {
    if (req.operationalStatus === 'Operative') {
      c.operative = true
      c.pendingInoperative = false
    } else if (c.tx) {
      c.pendingInoperative = true
      scheduled = true
    } else {
      c.operative = false
    }
  }
  later(s, () => {
    if (!req.evse) return s.st.reportAll(false)
    for (const c of targets) s.st.reportStatus(c)
  })
  return { status: scheduled ? 'Scheduled' : 'Accepted' }
}

function trigger(s: Sim201, req: TriggerMessageRequest): TriggerMessageResponse {
  const targets = evsesOf(s, req.evse?.id)
  if (!targets) return { status: 'Rejected' }
  const st = s.st
  const now = () => st.clock.now()
  const each = (fn: (c: SimConnector) => void) => () => {
    for (const c of targets) fn(c)
  }
  const send: Partial<Record<TriggerMessageRequest['requestedMessage'], () => void>> = {
    Heartbeat: () => void st.link.send('Heartbeat', {}),
    StatusNotification: each((c) => s.connectorStatus(c, c.status(), now(), true)),
    MeterValues: each((c) => st.sample(c, 'Trigger')),
    TransactionEvent: each((c) => triggeredUpdate(s, c)),
    FirmwareStatusNotification: () => void st.link.send('FirmwareStatusNotification', { status: 'Idle' }),
    LogStatusNotification: () => void st.link.send('LogStatusNotification', { status: 'Idle' }),
    SignChargingStationCertificate: () =>
      void st.link.send('SignCertificate', { csr: CSR, certificateType: 'ChargingStationCertificate' }),
    SignV2GCertificate: () =>
      void st.link.send('SignCertificate', { csr: CSR, certificateType: 'V2GCertificate' }),
  }
  if (req.requestedMessage === 'BootNotification') {
    if (st.link.online) return { status: 'Rejected' }
    s.bootReason = 'Triggered'
    later(s, () => st.link.boot())
    return { status: 'Accepted' }
  }
  const fn = send[req.requestedMessage]
  if (!fn) return { status: 'NotImplemented' }
  later(s, fn)
  return { status: 'Accepted' }
}

/** TriggerMessage(TransactionEvent): an Updated event with the meter now, for a running transaction. */
function triggeredUpdate(s: Sim201, c: SimConnector): void {
  const tx = c.tx
  if (!tx) return
  const at = s.st.clock.now()
  c.advance(at)
  const meterValue = [meterValue201(at, c.reading(), 'Trigger')]
  void s.txEvent(c, tx, { eventType: 'Updated', triggerReason: 'Trigger', at, meterValue })
}
