import type { AccountLinkRow, AccountLinksRepo, SessionByEmail } from '@src/db/repos/account-links'
import { LINK_ID_LENGTH } from '@src/db/repos/account-links'
import type { AccountsRepo } from '@src/db/repos/accounts'
import type { OperatorsRepo } from '@src/db/repos/operators'
import type { OrganizationsRepo } from '@src/db/repos/organizations'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter } from '@src/db/writer'
import {
  closedLinkMessage,
  LINK_KINDS,
  LINK_SECRET_BYTES,
  LINK_TTL_MS,
  linkState,
} from '@src/domain/accounts/account-link'
import { MAX_PASSWORD_LENGTH, newPasswordErrors } from '@src/domain/accounts/password-rules'
import { ownerFor, reachOf } from '@src/domain/tenancy/ownership'
import { grantRefusal } from '@src/domain/tenancy/role-grants'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId, sha256Hex } from '@src/lib/ids'
import { z } from 'zod'
import type { Audit } from './audit'
import type { CustomRoles } from './custom-roles'

/** An open invitation as listed: never its secret or the secret's hash, only a handle to revoke it. */
export interface InviteView {
  id: string
  email: string
  organizationId: string
  organization: string
  roleId: string
  role: string
  createdAt: number
  expiresAt: number
}

/** An invitation made (its secret this once), revoked; or why not. */
export type InviteOutcome =
  | { ok: true; invite: InviteView; secret?: string }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string }

/** A link that can no longer be used, with the message to show (404 unknown, 410 used/expired/revoked). */
export interface ClosedLink {
  ok: false
  reason: 'closed'
  status: 404 | 410
  message: string
}

/** What opening an invitation shows: whom it invites where, and whether the email has an account. */
export type InviteOpening = { ok: true; invite: InviteView; existingAccount: boolean } | ClosedLink

/** What an invitee answers: a name and a new password for a new account, the password of an existing one. */
export interface InviteAnswer {
  name: string
  password: string
  confirm: string
}

/** The outcome of accepting: joined (and which account), the form's errors, or a closed link. */
export type AcceptOutcome =
  | { ok: true; email: string; organization: string; newAccount: boolean }
  | { ok: false; reason: 'form' | 'wrong-password'; status: 400 | 401 | 403; errors: Record<string, string> }
  | ClosedLink

const email = z.email().max(200)

/** The handle of a link: the start of its hash. */
const idOf = (l: AccountLinkRow) => l.tokenHash.slice(0, LINK_ID_LENGTH)

/**
 * Invitations: an admin with `accounts:write` in an organization invites an email with a role it may
 * give there (never more than it holds: `grantRefusal`), and gets a one-time link to pass on, valid for
 * {@link LINK_TTL_MS}; only the SHA-256 of its secret is stored. Opening it lets a new person choose a
 * name and password, or an existing account (signed in as that email, or confirming its password)
 * join; either way the link is used up and the membership, session and audit entry are one write.
 */
export class Invites {
  constructor(
    private readonly deps: {
      links: AccountLinksRepo
      accounts: AccountsRepo
      operators: OperatorsRepo
      organizations: OrganizationsRepo
      roles: CustomRoles
      writer: DbWriter
      clock: Clock
      audit: Audit
    },
  ) {}

