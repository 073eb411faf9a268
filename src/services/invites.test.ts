import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { accountLinks, memberships } from '@src/db/schema'
import { LINK_TTL_MS } from '@src/domain/accounts/account-link'
import { sha256Hex } from '@src/lib/ids'
import { accountServices, SEED_PASSWORD, testSession } from '@src/testing/accounts'
import { eq } from 'drizzle-orm'

let s: Awaited<ReturnType<typeof accountServices>>
let coopAdmin: Awaited<ReturnType<typeof s.account>>
const answer = { name: 'Bo Board', password: 'a-fine-password', confirm: 'a-fine-password' }

beforeAll(async () => {
  s = await accountServices()
  coopAdmin = await s.account('admin@coop.example', 'coop', 'org-admin')
})
afterAll(() => s.database.remove())

const invite = async (email: string, roleId = 'board', organizationId?: string) => {
  const out = await s.invites.create(await coopAdmin.scope(), {
    email,
    roleId,
    ...(organizationId ? { organizationId } : {}),
  })
  if (!out.ok || !out.secret) throw new Error(`invite refused: ${JSON.stringify(out)}`)
  return out
}

describe('an invitation link through its life', () => {
  test('made: 32 random bytes shown once, only their SHA-256 stored, 7 days to use it', async () => {
    const out = await invite('Bo@Coop.example')
    expect(Buffer.from(out.secret!, 'base64url').length).toBe(32)
    const rows = await s.db.select().from(accountLinks).where(eq(accountLinks.email, 'bo@coop.example'))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash).toBe(sha256Hex(out.secret!))
    expect(JSON.stringify(rows)).not.toContain(out.secret!)
    expect(rows[0]!.expiresAt - s.clock.now()).toBe(LINK_TTL_MS)
    expect(out.invite).toMatchObject({ organizationId: 'coop', roleId: 'board', email: 'bo@coop.example' })
    expect((await s.invites.list(await coopAdmin.scope())).map((i) => i.email)).toContain('bo@coop.example')
  })

  test('accepted by a new person: an account with the chosen name, the membership, a session; used once', async () => {
    const { secret } = await invite('new@coop.example')
    const opened = await s.invites.open(secret!)
    expect(opened).toMatchObject({
      ok: true,
      existingAccount: false,
      invite: { organization: 'Brf Solrosen' },
    })
    const out = await s.invites.accept(secret!, answer, testSession('h1', s.clock.now()))
    expect(out).toMatchObject({ ok: true, newAccount: true, email: 'new@coop.example' })
    const account = await s.operators.findByEmail('new@coop.example')
    expect(account?.name).toBe('Bo Board')
    expect(await Bun.password.verify(answer.password, account!.passwordHash)).toBe(true)
    expect((await s.operators.liveSession('h1', s.clock.now()))?.operator.id).toBe(account!.id)
    const member = await s.db.select().from(memberships).where(eq(memberships.operatorId, account!.id))
    expect(member.map((m) => [m.organizationId, m.roleId])).toEqual([['coop', 'board']])
    const again = await s.invites.accept(secret!, answer, testSession('h2', s.clock.now()))
    expect(again).toMatchObject({ ok: false, reason: 'closed', status: 410 })
    expect((again as { message: string }).message).toContain('already been used')
    expect(await s.operators.liveSession('h2', s.clock.now())).toBeUndefined()
    expect(await s.actions()).toContain('invite.accepted')
  })

  test('the same password rules as the change-password form, and a name', async () => {
    const { secret } = await invite('short@coop.example')
    const out = await s.invites.accept(
      secret!,
      { name: ' ', password: 'short', confirm: 'short' },
      testSession('h3', s.clock.now()),
    )
    expect(out).toMatchObject({
      ok: false,
      reason: 'form',
      errors: { password: 'use at least 12 characters', name: 'enter your name (at most 100 characters)' },
    })
    expect((await s.invites.open(secret!)).ok).toBe(true)
  })

  test('expired after 7 days (fake clock): opening and accepting say so and change nothing', async () => {
    const { secret } = await invite('late@coop.example')
    await s.clock.advance(LINK_TTL_MS - 1)
    expect((await s.invites.open(secret!)).ok).toBe(true)
    await s.clock.advance(1)
    const out = await s.invites.accept(secret!, answer, testSession('h4', s.clock.now()))
    expect(out).toMatchObject({ ok: false, status: 410 })
    expect((out as { message: string }).message).toContain('has expired')
    expect(await s.operators.findByEmail('late@coop.example')).toBeUndefined()
  })

  test('revoked: listed no more, and opening it says it was withdrawn', async () => {
    const out = await invite('gone@coop.example')
    const scope = await coopAdmin.scope()
    expect((await s.invites.revoke(scope, out.invite.id)).ok).toBe(true)
    expect((await s.invites.list(scope)).map((i) => i.email)).not.toContain('gone@coop.example')
    const opened = await s.invites.open(out.secret!)
    expect((opened as { message: string }).message).toContain('withdrawn')
    expect(await s.actions()).toContain('invite.revoked')
  })

  test('an unknown secret is not valid (404), whatever it is', async () => {
    expect(await s.invites.open('nope')).toMatchObject({ ok: false, status: 404 })
    expect(await s.invites.open('x'.repeat(5000))).toMatchObject({ ok: false, status: 404 })
  })
})

