import type { AccountLinkRow, AccountLinksRepo, SessionByEmail } from '@src/db/repos/account-links'
import { LINK_ID_LENGTH } from '@src/db/repos/account-links'
import type { AccountsRepo } from '@src/db/repos/accounts'
import type { OperatorsRepo } from '@src/db/repos/operators'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import {
  closedLinkMessage,
  LINK_KINDS,
  LINK_SECRET_BYTES,
  LINK_TTL_MS,
  linkState,
} from '@src/domain/accounts/account-link'
import { newPasswordErrors } from '@src/domain/accounts/password-rules'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId, sha256Hex } from '@src/lib/ids'
import type { Audit } from './audit'
import type { ClosedLink } from './invites'

/** A reset link made: its secret this once, for whom, until when. Or why not. */
export type ResetOutcome =
  | { ok: true; secret: string; email: string; expiresAt: number }
  | { ok: false; status: 403 | 404 | 409; message: string }

/** What opening a reset link shows: whose password it sets, or why it can no longer be used. */
export type ResetOpening = { ok: true; email: string } | ClosedLink

/** The outcome of using a reset link. */
export type ResetUse =
  | { ok: true; email: string }
  | { ok: false; reason: 'form'; status: 400; errors: Record<string, string> }
  | ClosedLink

/**
 * Password resets: an admin with `accounts:write` in every organization an account belongs to (as
 * for disabling it: an organization's admin cannot take over an account that also works elsewhere)
 * issues a one-time link, shown once, valid for {@link LINK_TTL_MS}. Using it sets a new password
 * (the change-password rules), ends every other session, uses up the link and signs in.
 */
export class PasswordResets {
  constructor(
    private readonly deps: {
      links: AccountLinksRepo
      accounts: AccountsRepo
      operators: OperatorsRepo
      writer: DbWriter
      clock: Clock
      audit: Audit
    },
  ) {}

  /** Issues a reset link for account `operatorId`. */
  async issue(scope: Scope, operatorId: number): Promise<ResetOutcome> {
    const [account, memberships] = await Promise.all([
      this.deps.accounts.find(operatorId),
      this.deps.accounts.membershipsOf(operatorId),
    ])
    if (!account || !memberships.some((m) => can(scope, 'accounts:read', m.organizationId)))
      return { ok: false, status: 404, message: `no account ${operatorId}` }
    if (!memberships.every((m) => can(scope, 'accounts:write', m.organizationId)))
      return {
        ok: false,
        status: 403,
        message: 'this account also belongs to organizations you cannot change',
      }
    if (account.disabledAt !== null)
      return { ok: false, status: 409, message: 'this account is disabled: a reset would not let it in' }
    const secret = randomId(LINK_SECRET_BYTES)
    const now = this.deps.clock.now()
    const organizationId = memberships[0]?.organizationId ?? PLATFORM_ORG
    const row: AccountLinkRow = {
      tokenHash: sha256Hex(secret),
      kind: LINK_KINDS.reset,
      email: account.email,
      operatorId,
      organizationId,
      roleId: null,
      createdBy: scope.actor.kind === 'account' ? scope.actor.id : null,
      createdAt: now,
      expiresAt: now + LINK_TTL_MS,
      usedAt: null,
    }
    await this.deps.writer.write([
      this.deps.links.insert(row),
      this.deps.audit.entry(scope, {
        organizationId,
        action: 'password-reset.issued',
        entity: 'account',
        entityId: String(operatorId),
        before: null,
        after: {
          email: account.email,
          link: row.tokenHash.slice(0, LINK_ID_LENGTH),
          expiresAt: row.expiresAt,
        },
      }),
    ])
    return { ok: true, secret, email: account.email, expiresAt: row.expiresAt }
  }

  /** Whose password the link with this secret sets, or why it can no longer be used. */
  async open(secret: string): Promise<ResetOpening> {
    const found = await this.#usable(secret)
    return found.ok ? { ok: true, email: found.row.email } : found
  }

  /**
   * Sets the new password: sessions made before now end (`sessions_valid_from`), the link is used up,
   * and `session` is opened in the same write.
   */
  async use(
    secret: string,
    v: { password: string; confirm: string },
    session: SessionByEmail,
  ): Promise<ResetUse> {
    const found = await this.#usable(secret)
    if (!found.ok) return found
    const errors = newPasswordErrors(v.password, v.confirm)
    if (Object.keys(errors).length) return { ok: false, reason: 'form', status: 400, errors }
    const link = found.row
    const operatorId = link.operatorId as number
    const now = this.deps.clock.now()
    const hash = await Bun.password.hash(v.password, { algorithm: 'argon2id' })
    const me: Scope = {
      actor: { kind: 'account', id: operatorId, label: link.email },
      everywhere: new Set(),
      grants: new Map(),
    }
    await this.deps.writer.write([
      this.deps.accounts.resetPassword(operatorId, hash, now),
      this.deps.links.consume(link.tokenHash, now),
      this.deps.operators.createSession(session.tokenHash, operatorId, now, session.expiresAt, session),
      this.deps.operators.recordLogin(operatorId, now),
      this.deps.audit.entry(me, {
        organizationId: link.organizationId ?? PLATFORM_ORG,
        action: 'password-reset.used',
        entity: 'account',
        entityId: String(operatorId),
        before: null,
        after: { email: link.email, link: link.tokenHash.slice(0, LINK_ID_LENGTH) },
      }),
    ])
    return { ok: true, email: link.email }
  }

  async #usable(secret: string): Promise<{ ok: true; row: AccountLinkRow } | ClosedLink> {
    const row = secret.length <= 100 ? await this.deps.links.byHash(sha256Hex(secret)) : undefined
    const state = row && row.operatorId !== null ? linkState(row, 'reset', this.deps.clock.now()) : undefined
    if (!row || !state)
      return { ok: false, reason: 'closed', status: 404, message: closedLinkMessage('reset', 'unknown') }
    if (state !== 'open')
      return { ok: false, reason: 'closed', status: 410, message: closedLinkMessage('reset', state) }
    const account = await this.deps.accounts.find(row.operatorId as number)
    if (!account || account.disabledAt !== null)
      return {
        ok: false,
        reason: 'closed',
        status: 410,
        message: 'This account is disabled: ask an administrator.',
      }
    return { ok: true, row }
  }
}
