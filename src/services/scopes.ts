import type { OperatorRow } from '@src/db/repos/operators'
import type { OrganizationAdminRepo } from '@src/db/repos/organization-admin'
import type { OrganizationsRepo } from '@src/db/repos/organizations'
import type { DbWriter } from '@src/db/writer'
import { isPermission, PERMISSIONS, type Permission } from '@src/domain/tenancy/permissions'
import { builtInRole, type Role } from '@src/domain/tenancy/roles'
import { type Grant, resolveScope, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { sha256Hex } from '@src/lib/ids'

/** Every permission: the platform key's and the CSMS's own. */
export const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(PERMISSIONS)

/** How often a key's `last_used_at` is written at most: a busy key costs one write a minute, not one per request. */
export const KEY_USE_INTERVAL_MS = 60_000

/** The prefix of an organization API key (`csms_<id>_<secret>`), so a leaked one is recognisable. */
export const API_KEY_PREFIX = 'csms_'

/**
 * Who may do what where, for a signed-in account or an API key: reads the caller's memberships (or
 * the key's organization and permissions) and the organization tree, and resolves them with the pure
 * `resolveScope`. Every request is scoped through here; nothing else decides a caller's rights.
 */
export class Scopes {
  /** When each key's use was last written: `last_used_at` is written at most once a minute per key. */
  readonly #written = new Map<string, number>()
  /** Each request's scope, resolved once: the API's guard and its handlers ask for the same request. */
  readonly #ofRequest = new WeakMap<Request, Promise<Scope | undefined>>()

  constructor(
    private readonly deps: {
      organizations: OrganizationsRepo
      keys: OrganizationAdminRepo
      writer: DbWriter
      clock: Clock
    },
  ) {}

  /** The scope of a signed-in account: its roles in its organizations and their descendants. */
  async ofOperator(operator: OperatorRow): Promise<Scope> {
    const [memberships, tree] = await Promise.all([
      this.deps.organizations.membershipsOf(operator.id),
      this.deps.organizations.tree(),
    ])
    const grants: Grant[] = []
    for (const m of memberships) {
      const role = await this.#role(m.roleId)
      if (role) grants.push({ organizationId: m.organizationId, role })
    }
    return resolveScope({ kind: 'account', id: operator.id, label: operator.email }, grants, tree)
  }

  /** The scope of an organization API key given as its full secret, or undefined for no live key. */
  async ofApiKey(secret: string): Promise<Scope | undefined> {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 200) return undefined
    const key = await this.deps.organizations.activeKey(sha256Hex(secret))
    if (!key) return undefined
    this.#used(key.id)
    const permissions = new Set(key.permissions.filter(isPermission))
    const role: Role = { id: `key:${key.id}`, name: key.name, permissions }
    const tree = await this.deps.organizations.tree()
    return resolveScope(
      { kind: 'key', id: key.id, label: key.name },
      [{ organizationId: key.organizationId, role }],
      tree,
    )
  }

  /** `resolve`'s scope for `request`, computed at most once per request. */
  ofRequest(request: Request, resolve: () => Promise<Scope | undefined>): Promise<Scope | undefined> {
    let scope = this.#ofRequest.get(request)
    if (!scope) {
      scope = resolve()
      this.#ofRequest.set(request, scope)
    }
    return scope
  }

  /** The scope of the env `CSMS_API_KEY`: everything, everywhere. */
  platformKey(): Scope {
    return {
      actor: { kind: 'platform-key', label: 'CSMS_API_KEY' },
      everywhere: ALL_PERMISSIONS,
      grants: new Map(),
    }
  }

  /** Records a key's use, unless it was recorded less than {@link KEY_USE_INTERVAL_MS} ago (no wait for it). */
  #used(id: string): void {
    const now = this.deps.clock.now()
    const last = this.#written.get(id)
    if (last !== undefined && now - last < KEY_USE_INTERVAL_MS) return
    this.#written.set(id, now)
    void this.deps.writer.write([this.deps.keys.touchKey(id, now)])
  }

  async #role(id: string): Promise<Role | undefined> {
    const builtIn = builtInRole(id)
    if (builtIn) return builtIn
    const row = await this.deps.organizations.role(id)
    return row
      ? { id: row.id, name: row.name, permissions: new Set(row.permissions.filter(isPermission)) }
      : undefined
  }
}
