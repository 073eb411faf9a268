/**
 * Operator commands to a charger, protocol-neutral. Each version adapter maps a command to its own
 * message (e.g. `remoteStart` is 1.6 RemoteStartTransaction and 2.0.1 RequestStartTransaction).
 */
export type ChargerCommand =
  | { type: 'reset'; kind: 'Soft' | 'Hard' }
  | { type: 'remoteStart'; idTag: string; evseId?: number }
  | { type: 'remoteStop'; transactionId: number }
  | { type: 'unlock'; evseId: number; connectorId?: number }
  | { type: 'changeAvailability'; evseId: number; operative: boolean }
  | { type: 'getConfiguration'; keys?: string[] }
  | { type: 'changeConfiguration'; key: string; value: string }
  | { type: 'triggerMessage'; message: TriggerableMessage; evseId?: number }
  | { type: 'clearCache' }
  | { type: 'dataTransfer'; vendorId: string; messageId?: string; data?: string }

/** Messages a charger can be asked to send at once. */
export type TriggerableMessage =
  | 'BootNotification'
  | 'Heartbeat'
  | 'StatusNotification'
  | 'MeterValues'
  | 'FirmwareStatusNotification'
  | 'DiagnosticsStatusNotification'

/**
 * How a command ended. `Accepted`/`Rejected` (and command-specific statuses such as `Scheduled`) come
 * from the charger; `NotSupported` when it or its protocol version cannot do it; `Offline` at once when
 * no node holds its connection; `Timeout` when it did not answer; `Failed` when it answered with an error.
 */
export interface CommandOutcome {
  status: string
  /** The charger's reason or error description, for people. */
  detail?: string
  /** Command-specific result data (e.g. configuration keys). */
  data?: Record<string, unknown>
}

/** Outcome helpers for the cases that do not come from the charger. */
export const outcome = {
  offline: (): CommandOutcome => ({ status: 'Offline', detail: 'the charger is not connected' }),
  timeout: (): CommandOutcome => ({ status: 'Timeout', detail: 'the charger did not answer in time' }),
  notSupported: (detail: string): CommandOutcome => ({ status: 'NotSupported', detail }),
}
