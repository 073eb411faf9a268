import { type Owner, ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { groups, PLATFORM_ORG } from '../schema'
import { inScope } from '../scope'
import type { GroupRow, GroupsRepo, MemberKind } from './groups'
import type { Page } from './scoped-people'
import { type Reach, reach, readable, type Seen } from './seen'

const READ: Permission = 'groups:read'
const WRITE: Permission = 'groups:write'

/**
 * Groups as an HTTP caller sees them: only its organizations' (`groups:read`), changed only where it
 * holds `groups:write`. Members are read from a {@link Seen} group only.
 */
export class ScopedGroups {
  constructor(private readonly deps: { groups: GroupsRepo }) {}

  /** A page of groups within the scope, by name, with member counts. */
  list(scope: Scope, q: Page) {
    return this.deps.groups.list({ ...q, within: inScope(groups.organizationId, scope, READ) })
  }

  /** A group the scope may read, or undefined. */
  async find(scope: Scope, id: string): Promise<Seen<GroupRow> | undefined> {
    return readable(scope, await this.deps.groups.find(id), READ)
  }

  /** A group the scope may act on with `permission`, or 404/403. */
  async reach(scope: Scope, id: string, permission: Permission = WRITE): Promise<Reach<GroupRow>> {
    return reach(scope, await this.deps.groups.find(id), {
      read: READ,
      permission,
      missing: `no group ${id}`,
    })
  }

  /** The organization a new group goes to (asked for, or the caller's one). */
  ownerOfNew(scope: Scope, organizationId?: string): Owner {
    return ownerFor(scope, WRITE, organizationId, PLATFORM_ORG)
  }

  /** The members of a seen group. */
  members(group: Seen<GroupRow>) {
    return this.deps.groups.members(group.id)
  }

  /** The groups of an organization the scope may read (a form's choices), by name. */
  async of(scope: Scope, organizationId: string): Promise<GroupRow[]> {
    const rows = await this.deps.groups.of(organizationId)
    return rows.filter((g) => readable(scope, g, READ))
  }

  /** The groups one member (token, driver, …) of a seen row is directly in. */
  async groupsOf(
    kind: MemberKind,
    member: Seen<{ organizationId: string }>,
    memberId: string,
  ): Promise<string[]> {
    const rows = await this.deps.groups.membershipsOf(kind, [memberId])
    const own = await this.deps.groups.of(member.organizationId)
    const ids = new Set(own.map((g) => g.id))
    return rows.map((r) => r.groupId).filter((g) => ids.has(g))
  }
}
