import { subjects } from '@src/bus/subjects'
import type { Deps } from '@src/deps'
import type { SiteConfig } from '@src/domain/site/site-config'
import {
  type CircuitFields,
  type ConnectorFields,
  circuitErrors,
  connectorErrors,
  type SiteFields,
} from './site-input'
import { siteStatusStore } from './site-status-store'

/**
 * The outcome of a change to a site: done, or refused with a message per field (400 bad input,
 * 404 unknown site/charger/circuit, 409 a conflict with the rest of the site).
 */
export type EditOutcome =
  | { ok: true; created: boolean }
  | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }

const refuse = (status: 400 | 404 | 409, errors: Record<string, string>): EditOutcome => ({
  ok: false,
  status,
  errors,
})
const done = (created = false): EditOutcome => ({ ok: true, created })

/** Tells the site loop to reload this site's configuration. */
const changed = (deps: Deps, siteId: string) => deps.bus.publish(subjects.siteChanged(siteId), {})

async function siteConfig(deps: Deps, siteId: string): Promise<SiteConfig | EditOutcome> {
  const config = await deps.repos.sites.config(siteId)
  return config ?? refuse(404, { id: `no site ${siteId}` })
}

/**
 * Creates or replaces a site's settings; publishes `siteChanged` (and `sitesChanged` when new). The
 * building-meter charger must be registered and is only kept for an `ocpp` meter.
 *
 * @example await saveSite(deps, 'coop-1', siteSchema.parse({ name: 'Co-op', mainFuseA: 63 }))
 */
export async function saveSite(deps: Deps, id: string, input: SiteFields): Promise<EditOutcome> {
  const { sites, chargers } = deps.repos
  const meterId = input.buildingMeter === 'ocpp' ? input.buildingMeterChargerId : null
  if (meterId && !(await chargers.find(meterId)))
    return refuse(400, { buildingMeterChargerId: `no charger ${meterId} is registered` })
  const existed = await sites.find(id)
  await deps.writer.write([sites.upsert(id, { ...input, buildingMeterChargerId: meterId }, deps.clock.now())])
  changed(deps, id)
  if (!existed) deps.bus.publish(subjects.sitesChanged, {})
  return done(!existed)
}

/** Removes a site with its circuits and connector assignments; false if there was none. */
export async function deleteSite(deps: Deps, id: string): Promise<boolean> {
  const [gone] = await deps.writer.write([deps.repos.sites.remove(id)] as const)
  if (gone.length === 0) return false
  siteStatusStore(deps).forget(id)
  changed(deps, id)
  deps.bus.publish(subjects.sitesChanged, {})
  return true
}

/** Adds or changes a sub-circuit; its parent must be on the site and no loop may form. */
export async function saveCircuit(
  deps: Deps,
  siteId: string,
  circuitId: string,
  input: CircuitFields,
): Promise<EditOutcome> {
  const config = await siteConfig(deps, siteId)
  if ('ok' in config) return config
  const errors = circuitErrors(config, circuitId, input)
  if (Object.keys(errors).length) return refuse(400, errors)
  const existed = config.circuits.some((c) => c.id === circuitId)
  await deps.writer.write([deps.repos.sites.upsertCircuit({ siteId, id: circuitId, ...input })])
  changed(deps, siteId)
  return done(!existed)
}

/** Removes a circuit that nothing hangs under (409 naming what still does). */
export async function deleteCircuit(deps: Deps, siteId: string, circuitId: string): Promise<EditOutcome> {
  const config = await siteConfig(deps, siteId)
  if ('ok' in config) return config
  if (!config.circuits.some((c) => c.id === circuitId))
    return refuse(404, { circuitId: `no circuit ${circuitId} on this site` })
  const below = [
    ...config.circuits.filter((c) => c.parentId === circuitId).map((c) => `circuit ${c.id}`),
    ...config.connectors
      .filter((k) => k.circuitId === circuitId)
      .map((k) => `${k.chargerId} EVSE ${k.evseId}`),
  ]
  if (below.length)
    return refuse(409, { circuitId: `${below.join(', ')} still hang under it: move or remove them first` })
  await deps.writer.write([deps.repos.sites.removeCircuit(siteId, circuitId)])
  changed(deps, siteId)
  return done()
}

/**
 * Puts a charger EVSE on the site (moving it from another site, which is then told too). The charger
 * must be registered, its circuit on this site and its wiring valid for the site's phases.
 */
export async function assignConnector(
  deps: Deps,
  at: { siteId: string; chargerId: string; evseId: number },
  input: ConnectorFields,
): Promise<EditOutcome> {
  const config = await siteConfig(deps, at.siteId)
  if ('ok' in config) return config
  if (!(await deps.repos.chargers.find(at.chargerId)))
    return refuse(404, { chargerId: `no charger ${at.chargerId} is registered` })
  const errors = connectorErrors(config, input)
  if (Object.keys(errors).length) return refuse(400, errors)
  const previous = await deps.repos.sites.siteOf(at.chargerId, at.evseId)
  const wiring = input.wiring
    .split(',')
    .map((p) => p.trim().toUpperCase())
    .join(',')
  await deps.writer.write([deps.repos.sites.assignConnector({ ...at, ...input, wiring })])
  changed(deps, at.siteId)
  if (previous && previous !== at.siteId) changed(deps, previous)
  return done(previous !== at.siteId)
}

/** Takes a charger EVSE off the site. */
export async function unassignConnector(
  deps: Deps,
  at: { siteId: string; chargerId: string; evseId: number },
): Promise<EditOutcome> {
  const config = await siteConfig(deps, at.siteId)
  if ('ok' in config) return config
  if (!config.connectors.some((k) => k.chargerId === at.chargerId && k.evseId === at.evseId))
    return refuse(404, { chargerId: `${at.chargerId} EVSE ${at.evseId} is not on this site` })
  await deps.writer.write([deps.repos.sites.unassignConnector(at.siteId, at.chargerId, at.evseId)])
  changed(deps, at.siteId)
  return done()
}
