import {
  type Action,
  actions,
  type ChangeAvailabilityRequest,
  type ChangeAvailabilityResponse,
  type GetCompositeScheduleRequest,
  type GetCompositeScheduleResponse,
  type RemoteStartTransactionRequest,
  type RemoteStartTransactionResponse,
  type RequestedMessage,
  type RequestMap,
  type ResponseMap,
  requestSchemas,
  type SetChargingProfileRequest,
  type SetChargingProfileResponse,
  type TriggerMessageRequest,
  type TriggerMessageResponse,
} from '@src/ocpp/v16/generated/messages'
import { clearProfiles, installProfile } from './charging-profiles'
import { compositeSchedule } from './composite-schedule'
import type { SimConnector } from './sim-connector'
import { dataTransfer16 } from './sim-costmsg'
import { iso, type SimStation } from './sim-station'
import { beginSession, endSession, plugIn } from './sim-transactions'

/** A CALLRESULT payload, or a CALLERROR code and description. */
export type CallAnswer = Record<string, unknown> | { error: string; description: string }

type Handler<A extends Action> = (st: SimStation, req: RequestMap[A]) => ResponseMap[A]

/** Simulated seconds a restart takes before the station reconnects. */
const REBOOT_MS = { Soft: 5_000, Hard: 15_000 } as const

/** What the station does after answering (messages must follow the CALLRESULT, not precede it). */
function later(st: SimStation, fn: () => void): void {
  st.clock.setTimeout(fn, 0)
}

/** Every CSMS → charge point call this station supports (Core, SmartCharging, RemoteTrigger, LocalAuthListManagement). */
const handlers: { [A in Action]?: Handler<A> } = {
  Reset: (st, req) => {
    later(st, () => void reboot(st, req.type))
    return { status: 'Accepted' }
  },
  RemoteStartTransaction: remoteStart,
  RemoteStopTransaction: (st, req) => {
    const c = st.connectors.find((x) => x.tx?.id === req.transactionId)
    if (!c) return { status: 'Rejected' }
    void c.serial(() => endSession(st, c, 'Remote'))
    return { status: 'Accepted' }
  },
  UnlockConnector: (st, req) => {
    const c = st.connector(req.connectorId)
    if (!c) return { status: 'NotSupported' }
    void c.serial(() => endSession(st, c, 'UnlockCommand'))
    return { status: 'Unlocked' }
  },
  ChangeAvailability: changeAvailability,
  GetConfiguration: (st, req) => st.config.get(req.key),
  ChangeConfiguration: (st, req) => {
    const answer = st.config.change(req.key, req.value)
    if (answer.status === 'Accepted' && req.key === 'HeartbeatInterval') st.link.restartHeartbeat()
    if (answer.status === 'Accepted' && req.key === 'MeterValueSampleInterval') st.restartMeter()
    return answer
  },
  TriggerMessage: trigger,
  ClearCache: () => ({ status: 'Accepted' }),
  SendLocalList: (st, req) => st.localList.apply(req, st.config.bool('LocalAuthListEnabled')),
  GetLocalListVersion: (st) => ({
    listVersion: st.config.bool('LocalAuthListEnabled') ? st.localList.version : -1,
  }),
  DataTransfer: dataTransfer16,
  SetChargingProfile: setProfile,
  ClearChargingProfile: (st, req) => {
    const r = clearProfiles(st.installed, req)
    st.installed = r.profiles
    if (r.status === 'Accepted') st.profilesChanged()
    return { status: r.status }
  },
  GetCompositeSchedule: composite,
}

const known = new Set<string>(actions)

/**
 * Answers a call from the CSMS the way a charge point does: unknown actions NotImplemented, actions
 * of feature profiles it lacks NotSupported, a payload that breaks the schema FormationViolation.
 */
export function handleCsmsCall(st: SimStation, action: string, payload: Record<string, unknown>): CallAnswer {
  st.emit({ type: 'callReceived', chargerId: st.id, action, payload })
  if (!known.has(action)) return { error: 'NotImplemented', description: `unknown action ${action}` }
  const handler = handlers[action as Action] as Handler<Action> | undefined
  if (!handler)
    return { error: 'NotSupported', description: `${action} is not supported by this charge point` }
  const parsed = requestSchemas[action as Action].safeParse(payload)
  if (!parsed.success)
    return { error: 'FormationViolation', description: parsed.error.issues[0]?.message ?? 'invalid payload' }
  return handler(st, parsed.data) as Record<string, unknown>
}

/** Soft or hard reset: transactions end (SoftReset/HardReset), the socket closes, the station boots again. */
async function reboot(st: SimStation, kind: 'Soft' | 'Hard'): Promise<void> {
  const reason = kind === 'Soft' ? 'SoftReset' : 'HardReset'
  await Promise.all(st.connectors.map((c) => c.serial(() => endSession(st, c, reason))))
  await st.link.reboot(REBOOT_MS[kind])
}

