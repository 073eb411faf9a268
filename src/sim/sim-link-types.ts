import type { RegistrationStatus } from '@src/domain/charger/types'
import type { z } from 'zod'

/**
 * The contract between a simulated station and its link to the CSMS, whatever the OCPP version: the
 * link is generic over the version's request and response maps.
 */

/** The answer to a call the charger made: the typed payload, or why there is none. */
export type Sent<R> = { ok: true; payload: R } | { ok: false; error: string }

/** The OCPP versions a simulated station speaks (the WebSocket subprotocol names). */
export type SimProtocol = 'ocpp1.6' | 'ocpp2.0.1'

/** What every version's request payloads include. */
export interface BaseRequests {
  BootNotification: unknown
  Heartbeat: unknown
}

/** What every version's answers include (BootNotification reads the same in 1.6 and 2.0.1). */
export interface BaseResponses {
  BootNotification: { status: RegistrationStatus; interval: number }
  Heartbeat: unknown
}

/** One OCPP version as the link speaks it: the subprotocol and the schemas of its payloads. */
export interface LinkProtocol<RQ extends BaseRequests, RS extends BaseResponses> {
  name: SimProtocol
  requestSchemas: { readonly [A in keyof RQ]: z.ZodType<RQ[A]> }
  responseSchemas: { readonly [A in keyof RS]: z.ZodType<RS[A]> }
}

/** What the station and the charger need of a link, whatever its version. */
export interface LinkControl {
  readonly online: boolean
  readonly registration: RegistrationStatus | undefined
  connect(): Promise<void>
  boot(): Promise<RegistrationStatus | undefined>
  restartHeartbeat(): void
  reboot(downMs: number): Promise<void>
  dropConnection(): Promise<void>
  close(): Promise<void>
}
