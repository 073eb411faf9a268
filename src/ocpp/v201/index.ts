import { wireCode201 } from '../rpc/errors'
import type { OcppVersion } from '../version'
import { decodeCall201 } from './inbound'
import { sendCommand201 } from './outbound'

/** OCPP 2.0.1. */
export const ocpp201: OcppVersion = {
  protocol: 'ocpp2.0.1',
  wireCode: wireCode201,
  decodeCall: decodeCall201,
  sendCommand: sendCommand201,
}