/** Accepted if a connector is free; a car is plugged in if none is, then the session starts as usual. */
function remoteStart(st: SimStation, req: RemoteStartTransactionRequest): RemoteStartTransactionResponse {
  const c = req.connectorId === undefined ? pickConnector(st) : st.connector(req.connectorId)
  if (!c?.free) return { status: 'Rejected' }
  if (req.chargingProfile && req.chargingProfile.chargingProfilePurpose !== 'TxProfile')
    return { status: 'Rejected' }
  c.starting = true
  void c.serial(async () => {
    try {
      if (!c.ev) plugIn(st, c, st.o.remoteStartEv(), true)
      const authorize = st.config.bool('AuthorizeRemoteTxRequests')
      await beginSession(st, c, req.idTag, { authorize, profile: req.chargingProfile })
    } finally {
      c.starting = false
    }
  })
  return { status: 'Accepted' }
}

/** A free connector, one with a waiting car first. */
function pickConnector(st: SimStation): SimConnector | undefined {
  return st.connectors.find((c) => c.free && c.ev) ?? st.connectors.find((c) => c.free)
}

function changeAvailability(st: SimStation, req: ChangeAvailabilityRequest): ChangeAvailabilityResponse {
  const targets =
    req.connectorId === 0 ? st.connectors : st.connectors.filter((c) => c.id === req.connectorId)
  if (targets.length === 0) return { status: 'Rejected' }
  let scheduled = false
  for (const c of targets) {
    if (req.type === 'Operative') {
      c.operative = true
      c.pendingInoperative = false
    } else if (c.tx) {
      c.pendingInoperative = true
      scheduled = true
    } else {
      c.operative = false
    }
  }
  later(st, () => {
    if (req.connectorId === 0) st.reportAll(false)
    else for (const c of targets) st.reportStatus(c)
  })
  return { status: scheduled ? 'Scheduled' : 'Accepted' }
}

function trigger(st: SimStation, req: TriggerMessageRequest): TriggerMessageResponse {
  const id = req.connectorId
  if (id !== undefined && (id < 0 || id > st.connectors.length)) return { status: 'Rejected' }
  const targets = id ? st.connectors.filter((c) => c.id === id) : st.connectors
  const send: Record<RequestedMessage, () => void> = {
    BootNotification: () => void st.link.boot(),
    Heartbeat: () => void st.link.send('Heartbeat', {}),
    StatusNotification: () => {
      if (!id) return st.reportAll()
      for (const c of targets) st.reportStatus(c, true)
    },
    MeterValues: () => {
      for (const c of targets) st.sample(c, 'Trigger')
    },
    FirmwareStatusNotification: () => void st.link.send('FirmwareStatusNotification', { status: 'Idle' }),
    DiagnosticsStatusNotification: () =>
      void st.link.send('DiagnosticsStatusNotification', { status: 'Idle' }),
  }
  later(st, send[req.requestedMessage])
  return { status: 'Accepted' }
}

function setProfile(st: SimStation, req: SetChargingProfileRequest): SetChargingProfileResponse {
  const activeTxId = st.connector(req.connectorId)?.tx?.id
  const now = st.clock.now()
  const r = installProfile(
    st.installed,
    { connectorId: req.connectorId, profile: req.csChargingProfiles, now, activeTxId },
    st.capabilities,
  )
  if (r.status !== 'Accepted' || r.profiles.length > st.config.int('MaxChargingProfilesInstalled'))
    return { status: 'Rejected' }
  st.installed = r.profiles
  st.profilesChanged()
  return { status: 'Accepted' }
}

function composite(st: SimStation, req: GetCompositeScheduleRequest): GetCompositeScheduleResponse {
  const id = req.connectorId
  if (id < 0 || id > st.connectors.length) return { status: 'Rejected' }
  const c = st.connector(id)
  const now = st.clock.now()
  const hw = st.o.hardware
  const schedule = compositeSchedule(st.installed, {
    connectorId: id,
    now,
    durationS: req.duration,
    unit: req.chargingRateUnit ?? 'A',
    maxA: id === 0 ? hw.maxCurrentA * st.connectors.length : hw.maxCurrentA,
    voltage: hw.voltage,
    phases: c?.phasesInUse ?? hw.phases,
    tx: c?.tx?.id === undefined ? undefined : { id: c.tx.id, startedAt: c.tx.startedAt },
    maxPeriods: st.config.int('ChargingScheduleMaxPeriods'),
  })
  return { status: 'Accepted', connectorId: id, scheduleStart: iso(now), chargingSchedule: schedule }
}
