import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { LINK_TTL_MS } from '@src/domain/accounts/account-link'
import { accountServices, testSession } from '@src/testing/accounts'

let s: Awaited<ReturnType<typeof accountServices>>
let coopAdmin: Awaited<ReturnType<typeof s.account>>
let board: Awaited<ReturnType<typeof s.account>>
const fresh = { password: 'a-brand-new-password', confirm: 'a-brand-new-password' }

beforeAll(async () => {
  s = await accountServices()
  coopAdmin = await s.account('admin@coop.example', 'coop', 'org-admin')
  board = await s.account('board@coop.example', 'coop', 'board')
})
afterAll(() => s.database.remove())

describe('a password reset link', () => {
  test('sets a new password, ends every other session, signs in, and is used once', async () => {
    const now = s.clock.now()
    await s.writer.write([s.operators.createSession('old', board.id, now, now + 3600_000)])
    const issued = await s.resets.issue(await coopAdmin.scope(), board.id)
    if (!issued.ok) throw new Error(issued.message)
    expect(Buffer.from(issued.secret, 'base64url').length).toBe(32)
    expect(await s.resets.open(issued.secret)).toEqual({ ok: true, email: 'board@coop.example' })
    await s.clock.advance(1000)
    const used = await s.resets.use(issued.secret, fresh, testSession('new', s.clock.now()))
    expect(used).toEqual({ ok: true, email: 'board@coop.example' })
    expect(await s.operators.liveSession('old', s.clock.now())).toBeUndefined()
    expect((await s.operators.liveSession('new', s.clock.now()))?.operator.id).toBe(board.id)
    const row = await s.operators.findByEmail('board@coop.example')
    expect(await Bun.password.verify(fresh.password, row!.passwordHash)).toBe(true)
    const again = await s.resets.use(issued.secret, fresh, testSession('again', s.clock.now()))
    expect(again).toMatchObject({ ok: false, status: 410 })
    expect(await s.actions()).toEqual(
      expect.arrayContaining(['password-reset.issued', 'password-reset.used']),
    )
  })

  test('keeps the password rules and stays open after a refused password', async () => {
    const issued = await s.resets.issue(await coopAdmin.scope(), board.id)
    if (!issued.ok) throw new Error(issued.message)
    const out = await s.resets.use(
      issued.secret,
      { password: 'a-long-enough-one', confirm: 'other' },
      testSession('x', 0),
    )
    expect(out).toMatchObject({ ok: false, reason: 'form', errors: { confirm: 'the two passwords differ' } })
    expect((await s.resets.open(issued.secret)).ok).toBe(true)
  })

  test('expires after 7 days (fake clock)', async () => {
    const issued = await s.resets.issue(await coopAdmin.scope(), board.id)
    if (!issued.ok) throw new Error(issued.message)
    await s.clock.advance(LINK_TTL_MS)
    const out = await s.resets.open(issued.secret)
    expect(out).toMatchObject({ ok: false, status: 410 })
    expect((out as { message: string }).message).toContain('has expired')
  })

  test('an invitation secret opens no reset page', async () => {
    const made = await s.invites.create(await coopAdmin.scope(), {
      email: 'new@coop.example',
      roleId: 'board',
    })
    expect(made.ok && (await s.resets.open(made.secret!))).toMatchObject({ ok: false, status: 404 })
  })
})

describe('who may issue one', () => {
  test('not a board member (no accounts:read: the account is unknown to it)', async () => {
    expect(await s.resets.issue(await board.scope(), coopAdmin.id)).toMatchObject({ ok: false, status: 404 })
  })

  test("not another tenant's admin: the account is unknown to it", async () => {
    const office = await s.account('admin@office.example', 'office', 'org-admin')
    expect(await s.resets.issue(await office.scope(), board.id)).toMatchObject({ ok: false, status: 404 })
  })

  test('not for an account that also works where the issuer cannot write (no takeover)', async () => {
    const both = await s.account('both@example.com', 'coop', 'board')
    await s.account('both@example.com', 'platform', 'platform-admin')
    expect(await s.resets.issue(await coopAdmin.scope(), both.id)).toMatchObject({
      ok: false,
      status: 403,
      message: 'this account also belongs to organizations you cannot change',
    })
  })
})
