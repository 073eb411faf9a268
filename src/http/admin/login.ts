import type { Deps } from '@src/deps'
import { randomId, sha256Hex } from '@src/lib/ids'
import { Lockout } from '@src/lib/lockout'
import { LoginPage } from '@views/admin/login'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { formValue, SESSION_COOKIE, SESSION_MS, sameOrigin } from './auth'

const credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) })

/** Only paths inside the admin may be a redirect target (no open redirects). */
const safeNext = (next: string) =>
  /^\/admin(\/|$)/.test(next) && !next.startsWith('//') ? next : '/admin/chargers'

/** Sign-in and sign-out, with a bounded number of failed attempts per email. */
export function loginController(deps: Deps) {
  const lockout = new Lockout({ clock: deps.clock, maxFailures: 10, windowMs: 15 * 60_000 })
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
      if (lockout.isLocked(email))
        return fail('Too many failed attempts. Wait 15 minutes and try again.', 429)
      const operator = await operators.findByEmail(email)
      if (!operator || !(await Bun.password.verify(parsed.data.password, operator.passwordHash))) {
        lockout.fail(email)
        return fail('Wrong email or password.')
      }
      lockout.succeed(email)
      const token = randomId(32)
      const now = deps.clock.now()
      await deps.writer.write([
        operators.createSession(sha256Hex(token), operator.id, now, now + SESSION_MS),
        operators.recordLogin(operator.id, now),
        operators.deleteExpiredSessions(now),
      ])
      return new Response(null, {
        status: 303,
        headers: { location: next, 'set-cookie': cookieHeader(token, request) },
      })
    })
    .post('/admin/logout', async ({ cookie }) => {
      const token = cookie[SESSION_COOKIE]?.value
      if (typeof token === 'string' && token)
        await deps.writer.write([operators.deleteSession(sha256Hex(token))])
      return new Response(null, {
        status: 303,
        headers: {
          location: '/admin/login',
          'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
        },
      })
    })
}

function cookieHeader(token: string, request: Request): string {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : ''
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${SESSION_MS / 1000}; HttpOnly; SameSite=Lax${secure}`
}
