import type { CommandOutcome } from '@src/domain/charger/commands'
import type { Action, RequestMap, ResponseMap } from './generated/messages'

/** One OCPP 2.0.1 CALL, and how to read its answer beyond the status. */
export type Call = {
  [A in Action]: { action: A; payload: RequestMap[A]; read?: (r: ResponseMap[A]) => Partial<CommandOutcome> }
}[Action]

/** A CSMS-originated token (remote start, reservations, local lists). */
export const central = (id: string) => ({ idToken: id, type: 'Central' as const })

/** 1.6 calls the central system's root certificate what 2.0.1 calls the CSMS's. */
export const certificateUse = (t: string) =>
  (t === 'CentralSystemRootCertificate' ? 'CSMSRootCertificate' : t) as 'CSMSRootCertificate'
