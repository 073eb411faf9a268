import type { OperatorRow } from '@src/db/repos/operators'
import { PLATFORM_ORG } from '@src/db/schema'
import type { Deps } from '@src/deps'
import { newPasswordErrors } from '@src/domain/accounts/password-rules'
import { builtInRole } from '@src/domain/tenancy/roles'
import type { Scope } from '@src/domain/tenancy/scope'
import { addressKey } from '@src/lib/client-address'
import { sha256Hex } from '@src/lib/ids'
import { AccountPage, type AccountProps } from '@views/admin/account'
import type { FormState } from '@views/components'
import { Elysia } from 'elysia'
import { cookieValue, requireOperator, SESSION_COOKIE } from './auth'
import { formFields, html } from './render'
import { SignInLimits } from './sign-in-limits'

/** How many hex digits of a session's token hash name it on the page (enough to be unique, never the key). */
const SESSION_ID_LENGTH = 16
const SESSION_ID = /^[0-9a-f]{16}$/

/** The hash of the request's session cookie. */
const currentHash = (request: Request) =>
  sha256Hex(cookieValue(request.headers.get('cookie'), SESSION_COOKIE) ?? '')

const back = () => new Response(null, { status: 303, headers: { location: '/admin/account' } })

/**
 * One's own account (any signed-in account, `signed-in` in the route table): its roles, its sessions
 * with "sign out" per session and "sign out everywhere", and a password change that ends the other
 * sessions. A wrong current password counts against the sign-in limits like a failed sign-in.
 */
export function accountAdmin(deps: Deps) {
  const limits = new SignInLimits(deps.clock)
  const { operators, organizations } = deps.repos

  const page = async (
    operator: OperatorRow,
    request: Request,
    over: { password?: FormState; notice?: string } = {},
  ): Promise<AccountProps> => {
    const now = deps.clock.now()
    const current = currentHash(request)
    const [memberships, sessions] = await Promise.all([
      organizations.membershipsOf(operator.id),
      operators.sessionsOf(operator.id, now),
    ])
    const named = await Promise.all(
      memberships.map(async (m) => ({
        organization: (await organizations.find(m.organizationId))?.name ?? m.organizationId,
        role: builtInRole(m.roleId)?.name ?? (await organizations.role(m.roleId))?.name ?? m.roleId,
      })),
    )
    return {
      operator: operator.email,
      name: operator.name,
      memberships: named,
      sessions: sessions.map((s) => ({
        id: s.tokenHash.slice(0, SESSION_ID_LENGTH),
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        userAgent: s.userAgent,
        address: s.address,
        current: s.tokenHash === current,
      })),
      password: over.password ?? { values: {}, errors: {} },
      ...(over.notice ? { notice: over.notice } : {}),
    }
  }

  /** Where changes to an account are recorded: the first organization it belongs to. */
  const homeOf = async (operator: OperatorRow) =>
    (await organizations.membershipsOf(operator.id))[0]?.organizationId ?? PLATFORM_ORG

  /** The audit entry of a change to one's own account (never a password or its hash). */
  const audit = (scope: Scope, operator: OperatorRow, organizationId: string, action: string) =>
    deps.services.audit.entry(scope, {
      organizationId,
      action,
      entity: 'account',
      entityId: String(operator.id),
      before: null,
      after: { email: operator.email },
    })

  return new Elysia({ prefix: '/admin/account' })
    .use(requireOperator(deps))
    .get('', async ({ operator, request }) => html(AccountPage(await page(operator!, request))))
    .post('/sessions/:id/delete', async ({ operator, scope, params }) => {
      if (!SESSION_ID.test(params.id)) return back()
      await deps.writer.write([
        operators.deleteSessionOf(operator!.id, params.id),
        audit(scope!, operator!, await homeOf(operator!), 'account.session-ended'),
      ])
      return back()
    })
    .post('/sign-out-everywhere', async ({ operator, scope }) => {
      await deps.writer.write([
        operators.voidSessions(operator!.id, deps.clock.now() + 1),
        audit(scope!, operator!, await homeOf(operator!), 'account.signed-out-everywhere'),
      ])
      return new Response(null, { status: 303, headers: { location: '/admin/login' } })
    })
    .post('/password', async ({ operator, scope, body, request }) => {
      const me = operator!
      const v = formFields(body)
      const fail = async (errors: Record<string, string>, status: number) =>
        html(AccountPage(await page(me, request, { password: { values: {}, errors } })), status)
      const attempt = { client: addressKey(deps.peers.address(request)), accountId: me.id, device: undefined }
      if (limits.isLocked(attempt))
        return fail({ current: 'Too many failed attempts. Wait 15 minutes and try again.' }, 429)
      const current = (v.current ?? '').slice(0, 200)
      if (!current || !(await Bun.password.verify(current, me.passwordHash))) {
        limits.failed(attempt)
        return fail({ current: 'that is not your current password' }, 400)
      }
      const errors = newPasswordErrors(v.password ?? '', v.confirm ?? '')
      if (Object.keys(errors).length) return fail(errors, 400)
      const hash = await Bun.password.hash(v.password!, { algorithm: 'argon2id' })
      await deps.writer.write([
        operators.setPassword(me.id, hash),
        operators.deleteOtherSessions(me.id, currentHash(request)),
        audit(scope!, me, await homeOf(me), 'account.password-changed'),
      ])
      const notice = 'Your password is changed; your other sessions have ended.'
      return html(AccountPage(await page(me, request, { notice })))
    })
}
