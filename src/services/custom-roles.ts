import type { AccountLinksRepo } from '@src/db/repos/account-links'
import type { RoleRow } from '@src/db/repos/organizations'
import type { RolesRepo } from '@src/db/repos/roles'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import { ownerFor, reachOf } from '@src/domain/tenancy/ownership'
import { isPermission, PERMISSIONS, type Permission } from '@src/domain/tenancy/permissions'
import { beyondScope, grantRefusal, type OfferedRole } from '@src/domain/tenancy/role-grants'
import { BUILT_IN_ROLES } from '@src/domain/tenancy/roles'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId } from '@src/lib/ids'
import type { Audit } from './audit'

/** A role as the roles page, the forms and the API show it. */
export interface RoleView {
  id: string
  /** Null for a built-in role (offered in every organization). */
  organizationId: string | null
  name: string
  /** In catalog order. */
  permissions: Permission[]
  builtIn: boolean
}

/** A role made, changed or deleted; or why not. */
export type RoleOutcome =
  | { ok: true; role: RoleView }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string }

/** The longest role name. */
export const ROLE_NAME_MAX = 60

const inCatalogOrder = (ps: Iterable<string>): Permission[] => {
  const held = new Set(ps)
  return PERMISSIONS.filter((p) => held.has(p))
}

const viewOf = (r: RoleRow): RoleView => ({
  id: r.id,
  organizationId: r.organizationId,
  name: r.name,
  permissions: inCatalogOrder(r.permissions),
  builtIn: false,
})

/** The built-in roles as views, read-only. */
export const BUILT_IN_VIEWS: readonly RoleView[] = BUILT_IN_ROLES.map((r) => ({
  id: r.id,
  organizationId: null,
  name: r.name,
  permissions: inCatalogOrder(r.permissions),
  builtIn: true,
}))

/**
 * Roles: the built-in ones (read-only) and each organization's own, made, changed and deleted with
 * `accounts:write` there. A custom role never holds a permission its maker lacks in its organization;
 * one that an account holds or an open invitation offers may not be deleted.
 */
export class CustomRoles {
  constructor(
    private readonly deps: {
      roles: RolesRepo
      links: AccountLinksRepo
      writer: DbWriter
      clock: Clock
      audit: Audit
    },
  ) {}

  /** The custom roles of the organizations where the scope may read accounts. */
  async list(scope: Scope): Promise<RoleView[]> {
    return (await this.deps.roles.list(scope)).map(viewOf)
  }

