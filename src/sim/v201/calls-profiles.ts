import type {
  ChargingLimitSourceEnumType,
  GetChargingProfilesRequest,
  GetChargingProfilesResponse,
  GetCompositeScheduleRequest,
  GetCompositeScheduleResponse,
  SetChargingProfileRequest,
  SetChargingProfileResponse,
} from '@src/ocpp/v201/generated/messages'
import { clearProfiles, type InstalledProfile, installProfile } from '../charging-profiles'
import { compositeSchedule } from '../composite-schedule'
import { iso } from '../sim-station'
import { type Handlers201, later } from './call-kit'
import { purpose16, toProfile16, toProfile201 } from './profiles'
import type { Sim201 } from './station'

/** SmartChargingCtrlr.Entries' maxLimit in the device model. */
const MAX_PROFILES = 10
const ENTRIES = { component: 'SmartChargingCtrlr', variable: 'Entries', variableInstance: 'ChargingProfiles' }

/** Smart charging (block K of 2.0.1), with the same limit rules as 1.6 (`charging-profiles.ts`). */
export const profileHandlers: Handlers201 = {
  SetChargingProfile: setProfile,
  ClearChargingProfile: (s, req) => {
    const crit = req.chargingProfileCriteria
    const purpose = crit?.chargingProfilePurpose && purpose16(crit.chargingProfilePurpose)
    if (crit?.chargingProfilePurpose && !purpose) return { status: 'Unknown' }
    const r = clearProfiles(s.st.installed, {
      ...(req.chargingProfileId === undefined ? {} : { id: req.chargingProfileId }),
      ...(crit?.evseId === undefined ? {} : { connectorId: crit.evseId }),
      ...(purpose ? { chargingProfilePurpose: purpose } : {}),
      ...(crit?.stackLevel === undefined ? {} : { stackLevel: crit.stackLevel }),
    })
    s.st.installed = r.profiles
    s.dm.update(ENTRIES, r.profiles.length)
    if (r.status === 'Accepted') s.st.profilesChanged()
    return { status: r.status }
  },
  GetChargingProfiles: getProfiles,
  GetCompositeSchedule: composite,
}

/** A TxProfile belongs to the EVSE's running transaction (named by its UUID, or the one running). */
function setProfile(s: Sim201, req: SetChargingProfileRequest): SetChargingProfileResponse {
  const p = req.chargingProfile
  if (!s.dm.bool({ component: 'SmartChargingCtrlr', variable: 'Enabled' }))
    return rejected('smart charging is disabled')
  const tx = s.st.connector(req.evseId)?.tx
  if (p.transactionId !== undefined && tx?.ocppId !== p.transactionId)
    return { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } }
  const p16 = toProfile16(p, p.chargingProfilePurpose === 'TxProfile' ? tx?.id : undefined)
  if (!p16) return rejected('unsupported purpose or no schedule')
  const now = s.st.clock.now()
  const r = installProfile(
    s.st.installed,
    { connectorId: req.evseId, profile: p16, now, activeTxId: tx?.id },
    s.st.capabilities,
  )
  if (r.status !== 'Accepted') return rejected(r.reason)
  if (r.profiles.length > MAX_PROFILES) return rejected(`at most ${MAX_PROFILES} profiles`)
  s.st.installed = r.profiles
  s.dm.update(ENTRIES, r.profiles.length)
  s.st.profilesChanged()
  return { status: 'Accepted' }
}

function rejected(additionalInfo: string): SetChargingProfileResponse {
  return { status: 'Rejected', statusInfo: { reasonCode: 'InvalidProfile', additionalInfo } }
}

/** Accepted when some profile matches, then one ReportChargingProfiles per EVSE (tbc until the last). */
function getProfiles(s: Sim201, req: GetChargingProfilesRequest): GetChargingProfilesResponse {
  const c = req.chargingProfile
  const sources: ChargingLimitSourceEnumType[] | undefined = c.chargingLimitSource
  const purpose = c.chargingProfilePurpose && purpose16(c.chargingProfilePurpose)
  const found = s.st.installed.filter(
    (x) =>
      (req.evseId === undefined || x.connectorId === req.evseId) &&
      (!c.chargingProfilePurpose || x.profile.chargingProfilePurpose === purpose) &&
      (c.stackLevel === undefined || x.profile.stackLevel === c.stackLevel) &&
      (!c.chargingProfileId || c.chargingProfileId.includes(x.profile.chargingProfileId)) &&
      (!sources || sources.includes('CSO')),
  )
  if (found.length === 0) return { status: 'NoProfiles' }
  const evses = [...new Set(found.map((x) => x.connectorId))]
  later(s, async () => {
    for (const [i, evseId] of evses.entries()) {
      const chargingProfile = found.filter((x) => x.connectorId === evseId).map((x) => report(s, x))
      const tbc = i < evses.length - 1
      await s.st.link.send('ReportChargingProfiles', {
        requestId: req.requestId,
        chargingLimitSource: 'CSO',
        evseId,
        chargingProfile,
        tbc,
      })
    }
  })
  return { status: 'Accepted' }
}

function report(s: Sim201, x: InstalledProfile) {
  const tx = s.st.connectors.find((c) => c.tx?.id !== undefined && c.tx.id === x.transactionId)?.tx
  return toProfile201(x, tx?.ocppId)
}

function composite(s: Sim201, req: GetCompositeScheduleRequest): GetCompositeScheduleResponse {
  const st = s.st
  const id = req.evseId
  if (id < 0 || id > st.connectors.length)
    return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } }
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
    maxPeriods: st.o.settings.maxPeriods(),
  })
  return {
    status: 'Accepted',
    schedule: {
      evseId: id,
      duration: req.duration,
      scheduleStart: iso(now),
      chargingRateUnit: schedule.chargingRateUnit,
      chargingSchedulePeriod: schedule.chargingSchedulePeriod,
    },
  }
}