  /** The open invitations in organizations where the scope may read accounts. */
  async list(scope: Scope): Promise<InviteView[]> {
    const rows = await this.deps.links.pendingInvites(scope, this.deps.clock.now())
    return Promise.all(rows.map((r) => this.#view(r)))
  }

  /** Invites `email` to `organizationId` (default: the caller's only one) as `roleId`. */
  async create(
    scope: Scope,
    v: { email: string; organizationId?: string; roleId: string },
  ): Promise<InviteOutcome> {
    const parsed = email.safeParse(v.email.trim().toLowerCase())
    if (!parsed.success) return { ok: false, status: 400, message: 'enter the email address to invite' }
    const org = ownerFor(scope, 'accounts:write', v.organizationId, PLATFORM_ORG)
    if (!org.ok) return { ok: false, status: 400, message: org.message }
    const organizationId = org.organizationId
    const role = await this.deps.roles.offered(v.roleId)
    if (!role) return { ok: false, status: 400, message: `no role ${v.roleId}` }
    const refusal = grantRefusal(scope, role, organizationId, PLATFORM_ORG)
    if (refusal) return { ok: false, status: 403, message: refusal }
    const existing = await this.deps.operators.findByEmail(parsed.data)
    if (existing) {
      const held = (await this.deps.organizations.membershipsOf(existing.id)).find(
        (m) => m.organizationId === organizationId,
      )
      if (held)
        return {
          ok: false,
          status: 409,
          message: `${parsed.data} is already a member there: change their role instead`,
        }
    }
    const secret = randomId(LINK_SECRET_BYTES)
    const now = this.deps.clock.now()
    const row: AccountLinkRow = {
      tokenHash: sha256Hex(secret),
      kind: LINK_KINDS.invite,
      email: parsed.data,
      operatorId: null,
      organizationId,
      roleId: role.id,
      createdBy: scope.actor.kind === 'account' ? scope.actor.id : null,
      createdAt: now,
      expiresAt: now + LINK_TTL_MS,
      usedAt: null,
    }
    const invite = await this.#view(row)
    await this.deps.writer.write([
      this.deps.links.insert(row),
      this.deps.audit.entry(scope, {
        organizationId,
        action: 'invite.created',
        entity: 'invite',
        entityId: invite.id,
        before: null,
        after: this.#audited(invite),
      }),
    ])
    return { ok: true, invite, secret }
  }

  /** Withdraws an open invitation the caller may write (another tenant's is unknown). */
  async revoke(scope: Scope, id: string): Promise<InviteOutcome> {
    const row = await this.deps.links.byId(id)
    const org = row?.organizationId ?? ''
    const reach =
      row && row.kind === LINK_KINDS.invite
        ? reachOf(scope, 'accounts:read', 'accounts:write', org)
        : 'hidden'
    if (!row || reach === 'hidden') return { ok: false, status: 404, message: `no invitation ${id}` }
    if (reach === 'read-only')
      return { ok: false, status: 403, message: 'you may see this invitation but not withdraw it' }
    const invite = await this.#view(row)
    if (row.usedAt !== null)
      return { ok: false, status: 409, message: 'this invitation was already accepted' }
    await this.deps.writer.write([
      this.deps.links.revoke(row.tokenHash, LINK_KINDS.revokedInvite),
      this.deps.audit.entry(scope, {
        organizationId: org,
        action: 'invite.revoked',
        entity: 'invite',
        entityId: invite.id,
        before: this.#audited(invite),
        after: null,
      }),
    ])
    return { ok: true, invite }
  }

  /** What the invitation with this secret offers, or why it can no longer be used. */
  async open(secret: string): Promise<InviteOpening> {
    const found = await this.#usable(secret)
    if (!found.ok) return found
    const existing = await this.deps.operators.findByEmail(found.row.email)
    return { ok: true, invite: await this.#view(found.row), existingAccount: existing !== undefined }
  }

  /**
   * Accepts the invitation: a new account is made with the chosen name and password, or an existing
   * one joins (no password needed when `signedIn` is that account). `session` (unless undefined) is
   * opened for the account in the same write.
   */
  async accept(
    secret: string,
    answer: InviteAnswer,
    session: SessionByEmail | undefined,
    signedIn?: { id: number; email: string },
  ): Promise<AcceptOutcome> {
    const found = await this.#usable(secret)
    if (!found.ok) return found
    const link = found.row
    const organizationId = link.organizationId ?? PLATFORM_ORG
    const roleId = link.roleId ?? ''
    if (!(await this.deps.roles.offered(roleId)))
      return this.#closed(410, 'The role of this invitation no longer exists. Ask for a new invitation.')
    const now = this.deps.clock.now()
    const existing = await this.deps.operators.findByEmail(link.email)
    const joined = { email: link.email, organizationId, roleId }
    const organization = (await this.deps.organizations.find(organizationId))?.name ?? organizationId
    if (existing) {
      if (existing.disabledAt !== null)
        return { ok: false, reason: 'form', status: 403, errors: { password: 'this account is disabled' } }
      const isMe = signedIn?.id === existing.id
      const password = answer.password.slice(0, MAX_PASSWORD_LENGTH)
      if (!isMe && !(password && (await Bun.password.verify(password, existing.passwordHash))))
        return {
          ok: false,
          reason: 'wrong-password',
          status: 401,
          errors: { password: `that is not the password of ${link.email}` },
        }
      const me: Scope = {
        actor: { kind: 'account', id: existing.id, label: existing.email },
        everywhere: new Set(),
        grants: new Map(),
      }
      await this.deps.writer.write([
        this.deps.operators.grant(link.email, organizationId, roleId, now),
        this.deps.links.consume(link.tokenHash, now),
        ...(session
          ? [
              this.deps.operators.createSession(
                session.tokenHash,
                existing.id,
                now,
                session.expiresAt,
                session,
              ),
            ]
          : []),
        this.deps.audit.entry(me, {
          organizationId,
          action: 'invite.accepted',
          entity: 'account',
          entityId: String(existing.id),
          before: null,
          after: joined,
        }),
      ])
      return { ok: true, email: link.email, organization, newAccount: false }
    }
    const name = answer.name.trim()
    const errors: Record<string, string> = newPasswordErrors(answer.password, answer.confirm)
    if (!name || name.length > 100) errors.name = 'enter your name (at most 100 characters)'
    if (Object.keys(errors).length) return { ok: false, reason: 'form', status: 400, errors }
    const hash = await Bun.password.hash(answer.password, { algorithm: 'argon2id' })
    await this.deps.writer.write([
      this.deps.links.createAccount(link.email, name, hash, now),
      this.deps.operators.grant(link.email, organizationId, roleId, now),
      this.deps.links.consume(link.tokenHash, now),
      ...(session ? [this.deps.links.sessionFor(link.email, session)] : []),
      this.deps.links.auditByEmail(link.email, {
        organizationId,
        at: now,
        action: 'invite.accepted',
        after: { ...joined, name },
      }),
    ])
    return { ok: true, email: link.email, organization, newAccount: true }
  }

  /** The open invitation with this secret, or why not. */
  async #usable(secret: string): Promise<{ ok: true; row: AccountLinkRow } | ClosedLink> {
    const row = secret.length <= 100 ? await this.deps.links.byHash(sha256Hex(secret)) : undefined
    const state = row && linkState(row, 'invite', this.deps.clock.now())
    if (!row || !state) return this.#closed(404, closedLinkMessage('invite', 'unknown'))
    if (state !== 'open') return this.#closed(410, closedLinkMessage('invite', state))
    return { ok: true, row }
  }

  #closed(status: 404 | 410, message: string): ClosedLink {
    return { ok: false, reason: 'closed', status, message }
  }

  async #view(r: AccountLinkRow): Promise<InviteView> {
    const organizationId = r.organizationId ?? PLATFORM_ORG
    const roleId = r.roleId ?? ''
    const [org, role] = await Promise.all([
      this.deps.organizations.find(organizationId),
      this.deps.roles.offered(roleId),
    ])
    return {
      id: idOf(r),
      email: r.email,
      organizationId,
      organization: org?.name ?? organizationId,
      roleId,
      role: role?.name ?? roleId,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
    }
  }

  /** What the audit log keeps of an invitation (never its secret or hash). */
  #audited(i: InviteView) {
    return { email: i.email, organizationId: i.organizationId, roleId: i.roleId, expiresAt: i.expiresAt }
  }
}
