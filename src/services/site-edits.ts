import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { SitesRepo } from '@src/db/repos/sites'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import type { SiteConfig } from '@src/domain/site/site-config'
import { ownerFor, reachOf } from '@src/domain/tenancy/ownership'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { AccessChanges } from './access-changes'
import type { Audit } from './audit'
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
 * 403 a site the caller may see but not change, 404 unknown site/charger/circuit or another
 * tenant's, 409 a conflict with the rest of the site).
 */
export type EditOutcome =
  | { ok: true; created: boolean }
  | { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string> }

/** What {@link SiteEdits} works with. */
export interface SiteEditsDeps {
  sites: SitesRepo
  chargers: ChargersRepo
  writer: DbWriter
  bus: Bus
  clock: Clock
  siteStatus: SiteStatusStore
  audit: Audit
  /** Local lists: a site's access settings and its connectors decide who may charge on its chargers. */
  accessChanges: AccessChanges
}

/** A charger EVSE on a site. */
export interface ConnectorAt {
  siteId: string
  chargerId: string
  evseId: number
}

const refuse = (status: 400 | 403 | 404 | 409, errors: Record<string, string>): EditOutcome => ({
  ok: false,
  status,
  errors,
})
const done = (created = false): EditOutcome => ({ ok: true, created })

/**
 * Changes to sites, their fuse trees and connectors: one use case for the admin's forms and the REST
 * API. Each checks the caller's scope (`sites:write` in the site's organization; another tenant's
 * site is unknown), checks the change against the rest of the site, writes it with its audit entry,
 * and tells the site loop (`siteChanged`) so it plans with the new configuration at once.
 */
export class SiteEdits {
  constructor(private readonly deps: SiteEditsDeps) {}

