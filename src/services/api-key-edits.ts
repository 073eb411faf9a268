import type { OrganizationAdminRepo } from '@src/db/repos/organization-admin'
import type { ApiKeyRow } from '@src/db/repos/organizations'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import { ownerFor, reachOf } from '@src/domain/tenancy/ownership'
import { isPermission, type Permission } from '@src/domain/tenancy/permissions'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId, sha256Hex } from '@src/lib/ids'
import type { Audit } from './audit'
import { API_KEY_PREFIX } from './scopes'

/** An API key as it is listed and audited: never its secret or the secret's hash. */
export const apiKeyView = (k: ApiKeyRow) => ({
  id: k.id,
  organizationId: k.organizationId,
  name: k.name,
  permissions: k.permissions,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
})

/** A key made: its view and, this once, its secret. Or why not. */
export type KeyOutcome =
  | { ok: true; key: ReturnType<typeof apiKeyView>; secret?: string }
  | { ok: false; status: 400 | 403 | 404; message: string }

/**
 * Making and revoking an organization's API keys (`api-keys:write` there). A key holds at most its
 * maker's own permissions in that organization; its secret `csms_<id>_<random>` is shown once and
 * only its SHA-256 stored.
 */
export class ApiKeyEdits {
  constructor(
    private readonly deps: { orgs: OrganizationAdminRepo; writer: DbWriter; clock: Clock; audit: Audit },
  ) {}

  /** The keys the scope may read (`api-keys:read`), as views. */
  async list(scope: Scope): Promise<ReturnType<typeof apiKeyView>[]> {
    return (await this.deps.orgs.keys(scope)).map(apiKeyView)
  }

  /** Makes a key named `name` in `organizationId` (default: the caller's only one) with `permissions`. */
  async create(
    scope: Scope,
    v: { name: string; permissions: readonly string[]; organizationId?: string },
  ): Promise<KeyOutcome> {
    const org = ownerFor(scope, 'api-keys:write', v.organizationId, PLATFORM_ORG)
    if (!org.ok) return { ok: false, status: 400, message: org.message }
    const organizationId = org.organizationId
    const unknown = v.permissions.filter((p) => !isPermission(p))
    if (unknown.length)
      return { ok: false, status: 400, message: `unknown permissions: ${unknown.join(', ')}` }
    const permissions = [...new Set(v.permissions)] as Permission[]
    const beyond = permissions.filter((p) => !can(scope, p, organizationId))
    if (beyond.length)
      return { ok: false, status: 403, message: `a key may not hold more than you do: ${beyond.join(', ')}` }
    const id = randomId(6).replace(/[-_]/g, 'x')
    const secret = `${API_KEY_PREFIX}${id}_${randomId(24)}`
    const now = this.deps.clock.now()
    const row: ApiKeyRow = {
      id,
      organizationId,
      name: v.name,
      secretHash: sha256Hex(secret),
      permissions,
      createdBy: scope.actor.kind === 'account' ? scope.actor.id : null,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    }
    await this.deps.writer.write([
      this.deps.orgs.insertKey(row),
      this.#audit(scope, row, 'api-key.created', null, apiKeyView(row)),
    ])
    return { ok: true, key: apiKeyView(row), secret }
  }

  /** Revokes a key the caller may write (another tenant's is unknown). */
  async revoke(scope: Scope, id: string): Promise<KeyOutcome> {
    const row = await this.deps.orgs.key(id)
    const reach = row ? reachOf(scope, 'api-keys:read', 'api-keys:write', row.organizationId) : 'hidden'
    if (!row || reach === 'hidden') return { ok: false, status: 404, message: `no API key ${id}` }
    if (reach === 'read-only')
      return { ok: false, status: 403, message: 'you may see this key but not revoke it (api-keys:write)' }
    if (row.revokedAt !== null) return { ok: true, key: apiKeyView(row) }
    const now = this.deps.clock.now()
    const after = { ...row, revokedAt: now }
    await this.deps.writer.write([
      this.deps.orgs.revokeKey(id, now),
      this.#audit(scope, row, 'api-key.revoked', apiKeyView(row), apiKeyView(after)),
    ])
    return { ok: true, key: apiKeyView(after) }
  }

  #audit(scope: Scope, k: ApiKeyRow, action: string, before: unknown, after: unknown) {
    return this.deps.audit.entry(scope, {
      organizationId: k.organizationId,
      action,
      entity: 'api-key',
      entityId: k.id,
      before,
      after,
    })
  }
}
