import { and, asc, count, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { groupMembers, groups } from '../schema'
import { containing, type PageQuery } from './people'

/** A stored group row. */
export type GroupRow = typeof groups.$inferSelect
/** A stored membership row. */
export type GroupMemberRow = typeof groupMembers.$inferSelect
/** What may be a member of a group. */
export const MEMBER_KINDS = ['driver', 'household', 'token', 'business'] as const
/** One member kind. */
export type MemberKind = (typeof MEMBER_KINDS)[number]
/** A group as a list shows it: with its number of members. */
export type GroupListRow = GroupRow & { members: number }

/** Groups and their members (unscoped: the HTTP side reaches them through `ScopedGroups`). */
export class GroupsRepo {
  constructor(private readonly db: Db) {}

  /** A page of groups by name, each with its member count; `search` matches the name. */
  async list(q: PageQuery): Promise<{ rows: GroupListRow[]; total: number }> {
    const s = q.search?.trim()
    const where: SQL | undefined = and(
      q.within,
      s ? sql`${groups.name} LIKE ${containing(s)} ESCAPE '\\'` : undefined,
    )
    const members = this.db
      .select({ groupId: groupMembers.groupId, n: count().as('n') })
      .from(groupMembers)
      .groupBy(groupMembers.groupId)
      .as('m')
    const [rows, [totals]] = await Promise.all([
      this.db
        .select({ group: groups, members: sql<number>`COALESCE(${members.n}, 0)` })
        .from(groups)
        .leftJoin(members, eq(members.groupId, groups.id))
        .where(where)
        .orderBy(asc(groups.name))
        .limit(q.limit)
        .offset(q.offset),
      this.db.select({ n: count() }).from(groups).where(where),
    ])
    return { rows: rows.map((r) => ({ ...r.group, members: r.members })), total: totals?.n ?? 0 }
  }

  /** One group, or undefined. */
  async find(id: string): Promise<GroupRow | undefined> {
    return (await this.db.select().from(groups).where(eq(groups.id, id)))[0]
  }

  /** Every group of an organization, by name (the import looks groups up by name). */
  of(organizationId: string): Promise<GroupRow[]> {
    return this.db
      .select()
      .from(groups)
      .where(eq(groups.organizationId, organizationId))
      .orderBy(asc(groups.name))
  }

  /** The group of an organization with this name (case-insensitive), if any. */
  async named(organizationId: string, name: string): Promise<GroupRow | undefined> {
    const where = and(
      eq(groups.organizationId, organizationId),
      sql`lower(${groups.name}) = ${name.toLowerCase()}`,
    )
    return (await this.db.select().from(groups).where(where))[0]
  }

  /** Inserts a group. */
  insert(row: GroupRow) {
    return this.db.insert(groups).values(row)
  }

  /** Renames a group or changes its kind. */
  update(id: string, fields: { name: string; kind: string; updatedAt: number }) {
    return this.db.update(groups).set(fields).where(eq(groups.id, id))
  }

  /** Removes a group with its memberships. */
  remove(id: string) {
    return [
      this.db.delete(groupMembers).where(eq(groupMembers.groupId, id)),
      this.db.delete(groups).where(eq(groups.id, id)),
    ] as const
  }

  /** A group's members, by kind and id. */
  members(groupId: string): Promise<GroupMemberRow[]> {
    return this.db
      .select()
      .from(groupMembers)
      .where(eq(groupMembers.groupId, groupId))
      .orderBy(asc(groupMembers.memberKind), asc(groupMembers.memberId))
  }

  /** The memberships of these members (of one kind), every group. */
  membershipsOf(kind: MemberKind, memberIds: readonly string[]): Promise<GroupMemberRow[]> {
    if (memberIds.length === 0) return Promise.resolve([])
    return this.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.memberKind, kind), inArray(groupMembers.memberId, [...memberIds])))
  }

  /** Every membership in the groups of an organization. */
  membershipsIn(organizationId: string): Promise<GroupMemberRow[]> {
    return this.db
      .select({
        groupId: groupMembers.groupId,
        memberKind: groupMembers.memberKind,
        memberId: groupMembers.memberId,
        createdAt: groupMembers.createdAt,
      })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groups.organizationId, organizationId))
  }

  /** Adds a member (nothing when it already is one). */
  addMember(row: GroupMemberRow) {
    return this.db.insert(groupMembers).values(row).onConflictDoNothing()
  }

  /** Removes a member. */
  removeMember(groupId: string, kind: MemberKind, memberId: string) {
    return this.db
      .delete(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.memberKind, kind),
          eq(groupMembers.memberId, memberId),
        ),
      )
  }

  /** Removes a member from every group except the ones it should stay in. */
  leaveAllBut(kind: MemberKind, memberId: string, keep: readonly string[]) {
    return this.db
      .delete(groupMembers)
      .where(
        and(
          eq(groupMembers.memberKind, kind),
          eq(groupMembers.memberId, memberId),
          keep.length ? notInArray(groupMembers.groupId, [...keep]) : undefined,
        ),
      )
  }
}