  /**
   * Creates or replaces a site's settings; publishes `siteChanged` (and `sitesChanged` when new). The
   * building-meter charger must be registered and is only kept for an `ocpp` meter.
   *
   * A new site goes to `input.organizationId` or the caller's default organization; an existing one
   * moves there when it is given (with `sites:write` in both).
   *
   * @example await edits.saveSite(scope, 'coop-1', siteSchema.parse({ name: 'Co-op', mainFuseA: 63 }))
   */
  async saveSite(scope: Scope, id: string, fields: SiteFields): Promise<EditOutcome> {
    const { sites, chargers } = this.deps
    const { organizationId, ...input } = fields
    const [existed, current] = await Promise.all([sites.find(id), sites.organizationOf(id)])
    let owner = current
    if (current !== undefined) {
      const refused = this.#refusal(scope, current)
      if (refused) return refused
    }
    if (current === undefined || (organizationId !== undefined && organizationId !== current)) {
      const chosen = ownerFor(scope, 'sites:write', organizationId, PLATFORM_ORG)
      if (!chosen.ok) return refuse(400, { organizationId: chosen.message })
      owner = chosen.organizationId
    }
    const meterId = input.buildingMeter === 'ocpp' ? input.buildingMeterChargerId : null
    const meter = meterId ? await chargers.find(meterId) : undefined
    if (meterId && !(meter && can(scope, 'chargers:read', meter.organizationId)))
      return refuse(400, { buildingMeterChargerId: `no charger ${meterId} is registered` })
    const settings = { ...input, buildingMeterChargerId: meterId }
    await this.deps.writer.write([
      sites.upsert(id, settings, this.deps.clock.now(), owner),
      this.#audit(
        scope,
        owner as string,
        existed ? 'site.updated' : 'site.created',
        'site',
        id,
        existed ?? null,
        {
          ...settings,
          organizationId: owner,
        },
      ),
    ])
    this.#changed(id)
    this.deps.accessChanges.changed(owner as string)
    if (current !== undefined && current !== owner) this.deps.accessChanges.changed(current)
    if (!existed) this.deps.bus.publish(subjects.sitesChanged, {})
    return done(!existed)
  }

  /** True when a site with this id exists in any organization (site ids are global: a new one must be free). */
  async exists(id: string): Promise<boolean> {
    return (await this.deps.sites.organizationOf(id)) !== undefined
  }

  /** Removes a site with its circuits and connector assignments (404: none the caller can see). */
  async deleteSite(scope: Scope, id: string): Promise<EditOutcome> {
    const config = await this.#config(scope, id)
    if ('ok' in config) return config
    const { organizationId, ...before } = config
    await this.deps.writer.write([
      this.deps.sites.remove(id),
      this.#audit(scope, organizationId, 'site.deleted', 'site', id, before, null),
    ])
    this.deps.siteStatus.forget(id)
    this.#changed(id)
    this.deps.accessChanges.changed(organizationId)
    this.deps.bus.publish(subjects.sitesChanged, {})
    return done()
  }

  /** Adds or changes a sub-circuit; its parent must be on the site and no loop may form. */
  async saveCircuit(
    scope: Scope,
    siteId: string,
    circuitId: string,
    input: CircuitFields,
  ): Promise<EditOutcome> {
    const config = await this.#config(scope, siteId)
    if ('ok' in config) return config
    const errors = circuitErrors(config, circuitId, input)
    if (Object.keys(errors).length) return refuse(400, errors)
    const before = config.circuits.find((c) => c.id === circuitId)
    const circuit = { siteId, id: circuitId, ...input }
    await this.deps.writer.write([
      this.deps.sites.upsertCircuit(circuit),
      this.#audit(
        scope,
        config.organizationId,
        before ? 'circuit.updated' : 'circuit.created',
        'circuit',
        `${siteId}/${circuitId}`,
        before ?? null,
        circuit,
      ),
    ])
    const existed = before !== undefined
    this.#changed(siteId)
    this.deps.accessChanges.changed(config.organizationId)
    return done(!existed)
  }

  /** Removes a circuit that nothing hangs under (409 naming what still does). */
  async deleteCircuit(scope: Scope, siteId: string, circuitId: string): Promise<EditOutcome> {
    const config = await this.#config(scope, siteId)
    if ('ok' in config) return config
    const before = config.circuits.find((c) => c.id === circuitId)
    if (!before) return refuse(404, { circuitId: `no circuit ${circuitId} on this site` })
    const below = [
      ...config.circuits.filter((c) => c.parentId === circuitId).map((c) => `circuit ${c.id}`),
      ...config.connectors
        .filter((k) => k.circuitId === circuitId)
        .map((k) => `${k.chargerId} EVSE ${k.evseId}`),
    ]
    if (below.length)
      return refuse(409, { circuitId: `${below.join(', ')} still hang under it: move or remove them first` })
    await this.deps.writer.write([
      this.deps.sites.removeCircuit(siteId, circuitId),
      this.#audit(
        scope,
        config.organizationId,
        'circuit.deleted',
        'circuit',
        `${siteId}/${circuitId}`,
        before,
        null,
      ),
    ])
    this.#changed(siteId)
    this.deps.accessChanges.changed(config.organizationId)
    return done()
  }

  /**
   * Puts a charger EVSE on the site (moving it from another site, which is then told too). The charger
   * must be registered, its circuit on this site and its wiring valid for the site's phases.
   */
  async assignConnector(scope: Scope, at: ConnectorAt, input: ConnectorFields): Promise<EditOutcome> {
    const config = await this.#config(scope, at.siteId)
    if ('ok' in config) return config
    const charger = await this.deps.chargers.find(at.chargerId)
    if (!(charger && can(scope, 'chargers:read', charger.organizationId)))
      return refuse(404, { chargerId: `no charger ${at.chargerId} is registered` })
    const errors = connectorErrors(config, input)
    if (Object.keys(errors).length) return refuse(400, errors)
    const previous = await this.deps.sites.siteOf(at.chargerId, at.evseId)
    const wiring = input.wiring
      .split(',')
      .map((p) => p.trim().toUpperCase())
      .join(',')
    const before = config.connectors.find((k) => k.chargerId === at.chargerId && k.evseId === at.evseId)
    const after = { ...at, ...input, wiring }
    await this.deps.writer.write([
      this.deps.sites.assignConnector(after),
      this.#audit(
        scope,
        config.organizationId,
        'connector.assigned',
        'connector',
        `${at.chargerId}/${at.evseId}`,
        before ?? null,
        after,
      ),
    ])
    this.#changed(at.siteId)
    this.deps.accessChanges.changed(config.organizationId)
    if (charger.organizationId !== config.organizationId)
      this.deps.accessChanges.changed(charger.organizationId)
    if (previous && previous !== at.siteId) {
      this.#changed(previous)
      const previousOrg = await this.deps.sites.organizationOf(previous)
      if (previousOrg && previousOrg !== config.organizationId) this.deps.accessChanges.changed(previousOrg)
    }
    return done(previous !== at.siteId)
  }

  /** Takes a charger EVSE off the site. */
  async unassignConnector(scope: Scope, at: ConnectorAt): Promise<EditOutcome> {
    const config = await this.#config(scope, at.siteId)
    if ('ok' in config) return config
    const before = config.connectors.find((k) => k.chargerId === at.chargerId && k.evseId === at.evseId)
    if (!before) return refuse(404, { chargerId: `${at.chargerId} EVSE ${at.evseId} is not on this site` })
    await this.deps.writer.write([
      this.deps.sites.unassignConnector(at.siteId, at.chargerId, at.evseId),
      this.#audit(
        scope,
        config.organizationId,
        'connector.unassigned',
        'connector',
        `${at.chargerId}/${at.evseId}`,
        before,
        null,
      ),
    ])
    this.#changed(at.siteId)
    this.deps.accessChanges.changed(config.organizationId)
    const charger = await this.deps.chargers.find(at.chargerId)
    if (charger && charger.organizationId !== config.organizationId)
      this.deps.accessChanges.changed(charger.organizationId)
    return done()
  }

  /** Tells the site loop to reload this site's configuration. */
  #changed(siteId: string): void {
    this.deps.bus.publish(subjects.siteChanged(siteId), {})
  }

  /** Why the scope may not change a site of `organizationId` (404 hidden, 403 read-only), or undefined. */
  #refusal(scope: Scope, organizationId: string): EditOutcome | undefined {
    const reach = reachOf(scope, 'sites:read', 'sites:write', organizationId)
    if (reach === 'ok') return undefined
    return reach === 'hidden'
      ? refuse(404, { id: 'no such site' })
      : refuse(403, { id: 'you may see this site but not change it (sites:write)' })
  }

  /** The site's configuration and organization, if the scope may change it. */
  async #config(
    scope: Scope,
    siteId: string,
  ): Promise<(SiteConfig & { organizationId: string }) | EditOutcome> {
    const [config, organizationId] = await Promise.all([
      this.deps.sites.config(siteId),
      this.deps.sites.organizationOf(siteId),
    ])
    if (!config || organizationId === undefined) return refuse(404, { id: `no site ${siteId}` })
    return this.#refusal(scope, organizationId) ?? { ...config, organizationId }
  }

  /** The audit entry of a change (before/after are the domain's plain objects, no secrets). */
  #audit(
    scope: Scope,
    organizationId: string,
    action: string,
    entity: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ) {
    return this.deps.audit.entry(scope, { organizationId, action, entity, entityId, before, after })
  }
}
