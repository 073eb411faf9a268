import {
  type RequestMap,
  type ResponseMap,
  requestSchemas,
  responseSchemas,
} from '@src/ocpp/v16/generated/messages'
import { meterValue, sampledValues } from './meter-samples'
import { handleCsmsCall } from './sim-calls'
import { SimConfiguration } from './sim-config'
import type { ChargerParts, ProtocolFlow } from './sim-flow'
import { SimLink } from './sim-link'
import type { LinkProtocol } from './sim-link-types'
import { guarded, identity, linkBasics, type SimChargerOptions, stationOptions } from './sim-options'
import { iso, SimStation, type StationWire } from './sim-station'
import { beginSession, endSession, plugIn, unplug } from './sim-transactions'

/** OCPP 1.6J on the wire. */
export const protocol16: LinkProtocol<RequestMap, ResponseMap> = {
  name: 'ocpp1.6',
  requestSchemas,
  responseSchemas,
}

/** 1.6 reports: StatusNotification per connector (and connector 0), MeterValues with the transaction. */
function wire16(st: SimStation): StationWire {
  const status = (connectorId: number, s: Parameters<StationWire['stationStatus']>[0], at: number) =>
    void st.link.send('StatusNotification', {
      connectorId,
      errorCode: 'NoError',
      status: s,
      timestamp: iso(at),
    })
  return {
    connectorStatus: (c, s, at) => status(c.id, s, at),
    stationStatus: (s, at) => status(0, s, at),
    meter: (c, context, reading, at) => {
      const txId = c.tx?.id
      const meter = [meterValue(at, sampledValues(reading, context))]
      void st.link.send('MeterValues', {
        connectorId: c.id,
        meterValue: meter,
        ...(txId === undefined ? {} : { transactionId: txId }),
      })
    },
  }
}

/** The 1.6 session flow (`sim-transactions.ts`). */
function flow16(st: SimStation): ProtocolFlow {
  return {
    plugIn: (c, ev) => plugIn(st, c, ev),
    begin: (c, idTag) => beginSession(st, c, idTag, { authorize: true }),
    end: (c, reason, idTag) => endSession(st, c, reason, idTag),
    unplug: (c) => unplug(st, c),
  }
}

/** An OCPP 1.6 charge point: configuration keys, the 1.6 link, reports and session flow. */
export function build16(opts: SimChargerOptions): ChargerParts {
  const config = new SimConfiguration({
    numberOfConnectors: opts.connectors ?? 1,
    heartbeatIntervalS: opts.heartbeatIntervalS ?? 300,
    meterIntervalS: opts.meterIntervalS ?? 60,
  })
  const settings = {
    meterIntervalS: () => config.int('MeterValueSampleInterval'),
    maxStackLevel: () => config.int('ChargeProfileMaxStackLevel'),
    maxPeriods: () => config.int('ChargingScheduleMaxPeriods'),
  }
  const st = new SimStation(stationOptions(opts, settings), config)
  const who = identity(opts)
  st.link = new SimLink({
    ...linkBasics(opts, st.clock, (e) => st.emit(e)),
    protocol: protocol16,
    onCall: guarded((action, payload) => handleCsmsCall(st, action, payload)),
    bootPayload: () => ({
      chargePointVendor: who.vendor,
      chargePointModel: who.model,
      chargePointSerialNumber: who.serialNumber,
      firmwareVersion: who.firmwareVersion,
      meterType: 'SimMeter',
    }),
    heartbeatS: () => config.int('HeartbeatInterval'),
    setHeartbeatS: (s) => config.set('HeartbeatInterval', s),
    onOnline: () => st.reportAll(),
    onOffline: () => undefined,
    retry: {
      attempts: () => config.int('TransactionMessageAttempts'),
      retryMs: () => config.int('TransactionMessageRetryInterval') * 1000,
    },
  })
  st.wire = wire16(st)
  return { station: st, link: st.link, flow: flow16(st), configuration: config }
}
