import { ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'
import { PLATFORM_ORG, tokens as tokensTable } from '../schema'
import { inScope } from '../scope'
import type { Permitted } from './scoped-chargers'
import { type Reach, reach, readable, type Seen } from './seen'
import type { TokenInput, TokenRow, TokensRepo } from './tokens'

const READ: Permission = 'tokens:read'
const WRITE: Permission = 'tokens:write'

/**
 * Tokens as an HTTP caller sees them: only its organizations' (`tokens:read`), changed only where it
 * holds `tokens:write`. The unscoped `TokensRepo` is for the charger actors' authorisation.
 */
export class ScopedTokens {
  constructor(private readonly deps: { tokens: TokensRepo }) {}

  /** A page of tokens within the scope, by uid. */
  list(scope: Scope, q: { search?: string; limit: number; offset: number }) {
    return this.deps.tokens.list({ ...q, within: inScope(tokensTable.organizationId, scope, READ) })
  }

  /** A token the scope may read, or undefined. */
  async find(scope: Scope, uid: string): Promise<Seen<TokenRow> | undefined> {
    return readable(scope, await this.deps.tokens.find(uid), READ)
  }

  /** A token the scope may act on with `permission`, or 404/403. */
  async reach(scope: Scope, uid: string, permission: Permission): Promise<Reach<TokenRow>> {
    return reach(scope, await this.deps.tokens.find(uid), {
      read: READ,
      permission,
      missing: `no token ${uid}`,
    })
  }

  /**
   * Whether the scope may create or change token `uid` (and in which organization): as for chargers, a
   * new token goes to the organization asked for or the caller's default.
   */
  async mayWrite(scope: Scope, uid: string, organizationId?: string): Promise<Permitted<TokenRow>> {
    const before = await this.deps.tokens.find(uid)
    if (before) {
      const r = reach(scope, before, { read: READ, permission: WRITE, missing: `no token ${uid}` })
      if (!r.ok) return r
      if (organizationId === undefined || organizationId === before.organizationId)
        return { ok: true, before, organizationId: before.organizationId }
    }
    const owner = ownerFor(scope, WRITE, organizationId, PLATFORM_ORG)
    if (!owner.ok) return { ok: false, status: 400, message: owner.message }
    return { ok: true, before, organizationId: owner.organizationId }
  }

  /** The upsert of a token change {@link mayWrite} allowed. */
  upsert(allowed: { organizationId: string }, uid: string, v: TokenInput, now: number) {
    return this.deps.tokens.upsert(uid, { ...v, organizationId: allowed.organizationId }, now)
  }

  /** The status change of a token within reach (block, unblock). */
  setStatus(token: Seen<TokenRow>, status: string, now: number) {
    return this.deps.tokens.setStatus(token.uid, status, now)
  }

  /** The removal of a token within reach. */
  remove(token: Seen<TokenRow>) {
    return this.deps.tokens.remove(token.uid)
  }
}
