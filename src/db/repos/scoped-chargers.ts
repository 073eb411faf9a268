import { ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { chargers as chargersTable, PLATFORM_ORG } from '../schema'
import { inScope } from '../scope'
import type { ChargerListPage, ChargerListQuery, ChargerRow, ChargersRepo, ConnectorRow } from './chargers'
import type { DeviceRepo } from './device'
import { type Reach, reach, readable, type Seen } from './seen'

/** A registration: a charger's id, label and status, and whose it is (the caller's default when omitted). */
export interface Registration {
  id: string
  label?: string | null
  registration?: string
  organizationId?: string
  now: number
}

/** A write the caller may make, with the row as it was (undefined when new), or why not. */
export type Permitted<T> =
  | { ok: true; before: T | undefined; organizationId: string }
  | { ok: false; status: 400 | 403 | 404; message: string }

const READ: Permission = 'chargers:read'

/**
 * Chargers as an HTTP caller sees them: only those of the organizations where its scope holds
 * `chargers:read` (`inScope`, the one SQL condition), and writes only where it holds the action's
 * permission. The unscoped `ChargersRepo` is for the charger actors; controllers reach only this.
 */
export class ScopedChargers {
  constructor(private readonly deps: { chargers: ChargersRepo; device: DeviceRepo }) {}

  /** A page of the chargers list, within the scope. */
  async list(
    scope: Scope,
    q: Omit<ChargerListQuery, 'within'>,
  ): Promise<ChargerListPage & { rows: Seen<ChargerRow>[] }> {
    const page = await this.deps.chargers.list({
      ...q,
      within: inScope(chargersTable.organizationId, scope, READ),
    })
    return { ...page, rows: page.rows as Seen<ChargerRow>[] }
  }

  /** All and online chargers within the scope. */
  counts(scope: Scope): Promise<{ total: number; online: number }> {
    return this.deps.chargers.counts(inScope(chargersTable.organizationId, scope, READ))
  }

  /** True when the scope sees every charger (its counts may be shared with every such caller). */
  seesAll(scope: Scope): boolean {
    return inScope(chargersTable.organizationId, scope, READ) === undefined
  }

  /** A charger the scope may read, or undefined (unknown, or another tenant's). */
  async find(scope: Scope, id: string): Promise<Seen<ChargerRow> | undefined> {
    return readable(scope, await this.deps.chargers.find(id), READ)
  }

  /** The chargers among `ids` that the scope may read. */
  async findMany(scope: Scope, ids: string[]): Promise<Seen<ChargerRow>[]> {
    const rows = await this.deps.chargers.findMany(ids)
    return rows.flatMap((r) => readable(scope, r, READ) ?? [])
  }

  /** A charger the scope may act on with `permission` (write, command), or 404/403. */
  async reach(scope: Scope, id: string, permission: Permission): Promise<Reach<ChargerRow>> {
    return reach(scope, await this.deps.chargers.find(id), {
      read: READ,
      permission,
      missing: `no charger ${id}`,
    })
  }

  /**
   * Whether the scope may register or change charger `v.id` (and in which organization): a new one
   * goes to the organization asked for or the caller's default; an existing one must be within reach,
   * and moving it needs `chargers:write` in the new organization too.
   */
  async mayRegister(
    scope: Scope,
    v: Pick<Registration, 'id' | 'organizationId'>,
  ): Promise<Permitted<ChargerRow>> {
    const before = await this.deps.chargers.find(v.id)
    if (before) {
      const r = reach(scope, before, {
        read: READ,
        permission: 'chargers:write',
        missing: `no charger ${v.id}`,
      })
      if (!r.ok) return r
      if (v.organizationId === undefined || v.organizationId === before.organizationId)
        return { ok: true, before, organizationId: before.organizationId }
    }
    const owner = ownerFor(scope, 'chargers:write', v.organizationId, PLATFORM_ORG)
    if (!owner.ok) return { ok: false, status: 400, message: owner.message }
    return { ok: true, before, organizationId: owner.organizationId }
  }

  /** The upsert of a registration {@link mayRegister} allowed. */
  register(allowed: { organizationId: string }, v: Registration) {
    return this.deps.chargers.upsert({ ...v, organizationId: allowed.organizationId })
  }

  /** Sets or clears the password of a charger within reach. */
  setPasswordHash(charger: Seen<ChargerRow>, hash: string | null, now: number) {
    return this.deps.chargers.setPasswordHash(charger.id, hash, now)
  }

  /** The writes of a registration {@link mayRegister} allowed, with the charger's password (hash or none). */
  registerWithPassword(allowed: { organizationId: string }, v: Registration, hash: string | null) {
    return [this.register(allowed, v), this.deps.chargers.setPasswordHash(v.id, hash, v.now)] as const
  }

  /** A seen charger's connectors. */
  connectorsOf(charger: Seen<ChargerRow>): Promise<ConnectorRow[]> {
    return this.deps.chargers.connectorsOf(charger.id)
  }

  /** The connectors of seen chargers. */
  connectorsOfMany(rows: readonly Seen<ChargerRow>[]): Promise<ConnectorRow[]> {
    return this.deps.chargers.connectorsOfMany(rows.map((r) => r.id))
  }

  /** A seen charger's latest events. */
  recentEvents(charger: Seen<ChargerRow>, limit: number) {
    return this.deps.chargers.recentEvents(charger.id, limit)
  }

  /** A seen charger's device-model variables. */
  variables(charger: Seen<ChargerRow>, search = '', limit = 500) {
    return this.deps.device.variables(charger.id, search, limit)
  }

  /** A seen charger's EVs' charging needs. */
  needsOf(charger: Seen<ChargerRow>) {
    return this.deps.device.needsOf(charger.id)
  }

  /** A seen charger's reservations. */
  reservationsOf(charger: Seen<ChargerRow>) {
    return this.deps.device.reservationsOf(charger.id)
  }
}
