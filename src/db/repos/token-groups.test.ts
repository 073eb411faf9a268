import { afterAll, beforeAll, expect, test } from 'bun:test'
import { openTestDatabase } from '@src/db/testing'
import { sql } from 'drizzle-orm'
import { tokenFacts, tokenFactsOf } from './token-groups'

let database: Awaited<ReturnType<typeof openTestDatabase>>

beforeAll(async () => {
  database = await openTestDatabase()
  const run = (q: ReturnType<typeof sql>) => database.db.run(q)
  await run(
    sql`INSERT INTO households (id, organization_id, apartment, created_at, updated_at) VALUES ('h1', 'brf', '1101', 0, 0)`,
  )
  await run(
    sql`INSERT INTO business_accounts (id, organization_id, name, created_at, updated_at) VALUES ('b1', 'brf', 'AB', 0, 0)`,
  )
  await run(
    sql`INSERT INTO drivers (id, organization_id, name, household_id, business_account_id, created_at, updated_at) VALUES ('d1', 'brf', 'Åsa', 'h1', 'b1', 0, 0)`,
  )
  for (const [id, org] of [
    ['g-token', 'brf'],
    ['g-driver', 'brf'],
    ['g-house', 'brf'],
    ['g-biz', 'brf'],
    ['g-other', 'other'],
    ['g-none', 'brf'],
  ]) {
    await run(
      sql`INSERT INTO groups (id, organization_id, name, kind, created_at, updated_at) VALUES (${id}, ${org}, ${id}, 'custom', 0, 0)`,
    )
  }
  for (const [group, kind, member] of [
    ['g-token', 'token', 'T1'],
    ['g-driver', 'driver', 'd1'],
    ['g-house', 'household', 'h1'],
    ['g-biz', 'business', 'b1'],
    ['g-other', 'token', 'T1'],
  ]) {
    await run(
      sql`INSERT INTO group_members (group_id, member_kind, member_id, created_at) VALUES (${group}, ${kind}, ${member}, 0)`,
    )
  }
  await run(
    sql`INSERT INTO tokens (uid, type, organization_id, driver_id, status, created_at, updated_at) VALUES ('T1', 'RFID', 'brf', 'd1', 'Accepted', 0, 0)`,
  )
})
afterAll(() => database.remove())

test('a token is in its own groups and those of its driver, household and business account, in its organization only', async () => {
  const facts = await tokenFacts(database.db, 'T1')
  expect(facts?.driverId).toBe('d1')
  expect([...(facts?.groupIds ?? [])].sort()).toEqual(['g-biz', 'g-driver', 'g-house', 'g-token'])
})

test("a token's household and business account default to its driver's", async () => {
  const facts = await tokenFacts(database.db, 'T1')
  expect(facts).toMatchObject({ householdId: 'h1', businessAccountId: 'b1', status: 'Accepted' })
})

test("an organization's tokens come in one query; another organization's are not among them", async () => {
  expect((await tokenFactsOf(database.db, ['brf'])).map((t) => t.uid)).toEqual(['T1'])
  expect(await tokenFactsOf(database.db, ['other'])).toEqual([])
})

test('an unknown token has no facts', async () => {
  expect(await tokenFacts(database.db, 'NOPE')).toBeUndefined()
})
