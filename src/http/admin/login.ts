import type { Deps } from '@src/deps'
import { addressKey } from '@src/lib/client-address'
import { randomId, sha256Hex } from '@src/lib/ids'
import { LoginPage } from '@views/admin/login'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { cookieValue, formValue, SESSION_COOKIE, SESSION_MS, sameOrigin } from './auth'
import { DEVICE_COOKIE, deviceCookieHeader, newDeviceCookie, trustedDevice } from './device-cookie'
import { type SignInAttempt, SignInLimits } from './sign-in-limits'

const credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) })

/** Only paths inside the admin may be a redirect target (no open redirects). */
const safeNext = (next: string) =>
  /^\/admin(\/|$)/.test(next) && !next.startsWith('//') ? next : '/admin/chargers'

/**
 * Sign-in and sign-out. Failed attempts are bounded per client address, per account and per trusted
 * device, so that guessing locks out the guesser and never the operator (see {@link SignInLimits}).
 * A successful sign-in also sets a device cookie that keeps this browser trusted.
 */
export function loginController(deps: Deps) {
  const limits = new SignInLimits(deps.clock)
  const { operators } = deps.repos
  const html = (body: string, status = 200) =>
    new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } })
  return new Elysia({ name: 'login' })
    .get('/admin/login', ({ query }) =>
      html(LoginPage({ next: safeNext(String(query.next ?? '')) }) as string),
    )
    .post('/admin/login', async ({ body, request }) => {
      const next = safeNext(formValue(body, 'next'))
      const email = formValue(body, 'email').trim().toLowerCase()
      const fail = (error: string, status = 401) => html(LoginPage({ email, error, next }) as string, status)
      if (!sameOrigin(request)) return fail('Please sign in from this site.', 403)
      const parsed = credentials.safeParse({ email, password: formValue(body, 'password') })
      if (!parsed.success) return fail('Enter your email and password.', 400)
      const operator = await operators.findByEmail(email)
      const attempt: SignInAttempt = {
        client: addressKey(deps.peers.address(request)),
        accountId: operator?.id,
        device: trustedDevice(cookieValue(request.headers.get('cookie'), DEVICE_COOKIE), operator),
      }
      if (limits.isLocked(attempt))
        return fail('Too many failed attempts. Wait 15 minutes and try again.', 429)
      if (!operator || !(await Bun.password.verify(parsed.data.password, operator.passwordHash))) {
        limits.failed(attempt)
        return fail('Wrong email or password.')
      }
      limits.succeeded(attempt)
      if (operator.disabledAt !== null) return fail('This account is disabled: ask an administrator.', 403)
      const token = randomId(32)
      const now = deps.clock.now()
      await deps.writer.write([
        operators.createSession(sha256Hex(token), operator.id, now, now + SESSION_MS, {
          userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
          address: deps.peers.address(request),
        }),
        operators.recordLogin(operator.id, now),
        operators.deleteExpiredSessions(now),
      ])
      const secure = deps.peers.secure(request)
      const headers = new Headers({ location: next })
      headers.append('set-cookie', sessionCookie(token, SESSION_MS / 1000, secure))
      headers.append('set-cookie', deviceCookieHeader(newDeviceCookie(operator), secure))
      return new Response(null, { status: 303, headers })
    })
    .post('/admin/logout', async ({ cookie, request }) => {
      const token = cookie[SESSION_COOKIE]?.value
      if (typeof token === 'string' && token)
        await deps.writer.write([operators.deleteSession(sha256Hex(token))])
      return new Response(null, {
        status: 303,
        headers: { location: '/admin/login', 'set-cookie': sessionCookie('', 0, deps.peers.secure(request)) },
      })
    })
}

/** The session cookie: HttpOnly, SameSite=Lax, and Secure whenever the browser reached us over TLS. */
export function sessionCookie(token: string, maxAgeS: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}