  /** A built-in or custom role by id, as a grant checks it, with its name; undefined for none. */
  async offered(id: string): Promise<(OfferedRole & { name: string }) | undefined> {
    const builtIn = BUILT_IN_VIEWS.find((r) => r.id === id)
    const view = builtIn ?? (id.length <= 64 ? await this.#view(id) : undefined)
    return view && { ...view, permissions: new Set(view.permissions) }
  }

  /** The roles the scope may give in `organizationId` (built-in and that organization's), for a form. */
  async assignable(scope: Scope, organizationId: string): Promise<RoleView[]> {
    const custom = (await this.list(scope)).filter((r) => r.organizationId === organizationId)
    return [...BUILT_IN_VIEWS, ...custom].filter(
      (r) =>
        grantRefusal(scope, { ...r, permissions: new Set(r.permissions) }, organizationId, PLATFORM_ORG) ===
        undefined,
    )
  }

  /** Makes a role in `organizationId` (default: the caller's only one with `accounts:write`). */
  async create(
    scope: Scope,
    v: { organizationId?: string; name: string; permissions: readonly string[] },
  ): Promise<RoleOutcome> {
    const org = ownerFor(scope, 'accounts:write', v.organizationId, PLATFORM_ORG)
    if (!org.ok) return { ok: false, status: 400, message: org.message }
    const checked = this.#checked(scope, org.organizationId, v)
    if (!checked.ok) return checked
    const now = this.deps.clock.now()
    const row: RoleRow = {
      id: `role-${randomId(6).replace(/[-_]/g, 'x')}`,
      organizationId: org.organizationId,
      name: checked.name,
      permissions: checked.permissions,
      createdAt: now,
      updatedAt: now,
    }
    await this.deps.writer.write([
      this.deps.roles.insert(row),
      this.#audit(scope, row, 'role.created', null, viewOf(row)),
    ])
    return { ok: true, role: viewOf(row) }
  }

  /** Renames a role and replaces its permissions (never with one the editor lacks there). */
  async update(
    scope: Scope,
    id: string,
    v: { name: string; permissions: readonly string[] },
  ): Promise<RoleOutcome> {
    const found = await this.#writable(scope, id)
    if (!found.ok) return found
    const row = found.row
    const checked = this.#checked(scope, row.organizationId, v)
    if (!checked.ok) return checked
    const now = this.deps.clock.now()
    const after: RoleRow = { ...row, name: checked.name, permissions: checked.permissions, updatedAt: now }
    await this.deps.writer.write([
      this.deps.roles.update(id, checked.name, checked.permissions, now),
      this.#audit(scope, row, 'role.changed', viewOf(row), viewOf(after)),
    ])
    return { ok: true, role: viewOf(after) }
  }

  /** Deletes a role nobody holds and no open invitation offers; else says who uses it. */
  async remove(scope: Scope, id: string): Promise<RoleOutcome> {
    const found = await this.#writable(scope, id)
    if (!found.ok) return found
    const [holders, invited] = await Promise.all([
      this.deps.roles.holders(id),
      this.deps.links.pendingWithRole(id, this.deps.clock.now()),
    ])
    const users = [...holders.map((h) => h.email), ...invited.map((i) => `${i.email} (invited)`)]
    if (users.length)
      return {
        ok: false,
        status: 409,
        message: `the role ${found.row.name} is in use by ${users.join(', ')}: give them another role first`,
      }
    await this.deps.writer.write([
      this.deps.roles.remove(id),
      this.#audit(scope, found.row, 'role.deleted', viewOf(found.row), null),
    ])
    return { ok: true, role: viewOf(found.row) }
  }

  async #view(id: string): Promise<RoleView | undefined> {
    const row = await this.deps.roles.find(id)
    return row && viewOf(row)
  }

  /** The role, if the scope may change it: another tenant's is unknown (404), a readable one 403. */
  async #writable(
    scope: Scope,
    id: string,
  ): Promise<{ ok: true; row: RoleRow } | { ok: false; status: 403 | 404; message: string }> {
    const row = id.length <= 64 ? await this.deps.roles.find(id) : undefined
    const reach = row ? reachOf(scope, 'accounts:read', 'accounts:write', row.organizationId) : 'hidden'
    if (!row || reach === 'hidden') return { ok: false, status: 404, message: `no role ${id}` }
    if (reach === 'read-only')
      return { ok: false, status: 403, message: 'you may see this role but not change it (accounts:write)' }
    return { ok: true, row }
  }

  /** A role's name and permissions checked: known, named, and none beyond the caller's there. */
  #checked(
    scope: Scope,
    organizationId: string,
    v: { name: string; permissions: readonly string[] },
  ):
    | { ok: true; name: string; permissions: Permission[] }
    | { ok: false; status: 400 | 403; message: string } {
    const name = v.name.trim()
    if (!name || name.length > ROLE_NAME_MAX)
      return { ok: false, status: 400, message: `give the role a name of 1 to ${ROLE_NAME_MAX} characters` }
    const unknown = v.permissions.filter((p) => !isPermission(p))
    if (unknown.length)
      return { ok: false, status: 400, message: `unknown permissions: ${unknown.join(', ')}` }
    const permissions = inCatalogOrder(v.permissions)
    if (permissions.length === 0) return { ok: false, status: 400, message: 'choose at least one permission' }
    const beyond = beyondScope(scope, permissions, organizationId)
    if (beyond.length)
      return {
        ok: false,
        status: 403,
        message: `a role may not hold permissions you lack there: ${beyond.join(', ')}`,
      }
    return can(scope, 'accounts:write', organizationId)
      ? { ok: true, name, permissions }
      : { ok: false, status: 403, message: 'you need accounts:write in that organization' }
  }

  #audit(scope: Scope, r: RoleRow, action: string, before: unknown, after: unknown) {
    return this.deps.audit.entry(scope, {
      organizationId: r.organizationId,
      action,
      entity: 'role',
      entityId: r.id,
      before,
      after,
    })
  }
}
