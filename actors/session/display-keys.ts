import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DeviceRepo } from '@src/db/repos/device'
import type { ChargerCommand, CommandOutcome, VariableRef } from '@src/domain/charger/commands'
import { COSTMSG_KEYS } from '@src/domain/sessions/california-pricing'
import type { Clock, TimerHandle } from '@src/lib/clock'
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
const connected = z.object({ chargerId: z.string(), nodeId: z.string() })
const disconnected = z.object({ chargerId: z.string() })

/** A charger that connected here but did not boot within this is read anyway (a reconnect without a boot). */
export const CONNECT_SETTLE_MS = 5_000

/** What reading the display keys needs. */
export interface DisplayKeysDeps {
  bus: Bus
  clock: Clock
  log: Logger
  nodeId: string
  chargers: Pick<ChargersRepo, 'find'>
  device: Pick<DeviceRepo, 'variables'>
  /** True when this node holds the charger's connection. */
  holds(chargerId: string): boolean
  /** Sends a command through the charger's node (`sendChargerCommand`); its answer's variables are stored there. */
  send(chargerId: string, command: ChargerCommand): Promise<CommandOutcome>
}

/**
 * Reads a charger's display configuration itself, so the running cost reaches its display without an
 * operator's command: after a BootNotification this node accepted, or {@link CONNECT_SETTLE_MS} after
 * a connection here that brought no boot (a reconnect) when the charger's registration is Accepted,
 * unless the keys are already stored, one GetConfiguration of the California Pricing keys (1.6) or
 * one GetVariables of `TariffCostCtrlr.Enabled[Cost]` and `Available[Cost]` (2.0.1); one read per
 * charger at a time. The charger actor stores what comes back (`device_variables`), where the session
 * actor reads its display's capability. A charger that does not know the keys is asked again at its
 * next boot or reconnect. Returns the stop (subscriptions and pending timers).
 */
export function readDisplayKeys(deps: DisplayKeysDeps): () => void {
  const settling = new Map<string, TimerHandle>()
  const reading = new Set<string>()
  const settled = (chargerId: string) => {
    const timer = settling.get(chargerId)
    if (timer !== undefined) deps.clock.clearTimeout(timer)
    settling.delete(chargerId)
  }
  const read = (chargerId: string, needAccepted: boolean) => {
    if (!deps.holds(chargerId) || reading.has(chargerId)) return
    reading.add(chargerId)
    readIfUnknown(deps, chargerId, needAccepted)
      .then(
        (o) => {
          if (o && o.status !== 'Accepted')
            deps.log.debug('display keys not read', {
              charger: chargerId,
              status: o.status,
              detail: o.detail,
            })
        },
        (err: unknown) => deps.log.warn('display keys not read', { charger: chargerId, err }),
      )
      .finally(() => reading.delete(chargerId))
  }
  const offs = [
    deps.bus.subscribe(subjects.everyChargerEvent('connected'), (payload) => {
      const p = connected.safeParse(payload)
      if (!p.success || p.data.nodeId !== deps.nodeId) return
      const id = p.data.chargerId
      settled(id)
      settling.set(
        id,
        deps.clock.setTimeout(() => {
          settling.delete(id)
          read(id, true)
        }, CONNECT_SETTLE_MS),
      )
    }),
    deps.bus.subscribe(subjects.everyChargerEvent('booted'), (payload) => {
      const p = booted.safeParse(payload)
      if (!p.success || p.data.registration !== 'Accepted') return
      settled(p.data.chargerId)
      read(p.data.chargerId, false)
    }),
    deps.bus.subscribe(subjects.everyChargerEvent('disconnected'), (payload) => {
      const p = disconnected.safeParse(payload)
      if (p.success) settled(p.data.chargerId)
    }),
  ]
  return () => {
    for (const off of offs) off()
    for (const id of [...settling.keys()]) settled(id)
  }
}

/** The read's outcome, or undefined when nothing was asked (keys known, or a protocol without them). */
async function readIfUnknown(
  deps: DisplayKeysDeps,
  chargerId: string,
  needAccepted: boolean,
): Promise<CommandOutcome | undefined> {
  const charger = await deps.chargers.find(chargerId)
  if (needAccepted && charger?.registration !== 'Accepted') return undefined
  const protocol = charger?.protocol
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
