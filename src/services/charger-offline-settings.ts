import type { LocalListsRepo } from '@src/db/repos/local-lists'
import {
  type ListLimits,
  listLimits,
  type OfflineProtocol,
  offlineReads,
  offlineSettings,
  settingsToChange,
  variableKey,
} from '@src/domain/access/offline-settings'
import type { ChargerCommand, CommandOutcome, VariableRef } from '@src/domain/charger/commands'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'

/** What the local-list service learnt from a charger on this node: its settings as reported and its limits. */
export interface KnownCharger {
  protocol: OfflineProtocol
  reported: Map<string, string | null>
  limits: ListLimits
}

/** How the settings reach a charger and where what it reported is read. */
export interface SettingsPort {
  send: (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome>
  log: Logger
  lists: Pick<LocalListsRepo, 'reportedCapacity'>
}

/** Reads the charger's offline settings and list limits; undefined when it went offline (it is owed its list). */
export async function learnCharger(
  port: SettingsPort,
  chargerId: string,
  protocol: OfflineProtocol,
): Promise<KnownCharger | undefined> {
  const reads = offlineReads(protocol)
  const result = await port.send(chargerId, { type: 'getVariables', variables: reads })
  if (result.status === 'Offline') return undefined
  const reported = new Map<string, string | null>()
  for (const v of variablesOf(result)) reported.set(variableKey(v), v.value ?? null)
  const capacity = protocol === 'ocpp2.0.1' ? await port.lists.reportedCapacity(chargerId) : null
  return { protocol, reported, limits: listLimits(protocol, reported, capacity) }
}

/**
 * Sets what differs from the offline settings the rules need (`strict`: the cache off), updating
 * `known` with what the charger answered, and clears the cache when it was on and the rules changed
 * or it was just switched off.
 */
export async function settleOfflineSettings(
  port: SettingsPort,
  chargerId: string,
  known: KnownCharger,
  rules: { strict: boolean; rulesChanged: boolean },
): Promise<void> {
  const cacheKey = known.protocol === 'ocpp1.6' ? 'AuthorizationCacheEnabled' : 'AuthCacheCtrlr/Enabled'
  const cacheWasOn = known.reported.get(cacheKey)?.toLowerCase() !== 'false'
  const change = settingsToChange(offlineSettings(known.protocol, rules.strict), known.reported)
  if (change.length > 0) {
    const result = await port.send(chargerId, { type: 'setVariables', variables: change })
    for (const v of variablesOf(result)) known.reported.set(variableKey(v), v.value ?? null)
    if (result.status !== 'Accepted' && result.status !== 'RebootRequired') {
      port.log.warn('charger refused offline settings: offline it may not follow the access rules', {
        charger: chargerId,
        status: result.status,
        detail: result.detail ?? null,
        wanted: change.map((s) => `${variableKey(s)}=${s.value}`),
      })
    }
  }
  const cacheOff = known.reported.get(cacheKey)?.toLowerCase() === 'false'
  if (cacheWasOn && (rules.rulesChanged || cacheOff)) {
    const cleared = await port.send(chargerId, { type: 'clearCache' })
    if (cleared.status !== 'Accepted')
      port.log.warn('charger did not clear its authorization cache', {
        charger: chargerId,
        status: cleared.status,
      })
  }
}

/** Whether the charger accepts unknown ids offline (then refusals are listed explicitly). */
export function acceptsUnknown(known: KnownCharger): boolean {
  const key =
    known.protocol === 'ocpp1.6' ? 'AllowOfflineTxForUnknownId' : 'AuthCtrlr/OfflineTxForUnknownIdEnabled'
  return known.reported.get(key)?.toLowerCase() === 'true'
}

const variableRows = z.array(
  z.object({
    component: z.string().optional(),
    variable: z.string(),
    value: z.string().nullable().optional(),
  }),
)

/** The variables a getVariables/setVariables outcome carries (none when it failed). */
function variablesOf(result: CommandOutcome): (VariableRef & { value?: string | null | undefined })[] {
  const parsed = variableRows.safeParse(result.data?.variables)
  return parsed.success ? parsed.data : []
}
