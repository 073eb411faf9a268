import type { DeviceVariableRow } from '@src/db/repos/device'
import { type CostDisplay16, costDisplay16 } from '@src/domain/sessions/california-pricing'

/** How a charger's display can be told a session's cost, from what it reported of itself. */
export type DisplayCapability =
  | { kind: 'costUpdated' }
  | { kind: 'costmsg'; display: CostDisplay16 }
  | { kind: 'none'; why: string }

/**
 * What a charger's display understands: a 2.0.1 station that reports `TariffCostCtrlr.Enabled[Cost]`
 * (or `Available[Cost]`) true gets CostUpdated; a 1.6 charger whose configuration key
 * `CustomDisplayCostAndPrice` is true gets the California Pricing DataTransfer messages. Anything
 * else (not reported, or reported false) gets neither.
 */
export function displayCapability(
  protocol: string | null,
  variables: readonly Pick<DeviceVariableRow, 'component' | 'variable' | 'variableInstance' | 'value'>[],
): DisplayCapability {
  if (protocol?.startsWith('ocpp2')) {
    const on = variables.some(
      (v) =>
        v.component === 'TariffCostCtrlr' &&
        (v.variable === 'Enabled' || v.variable === 'Available') &&
        v.variableInstance === 'Cost' &&
        v.value?.toLowerCase() === 'true',
    )
    return on
      ? { kind: 'costUpdated' }
      : { kind: 'none', why: 'TariffCostCtrlr.Enabled[Cost] not reported true' }
  }
  if (protocol === 'ocpp1.6') {
    const keys = new Map(
      variables.filter((v) => v.component === 'Configuration').map((v) => [v.variable, v.value] as const),
    )
    const display = costDisplay16(keys)
    return display.enabled
      ? { kind: 'costmsg', display }
      : { kind: 'none', why: 'configuration key CustomDisplayCostAndPrice not reported true' }
  }
  return { kind: 'none', why: `protocol ${protocol ?? 'unknown'}` }
}
