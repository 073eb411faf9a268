import { type CommandOutcome, outcome } from '@src/domain/charger/commands'
import type { CallBuilders } from '../call-builders'
import type { Call } from './calls'
import type { RequestMap, ResponseMap } from './generated/messages'
import { profile16 } from './profiles'

/** 1.6 configuration keys read back as device-model variables (component `Configuration`). */
function configurationVariables(r: ResponseMap['GetConfiguration']): Partial<CommandOutcome> {
  const variables = (r.configurationKey ?? []).map((k) => ({
    component: 'Configuration',
    variable: k.key,
    value: k.value ?? null,
    mutability: k.readonly ? 'ReadOnly' : 'ReadWrite',
  }))
  return { data: { ...r, variables } }
}

/**
 * OCPP 1.6 Core profile: reset, remote start/stop, unlock, availability, configuration, the
 * authorization cache and data transfer. Configuration is read as device-model variables so callers
 * see one shape for both versions; `setVariables` is sent one ChangeConfiguration per key by
 * `sendCommand16`, never as a single CALL.
 */
export const coreCalls = {
  reset: (c) => ({ action: 'Reset', payload: { type: c.kind } }),
  remoteStart: (c) => {
    const payload: RequestMap['RemoteStartTransaction'] = { idTag: c.idTag }
    if (c.evseId !== undefined) payload.connectorId = c.evseId
    if (c.chargingProfile) payload.chargingProfile = profile16(c.chargingProfile)
    return { action: 'RemoteStartTransaction', payload }
  },
  remoteStop: (c) => ({ action: 'RemoteStopTransaction', payload: { transactionId: Number(c.wireTxId) } }),
  unlock: (c) => ({ action: 'UnlockConnector', payload: { connectorId: c.evseId } }),
  changeAvailability: (c) => ({
    action: 'ChangeAvailability',
    payload: { connectorId: c.evseId, type: c.operative ? 'Operative' : 'Inoperative' },
  }),
  getVariables: (c) => ({
    action: 'GetConfiguration',
    payload: c.variables ? { key: c.variables.map((v) => v.variable) } : {},
    read: configurationVariables,
  }),
  getBaseReport: () => ({ action: 'GetConfiguration', payload: {}, read: configurationVariables }),
  setVariables: () => outcome.notSupported('setVariables is sent one key at a time to 1.6'),
  clearCache: () => ({ action: 'ClearCache', payload: {} }),
  costUpdated: () =>
    outcome.notSupported('OCPP 1.6 has no CostUpdated: its display is told through the costmsg DataTransfer'),
  dataTransfer: (c) => ({
    action: 'DataTransfer',
    payload: {
      vendorId: c.vendorId,
      ...(c.messageId ? { messageId: c.messageId } : {}),
      ...(c.data === undefined ? {} : { data: c.data }),
    },
    read: (r) => ({ data: { ...r } }),
  }),
} satisfies CallBuilders<Call>
