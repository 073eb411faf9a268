import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { SitesRepo } from '@src/db/repos/sites'
import type { DbWriter } from '@src/db/writer'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { Clock } from '@src/lib/clock'
import {
  type CircuitFields,
  type ConnectorFields,
  circuitErrors,
  connectorErrors,
  type SiteFields,
} from './site-input'
import type { SiteStatusStore } from './site-status'

/**
 * The outcome of a change to a site: done, or refused with a message per field (400 bad input,
 * 404 unknown site/charger/circuit, 409 a conflict with the rest of the site).
 */
export type EditOutcome =
  | { ok: true; created: boolean }
  | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> }

/** What {@link SiteEdits} works with. */
export interface SiteEditsDeps {
  sites: SitesRepo
  chargers: ChargersRepo
  writer: DbWriter
  bus: Bus
  clock: Clock
  siteStatus: SiteStatusStore
}

/** A charger EVSE on a site. */
export interface ConnectorAt {
  siteId: string
  chargerId: string
  evseId: number
}

const refuse = (status: 400 | 404 | 409, errors: Record<string, string>): EditOutcome => ({
  ok: false,
  status,
  errors,
})
const done = (created = false): EditOutcome => ({ ok: true, created })

/**
 * Changes to sites, their fuse trees and connectors: one use case for the admin's forms and the REST
 * API. Each checks the change against the rest of the site, writes it, and tells the site loop
 * (`siteChanged`) so it plans with the new configuration at once.
 */
export class SiteEdits {
  constructor(private readonly deps: SiteEditsDeps) {}

  /**
   * Creates or replaces a site's settings; publishes `siteChanged` (and `sitesChanged` when new). The
   * building-meter charger must be registered and is only kept for an `ocpp` meter.
   *
   * @example await edits.saveSite('coop-1', siteSchema.parse({ name: 'Co-op', mainFuseA: 63 }))
   */
  async saveSite(id: string, input: SiteFields): Promise<EditOutcome> {
    const { sites, chargers } = this.deps
    const meterId = input.buildingMeter === 'ocpp' ? input.buildingMeterChargerId : null
    if (meterId && !(await chargers.find(meterId)))
      return refuse(400, { buildingMeterChargerId: `no charger ${meterId} is registered` })
    const existed = await sites.find(id)
    await this.deps.writer.write([
      sites.upsert(id, { ...input, buildingMeterChargerId: meterId }, this.deps.clock.now()),
    ])
    this.#changed(id)
    if (!existed) this.deps.bus.publish(subjects.sitesChanged, {})
    return done(!existed)
  }

  /** Removes a site with its circuits and connector assignments; false if there was none. */
  async deleteSite(id: string): Promise<boolean> {
    const [gone] = await this.deps.writer.write([this.deps.sites.remove(id)] as const)
    if (gone.length === 0) return false
    this.deps.siteStatus.forget(id)
    this.#changed(id)
    this.deps.bus.publish(subjects.sitesChanged, {})
    return true
  }

  /** Adds or changes a sub-circuit; its parent must be on the site and no loop may form. */
  async saveCircuit(siteId: string, circuitId: string, input: CircuitFields): Promise<EditOutcome> {
    const config = await this.#config(siteId)
    if ('ok' in config) return config
    const errors = circuitErrors(config, circuitId, input)
    if (Object.keys(errors).length) return refuse(400, errors)
    const existed = config.circuits.some((c) => c.id === circuitId)
    await this.deps.writer.write([this.deps.sites.upsertCircuit({ siteId, id: circuitId, ...input })])
    this.#changed(siteId)
    return done(!existed)
  }

  /** Removes a circuit that nothing hangs under (409 naming what still does). */
  async deleteCircuit(siteId: string, circuitId: string): Promise<EditOutcome> {
    const config = await this.#config(siteId)
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
    await this.deps.writer.write([this.deps.sites.removeCircuit(siteId, circuitId)])
    this.#changed(siteId)
    return done()
  }

  /**
   * Puts a charger EVSE on the site (moving it from another site, which is then told too). The charger
   * must be registered, its circuit on this site and its wiring valid for the site's phases.
   */
  async assignConnector(at: ConnectorAt, input: ConnectorFields): Promise<EditOutcome> {
    const config = await this.#config(at.siteId)
    if ('ok' in config) return config
    if (!(await this.deps.chargers.find(at.chargerId)))
      return refuse(404, { chargerId: `no charger ${at.chargerId} is registered` })
    const errors = connectorErrors(config, input)
    if (Object.keys(errors).length) return refuse(400, errors)
    const previous = await this.deps.sites.siteOf(at.chargerId, at.evseId)
    const wiring = input.wiring
      .split(',')
      .map((p) => p.trim().toUpperCase())
      .join(',')
    await this.deps.writer.write([this.deps.sites.assignConnector({ ...at, ...input, wiring })])
    this.#changed(at.siteId)
    if (previous && previous !== at.siteId) this.#changed(previous)
    return done(previous !== at.siteId)
  }

  /** Takes a charger EVSE off the site. */
  async unassignConnector(at: ConnectorAt): Promise<EditOutcome> {
    const config = await this.#config(at.siteId)
    if ('ok' in config) return config
    if (!config.connectors.some((k) => k.chargerId === at.chargerId && k.evseId === at.evseId))
      return refuse(404, { chargerId: `${at.chargerId} EVSE ${at.evseId} is not on this site` })
    await this.deps.writer.write([this.deps.sites.unassignConnector(at.siteId, at.chargerId, at.evseId)])
    this.#changed(at.siteId)
    return done()
  }

  /** Tells the site loop to reload this site's configuration. */
  #changed(siteId: string): void {
    this.deps.bus.publish(subjects.siteChanged(siteId), {})
  }

  async #config(siteId: string): Promise<SiteConfig | EditOutcome> {
    const config = await this.deps.sites.config(siteId)
    return config ?? refuse(404, { id: `no site ${siteId}` })
  }
}
