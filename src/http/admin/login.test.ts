import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { PLATFORM_ORG } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { DEVICE_COOKIE } from './device-cookie'
import { PER_ACCOUNT_FAILURES, PER_CLIENT_FAILURES } from './sign-in-limits'

let node: TestNode
/** A second operator, with a cheap hash so that a hundred wrong guesses are quick to verify. */
const VICTIM = { email: 'victim@example.com', password: 'victim-password' }
beforeAll(async () => {
  node = await startTestNode({ CSMS_TRUST_PROXY: 'true' })
  const hash = await Bun.password.hash(VICTIM.password, {
    algorithm: 'argon2id',
    memoryCost: 1024,
    timeCost: 1,
  })
  const { operators } = node.deps.repos
  await node.deps.writer.write([
    operators.create(VICTIM.email, hash, Date.now()),
    operators.grant(VICTIM.email, PLATFORM_ORG, 'platform-admin', Date.now()),
  ])
})
afterAll(() => node.dispose())

/** A sign-in through a trusted proxy that reports the client at `from`. */
function signIn(from: string, password: string, cookie = '', email = 'admin@example.com') {
  return node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'x-forwarded-for': from,
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams({ email, password }).toString(),
      redirect: 'manual',
    }),
  )
}

/** The `name=value` of the cookie `name` among a response's Set-Cookie headers. */
const setCookie = (res: Response, name: string) =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))

describe('admin sign-in under attack', () => {
  let device = ''

  test('a first sign-in sets a device cookie for the sign-in form only', async () => {
    const res = await signIn('198.51.100.7', VICTIM.password, '', VICTIM.email)
    expect(res.status).toBe(303)
    const cookie = setCookie(res, DEVICE_COOKIE)!
    expect(cookie).toContain('Path=/admin/login')
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    device = cookie.split(';')[0]!
  })

  test('wrong passwords from an attacker lock the attacker out, while the operator signs in from elsewhere', async () => {
    for (let i = 0; i < PER_CLIENT_FAILURES; i++)
      expect((await signIn('203.0.113.66', `guess-${i}`, '', VICTIM.email)).status).toBe(401)
    expect((await signIn('203.0.113.66', VICTIM.password, '', VICTIM.email)).status).toBe(429)
    expect((await signIn('198.51.100.99', VICTIM.password, '', VICTIM.email)).status).toBe(303)
  })

  test('guessing from many addresses holds off new browsers, but the operator’s own browser still signs in', async () => {
    for (let i = 0; i < PER_ACCOUNT_FAILURES; i++)
      await signIn(`192.0.2.${Math.floor(i / (PER_CLIENT_FAILURES - 1))}`, `guess-${i}`, '', VICTIM.email)
    const fresh = await signIn('198.51.100.50', VICTIM.password, '', VICTIM.email)
    expect(fresh.status).toBe(429)
    expect(await fresh.text()).toContain('Too many failed attempts')
    expect((await signIn('198.51.100.50', VICTIM.password, device, VICTIM.email)).status).toBe(303)
    expect((await signIn('198.51.100.50', 'admin-password')).status).toBe(303)
  })

  test('a device cookie of another account, or a forged one, does not count as trusted', async () => {
    const admins = setCookie(await signIn('198.51.100.52', 'admin-password'), DEVICE_COOKIE)!.split(';')[0]!
    const forged = `${DEVICE_COOKIE}=AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}`
    for (const cookie of [admins, forged])
      expect((await signIn('198.51.100.51', VICTIM.password, cookie, VICTIM.email)).status).toBe(429)
  })
})

describe('the session cookie', () => {
  test('is Secure when a trusted proxy says the browser came over TLS, and not otherwise', async () => {
    const viaTls = node.app.handle(
      new Request('http://localhost/admin/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://localhost',
          'x-forwarded-for': '198.51.100.8',
          'x-forwarded-proto': 'https',
        },
        body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
      }),
    )
    const res = await viaTls
    expect(res.status).toBe(303)
    expect(setCookie(res, 'csms_session')).toContain('; Secure')
    expect(setCookie(res, DEVICE_COOKIE)).toContain('; Secure')
    const plain = await signIn('198.51.100.8', 'admin-password')
    expect(setCookie(plain, 'csms_session')).not.toContain('Secure')
  })

  test('a proxy header is not believed unless CSMS_TRUST_PROXY says there is a proxy', async () => {
    const direct = await startTestNode()
    const res = await direct.app.handle(
      new Request('http://localhost/admin/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost',
          'x-forwarded-proto': 'https',
        },
        body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
      }),
    )
    expect(res.headers.getSetCookie().join('\n')).not.toContain('Secure')
    await direct.dispose()
  })
})
