import type {
  GetBaseReportRequest,
  GetBaseReportResponse,
  SendLocalListRequest,
  SendLocalListResponse,
  SetVariablesRequest,
  SetVariablesResponse,
} from '@src/ocpp/v201/generated/messages'
import { type Handlers201, later } from './call-kit'
import type { Sim201 } from './station'

/** Device model and local authorisation list (blocks B and D of 2.0.1). */
export const deviceHandlers: Handlers201 = {
  GetVariables: (s, req) => ({ getVariableResult: req.getVariableData.map((d) => s.dm.get(d)) }),
  SetVariables: setVariables,
  GetBaseReport: baseReport,
  SendLocalList: sendLocalList,
  GetLocalListVersion: (s) => ({ versionNumber: s.localList.version }),
}

/** Variables whose change takes effect at once: the heartbeat and the sampling timers restart. */
function setVariables(s: Sim201, req: SetVariablesRequest): SetVariablesResponse {
  const setVariableResult = req.setVariableData.map((d) => s.dm.set(d))
  const changed = (component: string, variable: string) =>
    setVariableResult.some(
      (r) =>
        r.attributeStatus === 'Accepted' && r.component.name === component && r.variable.name === variable,
    )
  if (changed('OCPPCommCtrlr', 'HeartbeatInterval')) later(s, () => s.st.link.restartHeartbeat())
  if (changed('SampledDataCtrlr', 'TxUpdatedInterval')) later(s, () => s.st.restartMeter())
  return { setVariableResult }
}

/** Accepted, then the report follows in NotifyReport parts of ItemsPerMessage entries (tbc until the last). */
function baseReport(s: Sim201, req: GetBaseReportRequest): GetBaseReportResponse {
  const data = s.dm.report(req.reportBase)
  if (data.length === 0) return { status: 'EmptyResultSet' }
  const per = Math.max(
    1,
    s.dm.int({ component: 'DeviceDataCtrlr', variable: 'ItemsPerMessage', variableInstance: 'GetReport' }),
  )
  const generatedAt = new Date(s.st.clock.now()).toISOString()
  later(s, async () => {
    for (let seqNo = 0; seqNo * per < data.length; seqNo++) {
      const reportData = data.slice(seqNo * per, (seqNo + 1) * per)
      const tbc = (seqNo + 1) * per < data.length
      await s.st.link.send('NotifyReport', { requestId: req.requestId, generatedAt, seqNo, tbc, reportData })
    }
  })
  return { status: 'Accepted' }
}

/** Full replaces the list; Differential needs a newer version and adds, changes or (without info) removes. */
function sendLocalList(s: Sim201, req: SendLocalListRequest): SendLocalListResponse {
  if (!s.dm.bool({ component: 'LocalAuthListCtrlr', variable: 'Enabled' })) return { status: 'Failed' }
  const list = s.localList
  if (req.updateType === 'Differential' && req.versionNumber <= list.version)
    return { status: 'VersionMismatch' }
  if (req.updateType === 'Full') list.entries.clear()
  for (const entry of req.localAuthorizationList ?? []) {
    if (entry.idTokenInfo) list.entries.set(entry.idToken.idToken, entry.idTokenInfo)
    else list.entries.delete(entry.idToken.idToken)
  }
  list.version = req.versionNumber
  s.dm.update({ component: 'LocalAuthListCtrlr', variable: 'Entries' }, list.entries.size)
  return { status: 'Accepted' }
}
