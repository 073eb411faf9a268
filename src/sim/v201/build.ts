import {
  type RequestMap,
  type ResponseMap,
  requestSchemas,
  responseSchemas,
} from '@src/ocpp/v201/generated/messages'
import type { ChargerParts } from '../sim-flow'
import { SimLink } from '../sim-link'
import type { LinkProtocol } from '../sim-link-types'
import { guarded, identity, linkBasics, type SimChargerOptions, stationOptions } from '../sim-options'
import { SimStation } from '../sim-station'
import { handleCall201 } from './calls'
import { SimDeviceModel } from './device-model'
import { flow201 } from './flow'
import { type Kind201, Sim201 } from './station'

/** OCPP 2.0.1 on the wire. */
export const protocol201: LinkProtocol<RequestMap, ResponseMap> = {
  name: 'ocpp2.0.1',
  requestSchemas,
  responseSchemas,
}

const HEARTBEAT = { component: 'OCPPCommCtrlr', variable: 'HeartbeatInterval' }
const ATTEMPTS = {
  component: 'OCPPCommCtrlr',
  variable: 'MessageAttempts',
  variableInstance: 'TransactionEvent',
}
const ATTEMPT_S = {
  component: 'OCPPCommCtrlr',
  variable: 'MessageAttemptInterval',
  variableInstance: 'TransactionEvent',
}

/** An OCPP 2.0.1 charging station: device model, the 2.0.1 link, its reports and session flow. */
export function build201(opts: SimChargerOptions): ChargerParts {
  const dm = new SimDeviceModel({
    evses: opts.connectors ?? 1,
    heartbeatIntervalS: opts.heartbeatIntervalS ?? 300,
    txUpdatedIntervalS: opts.meterIntervalS ?? 60,
    maxCurrentA: opts.maxCurrentA ?? 32,
    phases: opts.phases ?? 3,
    voltage: opts.voltage ?? 230,
  })
  const settings = {
    meterIntervalS: () => dm.int({ component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval' }),
    maxStackLevel: () => dm.int({ component: 'SmartChargingCtrlr', variable: 'ProfileStackLevel' }),
    maxPeriods: () => dm.int({ component: 'SmartChargingCtrlr', variable: 'PeriodsPerSchedule' }),
  }
  const st = new SimStation<Kind201>(stationOptions(opts, settings), dm)
  const s = new Sim201(st)
  const who = identity(opts)
  const validate = opts.validate ?? true
  st.link = new SimLink<RequestMap, ResponseMap>({
    ...linkBasics(opts, st.clock, (e) => st.emit(e)),
    protocol: protocol201,
    onCall: guarded((action, payload) => handleCall201(s, action, payload, validate)),
    bootPayload: () => ({
      chargingStation: {
        vendorName: who.vendor.slice(0, 50),
        model: who.model.slice(0, 20),
        serialNumber: who.serialNumber.slice(0, 25),
        firmwareVersion: who.firmwareVersion.slice(0, 50),
      },
      reason: s.bootReason,
    }),
    heartbeatS: () => dm.int(HEARTBEAT),
    setHeartbeatS: (seconds) => dm.update(HEARTBEAT, seconds),
    onOnline: () => st.reportAll(),
    onOffline: () => undefined,
    retry: { attempts: () => dm.int(ATTEMPTS), retryMs: () => dm.int(ATTEMPT_S) * 1000 },
  })
  st.wire = s
  return { station: st, link: st.link, flow: flow201(s), deviceModel: dm }
}
