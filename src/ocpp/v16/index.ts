import { wireCode16 } from '../rpc/errors'
import type { OcppVersion } from '../version'
import { decodeCall16 } from './inbound'
import { sendCommand16 } from './outbound'

/** OCPP 1.6J (with the security extension). */
export const ocpp16: OcppVersion = {
  protocol: 'ocpp1.6',
  wireCode: wireCode16,
  decodeCall: decodeCall16,
  sendCommand: sendCommand16,
}
