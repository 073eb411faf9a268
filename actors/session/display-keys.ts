import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DeviceRepo } from '@src/db/repos/device'
import type { ChargerCommand, CommandOutcome, VariableRef } from '@src/domain/charger/commands'
import { COSTMSG_KEYS } from '@src/domain/sessions/california-pricing'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'

/** The 1.6 configuration keys of the California Pricing display (read with one GetConfiguration). */
export const DISPLAY_KEYS_16: VariableRef[] = Object.values(COSTMSG_KEYS).map((variable) => ({ variable }))
/** The 2.0.1 variables that say a station shows costs (read with one GetVariables). */
export const DISPLAY_KEYS_201: VariableRef[] = ['Enabled', 'Available'].map((variable) => ({
  component: 'TariffCostCtrlr',
  variable,
  variableInstance: 'Cost',
}))

const booted = z.object({ chargerId: z.string(), registration: z.string() })

/** What reading the display keys needs. */
export interface DisplayKeysDeps {
  bus: Bus
  log: Logger
  chargers: Pick<ChargersRepo, 'find'>
  device: Pick<DeviceRepo, 'variables'>
  /** True when this node holds the charger's connection. */
  holds(chargerId: string): boolean
  /** Sends a command through the charger's node (`sendChargerCommand`); its answer's variables are stored there. */
  send(chargerId: string, command: ChargerCommand): Promise<CommandOutcome>
}

/**
 * Reads a charger's display configuration itself, so the running cost reaches its display without an
 * operator's command: after a BootNotification this node accepted, unless the keys are already
 * stored, one GetConfiguration of the California Pricing keys (1.6) or one GetVariables of
 * `TariffCostCtrlr.Enabled[Cost]` and `Available[Cost]` (2.0.1). The charger actor stores what comes
 * back (`device_variables`), where the session actor reads its display's capability. A charger that
 * does not know the keys is asked again at its next boot. Returns the unsubscribe.
 */
export function readDisplayKeys(deps: DisplayKeysDeps): () => void {
  return deps.bus.subscribe(subjects.everyChargerEvent('booted'), (payload) => {
    const p = booted.safeParse(payload)
    if (!p.success || p.data.registration !== 'Accepted' || !deps.holds(p.data.chargerId)) return
    const { chargerId } = p.data
    readIfUnknown(deps, chargerId).then(
      (o) => {
        if (o && o.status !== 'Accepted')
          deps.log.debug('display keys not read', { charger: chargerId, status: o.status, detail: o.detail })
      },
      (err: unknown) => deps.log.warn('display keys not read', { charger: chargerId, err }),
    )
  })
}

/** The read's outcome, or undefined when nothing was asked (keys known, or a protocol without them). */
async function readIfUnknown(deps: DisplayKeysDeps, chargerId: string): Promise<CommandOutcome | undefined> {
  const protocol = (await deps.chargers.find(chargerId))?.protocol
  const wanted =
    protocol === 'ocpp1.6' ? DISPLAY_KEYS_16 : protocol?.startsWith('ocpp2') ? DISPLAY_KEYS_201 : []
  // known once the key that switches the display on was reported: 1.6 its first, 2.0.1 either
  const enabling = protocol === 'ocpp1.6' ? wanted.slice(0, 1) : wanted
  const marker = enabling[0]
  if (!marker) return undefined
  const known = await deps.device.variables(chargerId, marker.component ?? marker.variable)
  const has = (ref: VariableRef) =>
    known.some(
      (v) =>
        v.component === (ref.component ?? 'Configuration') &&
        v.variable === ref.variable &&
        (ref.variableInstance === undefined || v.variableInstance === ref.variableInstance),
    )
  if (enabling.some(has)) return undefined
  return deps.send(chargerId, { type: 'getVariables', variables: wanted })
}
