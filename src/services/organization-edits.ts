import type { OrganizationAdminRepo } from '@src/db/repos/organization-admin'
import type { OrganizationRow } from '@src/db/repos/organizations'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import { ownerFor, reachOf } from '@src/domain/tenancy/ownership'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { Audit } from './audit'

/** A change to the tree: done (with the organization as it is now), or refused with a message. */
export type OrgOutcome =
  | { ok: true; organization: OrganizationRow | undefined }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string }

/** An organization as the audit log and the API show it. */
export const organizationView = (o: OrganizationRow) => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  parentId: o.parentId,
})

const refuse = (status: 400 | 403 | 404 | 409, message: string): OrgOutcome => ({
  ok: false,
  status,
  message,
})

/**
 * Changes to the organization tree: a customer (an owner, under the platform) or a sub-organization
 * under one the caller may write (`organizations:write` in the parent), a rename (in the organization
 * itself), and a removal only when nothing belongs to it any more (in its parent). Each is written
 * with its audit entry; another tenant's organization is answered as unknown.
 */
export class OrganizationEdits {
  constructor(
    private readonly deps: { orgs: OrganizationAdminRepo; writer: DbWriter; clock: Clock; audit: Audit },
  ) {}

  /** The organizations the scope may read (`organizations:read`), by name. */
  list(scope: Scope): Promise<OrganizationRow[]> {
    return this.deps.orgs.list(scope)
  }

  /** One organization the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<OrganizationRow | undefined> {
    const row = await this.deps.orgs.find(id)
    return row && reachOf(scope, 'organizations:read', 'organizations:read', id) === 'ok' ? row : undefined
  }

  /** Creates `id` named `name` under `parentId` (default: the caller's only writable organization, or the platform). */
  async create(scope: Scope, v: { id: string; name: string; parentId?: string }): Promise<OrgOutcome> {
    const parent = ownerFor(scope, 'organizations:write', v.parentId, PLATFORM_ORG)
    if (!parent.ok) return refuse(400, parent.message)
    if (!(await this.deps.orgs.find(parent.organizationId)))
      return refuse(400, `no organization ${parent.organizationId}`)
    if (await this.deps.orgs.find(v.id)) return refuse(409, `the id ${v.id} is taken: choose another`)
    const now = this.deps.clock.now()
    const row: OrganizationRow = {
      id: v.id,
      name: v.name,
      kind: parent.organizationId === PLATFORM_ORG ? 'owner' : 'sub',
      parentId: parent.organizationId,
      createdAt: now,
      updatedAt: now,
    }
    await this.deps.writer.write([
      this.deps.orgs.insert(row),
      this.#audit(scope, row, 'organization.created', null, organizationView(row)),
    ])
    return { ok: true, organization: row }
  }

  /** Renames an organization the caller may write. */
  async rename(scope: Scope, id: string, name: string): Promise<OrgOutcome> {
    const found = await this.#reach(scope, id, id)
    if (!found.ok) return found
    const before = found.organization as OrganizationRow
    await this.deps.writer.write([
      this.deps.orgs.rename(id, name, this.deps.clock.now()),
      this.#audit(scope, before, 'organization.renamed', organizationView(before), {
        ...organizationView(before),
        name,
      }),
    ])
    return { ok: true, organization: await this.deps.orgs.find(id) }
  }

  /** Removes an empty organization (409 naming what still belongs to it). */
  async remove(scope: Scope, id: string): Promise<OrgOutcome> {
    const row = await this.deps.orgs.find(id)
    if (!row || row.parentId === null) return refuse(404, `no organization ${id}`)
    const found = await this.#reach(scope, id, row.parentId)
    if (!found.ok) return found
    const held = Object.entries(await this.deps.orgs.holdings(id))
    if (held.length)
      return refuse(
        409,
        `${row.name} still has ${held.map(([k, n]) => `${n} ${k}`).join(', ')}: move or remove them first`,
      )
    await this.deps.writer.write([
      this.deps.orgs.remove(id),
      this.#audit(scope, { ...row, id: row.parentId }, 'organization.deleted', organizationView(row), null),
    ])
    return { ok: true, organization: undefined }
  }

  /** The organization if the scope may read it and write in `writeIn`; else 404 (hidden) or 403. */
  async #reach(scope: Scope, id: string, writeIn: string): Promise<OrgOutcome> {
    const row = await this.deps.orgs.find(id)
    if (!row || reachOf(scope, 'organizations:read', 'organizations:read', id) === 'hidden')
      return refuse(404, `no organization ${id}`)
    if (reachOf(scope, 'organizations:read', 'organizations:write', writeIn) !== 'ok')
      return refuse(403, 'you may see this organization but not change it (organizations:write)')
    return { ok: true, organization: row }
  }

  #audit(scope: Scope, org: { id: string }, action: string, before: unknown, after: unknown) {
    return this.deps.audit.entry(scope, {
      organizationId: org.id,
      action,
      entity: 'organization',
      entityId: (after as { id?: string } | null)?.id ?? (before as { id: string }).id,
      before,
      after,
    })
  }
}
