import type { GroupsRepo } from '@src/db/repos/groups'
import type { PeopleRepo } from '@src/db/repos/people'
import type { ScopedTokens } from '@src/db/repos/scoped-tokens'
import type { TokenInput, TokenRow } from '@src/db/repos/tokens'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { AccessChanges } from './access-changes'
import type { Audit } from './audit'
import { type Edited, type Refusal, refusal } from './people-input'

/** What {@link TokenEdits} works with. */
export interface TokenEditsDeps {
  tokens: ScopedTokens
  people: PeopleRepo
  groups: GroupsRepo
  writer: DbWriter
  clock: Clock
  audit: Audit
  accessChanges: AccessChanges
}

/** A token change: its fields, and optionally the groups it is directly in (given: the whole list). */
export type TokenChange = TokenInput & { groupIds?: readonly string[] }

/** A token as the audit log records it (its owners and groups beside its fields). */
const audited = (t: TokenRow | (TokenChange & { uid: string }), groupIds?: readonly string[]) => ({
  uid: t.uid,
  organizationId: t.organizationId,
  type: t.type,
  status: t.status,
  expiresAt: t.expiresAt ?? null,
  label: t.label ?? null,
  driverId: t.driverId,
  householdId: t.householdId,
  businessAccountId: t.businessAccountId,
  ...(groupIds ? { groupIds } : {}),
})

/**
 * Changes to tokens: create or change one (with its owner and groups, each of the token's own
 * organization), remove one, and the one-click block and unblock. Every change is written with its
 * audit entry and announced to the access lists after the commit, so a blocked card is refused
 * offline as soon as the chargers' local lists follow (within a minute).
 */
export class TokenEdits {
  constructor(private readonly deps: TokenEditsDeps) {}

  /** Creates token `uid` or changes it (owners and groups kept when omitted). */
  async save(scope: Scope, uid: string, v: TokenChange): Promise<Edited<TokenRow>> {
    const allowed = await this.deps.tokens.mayWrite(scope, uid, v.organizationId)
    if (!allowed.ok) return { ...allowed, field: allowed.status === 400 ? 'organizationId' : 'uid' }
    const { before, organizationId } = allowed
    const bad = await this.#checkOwners(organizationId, v)
    if (bad) return bad
    const now = this.deps.clock.now()
    const { groupIds, ...fields } = v
    const queries: WriteQuery[] = [this.deps.tokens.upsert(allowed, uid, fields, now)]
    if (groupIds) {
      queries.push(this.deps.groups.leaveAllBut('token', uid, groupIds))
      for (const groupId of groupIds)
        queries.push(
          this.deps.groups.addMember({ groupId, memberKind: 'token', memberId: uid, createdAt: now }),
        )
    }
    queries.push(
      this.deps.audit.entry(scope, {
        organizationId,
        action: before ? 'token.updated' : 'token.created',
        entity: 'token',
        entityId: uid,
        before: before ? audited(before) : null,
        after: audited({ ...before, ...v, uid, organizationId }, groupIds),
      }),
    )
    const [[row]] = (await this.deps.writer.write(queries)) as unknown as [[TokenRow]]
    this.deps.accessChanges.changed(organizationId)
    return { ok: true, row, created: !before }
  }

  /** Removes a token and its group memberships (it is Invalid from then on). */
  async remove(scope: Scope, uid: string): Promise<Edited<TokenRow>> {
    const r = await this.deps.tokens.reach(scope, uid, 'tokens:write')
    if (!r.ok) return r
    await this.deps.writer.write([
      this.deps.tokens.remove(r.row),
      this.deps.groups.leaveAllBut('token', uid, []),
      this.deps.audit.entry(scope, {
        organizationId: r.row.organizationId,
        action: 'token.deleted',
        entity: 'token',
        entityId: uid,
        before: audited(r.row),
        after: null,
      }),
    ])
    this.deps.accessChanges.changed(r.row.organizationId)
    return { ok: true, row: r.row, created: false }
  }

  /** Blocks a token (a lost card) or unblocks it: one click, audited, announced. */
  async setBlocked(scope: Scope, uid: string, blocked: boolean): Promise<Edited<TokenRow>> {
    const r = await this.deps.tokens.reach(scope, uid, 'tokens:write')
    if (!r.ok) return r
    const status = blocked ? 'Blocked' : 'Accepted'
    if (r.row.status === status) return { ok: true, row: r.row, created: false }
    const [[row]] = await this.deps.writer.write([
      this.deps.tokens.setStatus(r.row, status, this.deps.clock.now()),
      this.deps.audit.entry(scope, {
        organizationId: r.row.organizationId,
        action: blocked ? 'token.blocked' : 'token.unblocked',
        entity: 'token',
        entityId: uid,
        before: { status: r.row.status },
        after: { status },
      }),
    ] as const)
    this.deps.accessChanges.changed(r.row.organizationId)
    return { ok: true, row: row as TokenRow, created: false }
  }

  /** A token's owners and groups must be of its own organization. */
  async #checkOwners(organizationId: string, v: TokenChange): Promise<Refusal | undefined> {
    const { people, groups } = this.deps
    const checks: [
      string | null | undefined,
      string,
      string,
      (id: string) => Promise<{ organizationId: string } | undefined>,
    ][] = [
      [v.driverId, 'driverId', 'driver', (id) => people.findDriver(id)],
      [v.householdId, 'householdId', 'household', (id) => people.findHousehold(id)],
      [v.businessAccountId, 'businessAccountId', 'business account', (id) => people.findBusinessAccount(id)],
    ]
    for (const [id, field, name, find] of checks) {
      if (id === null || id === undefined) continue
      if ((await find(id))?.organizationId !== organizationId)
        return refusal(400, `no ${name} ${id} in this organization`, field)
    }
    for (const id of v.groupIds ?? []) {
      if ((await groups.find(id))?.organizationId !== organizationId)
        return refusal(400, `no group ${id} in this organization`, 'groupIds')
    }
    return undefined
  }
}