describe('an existing account that is invited', () => {
  test('joins by confirming its password; a wrong one is refused and the link stays open', async () => {
    await s.account('worker@office.example', 'office', 'support')
    const { secret } = await invite('worker@office.example', 'board')
    expect(await s.invites.open(secret!)).toMatchObject({ ok: true, existingAccount: true })
    const wrong = await s.invites.accept(secret!, { ...answer, password: 'not-it-at-all' }, undefined)
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong-password', status: 401 })
    const out = await s.invites.accept(secret!, { name: '', password: SEED_PASSWORD, confirm: '' }, undefined)
    expect(out).toMatchObject({ ok: true, newAccount: false })
    const id = (await s.operators.findByEmail('worker@office.example'))!.id
    const held = await s.accounts.membershipsOf(id)
    expect(held.map((m) => `${m.organizationId}:${m.roleId}`).sort()).toEqual([
      'coop:board',
      'office:support',
    ])
  })

  test('signed in as that email, it joins without a password', async () => {
    const other = await s.account('signed@office.example', 'office', 'support')
    const { secret } = await invite('signed@office.example', 'support')
    const out = await s.invites.accept(secret!, { name: '', password: '', confirm: '' }, undefined, {
      id: other.id,
      email: 'signed@office.example',
    })
    expect(out.ok).toBe(true)
  })

  test('a member already there is not invited again', async () => {
    const out = await s.invites.create(await coopAdmin.scope(), {
      email: 'admin@coop.example',
      roleId: 'board',
    })
    expect(out).toMatchObject({ ok: false, status: 409 })
  })
})

describe('no invitation grants more than its maker holds', () => {
  test('a co-op admin cannot invite into the office, nor as platform admin', async () => {
    const scope = await coopAdmin.scope()
    const office = await s.invites.create(scope, {
      email: 'x@x.example',
      roleId: 'board',
      organizationId: 'office',
    })
    expect(office).toMatchObject({ ok: false, status: 400, message: 'you cannot add to organization office' })
    const platform = await s.invites.create(scope, { email: 'x@x.example', roleId: 'platform-admin' })
    expect(platform).toMatchObject({ ok: false, status: 403 })
  })

  test('a board member (no accounts:write) invites nobody', async () => {
    const board = await s.account('board@coop.example', 'coop', 'board')
    const out = await s.invites.create(await board.scope(), { email: 'x@x.example', roleId: 'board' })
    expect(out).toMatchObject({ ok: false, message: 'you hold accounts:write in no organization' })
  })

  test("another organization's custom role is not offered", async () => {
    const platform = await s.account('root@example.com', 'platform', 'platform-admin')
    const made = await s.roles.create(await platform.scope(), {
      organizationId: 'office',
      name: 'Office readers',
      permissions: ['sites:read'],
    })
    expect(made.ok).toBe(true)
    const roleId = made.ok ? made.role.id : ''
    const out = await s.invites.create(await coopAdmin.scope(), { email: 'x@x.example', roleId })
    expect(out).toMatchObject({
      ok: false,
      status: 403,
      message: `the role ${roleId} belongs to another organization`,
    })
  })
})
