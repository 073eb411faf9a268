import type { SessionByEmail } from '@src/db/repos/account-links'
import type { Deps } from '@src/deps'
import { addressKey } from '@src/lib/client-address'
import { randomId, sha256Hex } from '@src/lib/ids'
import { AcceptInvitePage, ClosedLinkPage, ResetPasswordPage } from '@views/admin/account-link'
import { Elysia } from 'elysia'
import { cookieValue, formValue, SESSION_COOKIE, SESSION_MS, sameOrigin, sessionOperator } from './auth'
import { LinkLimits } from './link-limits'
import { sessionCookie } from './login'
import { html } from './render'

/** Where a person lands once signed in by a link. */
const LANDING = '/admin/chargers'

/** Every link that cannot be used answers the same: 410 and the same page, whatever the reason. */
const closed = (purpose: 'invite' | 'reset') => html(ClosedLinkPage({ purpose }), 410)

/** A post that did not come from our own page (as the sign-in form refuses it). */
const crossSite = () =>
  new Response('Please answer from the page the link opens.', {
    status: 403,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  })

const TOO_MANY = 'Too many failed attempts from here. Wait 15 minutes and try again.'

/**
 * The public one-time link pages: `/admin/invite/:token` (accept an invitation: a new account chooses
 * a name and password, an existing one confirms its password or is already signed in) and
 * `/admin/reset/:token` (set a new password; the account's other sessions end). Either signs the
 * person in. A link that cannot be used gets one page whatever the reason; failed posts are limited
 * per client address ({@link LinkLimits}).
 */
export function accountLinksController(deps: Deps) {
  const limits = new LinkLimits(deps.clock)
  const { invites, passwordResets } = deps.services

  /** A new session for the request's browser: its token (for the cookie) and what the services store. */
  const newSession = (request: Request): { token: string; session: SessionByEmail } => {
    const token = randomId(32)
    const now = deps.clock.now()
    return {
      token,
      session: {
        tokenHash: sha256Hex(token),
        createdAt: now,
        expiresAt: now + SESSION_MS,
        userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
        address: deps.peers.address(request),
      },
    }
  }
  const signedIn = (request: Request, token: string) =>
    new Response(null, {
      status: 303,
      headers: {
        location: LANDING,
        'set-cookie': sessionCookie(token, SESSION_MS / 1000, deps.peers.secure(request)),
      },
    })
  const signedInAs = async (request: Request) =>
    sessionOperator(deps, cookieValue(request.headers.get('cookie'), SESSION_COOKIE))

  const invitePage = async (
    request: Request,
    token: string,
    over: { name?: string; errors?: Record<string, string> } = {},
    status = 200,
  ) => {
    const opened = await invites.open(token)
    if (!opened.ok) return closed('invite')
    const me = await signedInAs(request)
    return html(
      AcceptInvitePage({
        email: opened.invite.email,
        organization: opened.invite.organization,
        role: opened.invite.role,
        existingAccount: opened.existingAccount,
        signedInAsInvitee: me?.email === opened.invite.email,
        errors: over.errors ?? {},
        ...(over.name !== undefined ? { name: over.name } : {}),
      }),
      status,
    )
  }

  const resetPage = async (token: string, errors: Record<string, string> = {}, status = 200) => {
    const opened = await passwordResets.open(token)
    if (!opened.ok) return closed('reset')
    return html(ResetPasswordPage({ email: opened.email, errors }), status)
  }

  return new Elysia({ prefix: '/admin' })
    .get('/invite/:token', ({ params, request }) => invitePage(request, params.token))
    .post('/invite/:token', async ({ params, body, request }) => {
      const client = addressKey(deps.peers.address(request))
      if (!sameOrigin(request)) return crossSite()
      if (limits.isLocked(client))
        return invitePage(request, params.token, { errors: { form: TOO_MANY } }, 429)
      const { token, session } = newSession(request)
      const me = await signedInAs(request)
      const name = formValue(body, 'name')
      const out = await invites.accept(
        params.token,
        { name, password: formValue(body, 'password'), confirm: formValue(body, 'confirm') },
        session,
        me ? { id: me.id, email: me.email } : undefined,
      )
      if (out.ok) return signedIn(request, token)
      if (out.reason === 'closed' || out.reason === 'wrong-password') limits.failed(client)
      if (out.reason === 'closed') return closed('invite')
      return invitePage(request, params.token, { name, errors: out.errors }, out.status)
    })
    .get('/reset/:token', ({ params }) => resetPage(params.token))
    .post('/reset/:token', async ({ params, body, request }) => {
      const client = addressKey(deps.peers.address(request))
      if (!sameOrigin(request)) return crossSite()
      if (limits.isLocked(client)) return resetPage(params.token, { form: TOO_MANY }, 429)
      const { token, session } = newSession(request)
      const out = await passwordResets.use(
        params.token,
        { password: formValue(body, 'password'), confirm: formValue(body, 'confirm') },
        session,
      )
      if (out.ok) return signedIn(request, token)
      if (out.reason === 'closed') {
        limits.failed(client)
        return closed('reset')
      }
      return resetPage(params.token, out.errors, out.status)
    })
}
