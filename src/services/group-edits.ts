import type { AccessPoliciesRepo } from '@src/db/repos/access-policies'
import type { GroupMemberRow, GroupRow, GroupsRepo, MemberKind } from '@src/db/repos/groups'
import type { PeopleRepo } from '@src/db/repos/people'
import type { ScopedGroups } from '@src/db/repos/scoped-groups'
import type { TokensRepo } from '@src/db/repos/tokens'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { AccessChanges } from './access-changes'
import type { Audit } from './audit'
import { newId } from './people-edits'
import { type Edited, type GroupInput, type Refusal, refusal } from './people-input'

/** What {@link GroupEdits} works with. */
export interface GroupEditsDeps {
  groups: GroupsRepo
  scoped: ScopedGroups
  people: PeopleRepo
  tokens: TokensRepo
  policies: AccessPoliciesRepo
  writer: DbWriter
  clock: Clock
  audit: Audit
  accessChanges: AccessChanges
}

const MEMBER_NAMES: Record<MemberKind, string> = {
  driver: 'driver',
  household: 'household',
  token: 'token',
  business: 'business account',
}

/**
 * Changes to groups and their members: `groups:write` in the group's organization, every member of
 * that same organization (one of another is answered as unknown), each change with its audit entry and
 * announced to the access lists after the commit. A group an access policy names is not removed (the
 * policy would silently stop matching): the message names the policy.
 */
export class GroupEdits {
  constructor(private readonly deps: GroupEditsDeps) {}

  /** Creates a group (names are unique within an organization, whatever their case). */
  async create(scope: Scope, v: GroupInput): Promise<Edited<GroupRow>> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    if (await this.deps.groups.named(owner.organizationId, v.name))
      return refusal(409, `there is already a group called ${v.name}`, 'name')
    const now = this.deps.clock.now()
    const row: GroupRow = {
      id: newId('grp'),
      organizationId: owner.organizationId,
      name: v.name,
      kind: v.kind,
      createdAt: now,
      updatedAt: now,
    }
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.groups.insert(row)],
      'group.created',
      row.id,
      null,
      row,
    )
    return { ok: true, row, created: true }
  }

  /** Renames a group or changes its kind. */
  async update(scope: Scope, id: string, v: GroupInput): Promise<Edited<GroupRow>> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    const same = await this.deps.groups.named(r.row.organizationId, v.name)
    if (same && same.id !== id) return refusal(409, `there is already a group called ${v.name}`, 'name')
    const row: GroupRow = { ...r.row, name: v.name, kind: v.kind, updatedAt: this.deps.clock.now() }
    await this.#commit(
      scope,
      row.organizationId,
      [this.deps.groups.update(id, { name: row.name, kind: row.kind, updatedAt: row.updatedAt })],
      'group.updated',
      id,
      r.row,
      row,
    )
    return { ok: true, row, created: false }
  }

  /** Removes a group and its memberships, unless an access policy names it. */
  async remove(scope: Scope, id: string): Promise<Edited<GroupRow>> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    const policies = await this.deps.policies.ofOrganizations([r.row.organizationId])
    const naming = policies.filter((p) => p.whoKind === 'group' && p.whoId === id)
    if (naming.length)
      return refusal(
        409,
        `the access policy ${naming.map((p) => p.name).join(', ')} names this group: change it first`,
      )
    await this.#commit(
      scope,
      r.row.organizationId,
      this.deps.groups.remove(id),
      'group.deleted',
      id,
      r.row,
      null,
    )
    return { ok: true, row: r.row, created: false }
  }

  /** Adds a driver, household, token or business account of the group's organization. */
  async addMember(
    scope: Scope,
    groupId: string,
    kind: MemberKind,
    memberId: string,
  ): Promise<Edited<GroupMemberRow>> {
    const r = await this.deps.scoped.reach(scope, groupId)
    if (!r.ok) return r
    const bad = await this.#checkMember(r.row.organizationId, kind, memberId)
    if (bad) return bad
    const row: GroupMemberRow = { groupId, memberKind: kind, memberId, createdAt: this.deps.clock.now() }
    await this.#commit(
      scope,
      r.row.organizationId,
      [this.deps.groups.addMember(row)],
      'group.memberAdded',
      groupId,
      null,
      {
        kind,
        id: memberId,
      },
    )
    return { ok: true, row, created: true }
  }

  /** Removes a member (404 when it is not one). */
  async removeMember(
    scope: Scope,
    groupId: string,
    kind: MemberKind,
    memberId: string,
  ): Promise<Edited<GroupMemberRow>> {
    const r = await this.deps.scoped.reach(scope, groupId)
    if (!r.ok) return r
    const row = (await this.deps.groups.members(groupId)).find(
      (m) => m.memberKind === kind && m.memberId === memberId,
    )
    if (!row) return refusal(404, `${MEMBER_NAMES[kind]} ${memberId} is not a member of this group`)
    await this.#commit(
      scope,
      r.row.organizationId,
      [this.deps.groups.removeMember(groupId, kind, memberId)],
      'group.memberRemoved',
      groupId,
      { kind, id: memberId },
      null,
    )
    return { ok: true, row, created: false }
  }

  /** Why `memberId` cannot join a group of `organizationId` (unknown, or another organization's), or undefined. */
  async #checkMember(
    organizationId: string,
    kind: MemberKind,
    memberId: string,
  ): Promise<Refusal | undefined> {
    const { people, tokens } = this.deps
    const found =
      kind === 'driver'
        ? await people.findDriver(memberId)
        : kind === 'household'
          ? await people.findHousehold(memberId)
          : kind === 'business'
            ? await people.findBusinessAccount(memberId)
            : await tokens.find(memberId)
    if (found?.organizationId === organizationId) return undefined
    return refusal(400, `no ${MEMBER_NAMES[kind]} ${memberId} in this organization`, 'id')
  }

  async #commit(
    scope: Scope,
    organizationId: string,
    queries: readonly WriteQuery[],
    action: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ) {
    await this.deps.writer.write([
      ...queries,
      this.deps.audit.entry(scope, { organizationId, action, entity: 'group', entityId, before, after }),
    ])
    this.deps.accessChanges.changed(organizationId)
  }
}
