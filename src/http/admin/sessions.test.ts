import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { operatorSessions, operators } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'

let node: TestNode

beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

async function signIn(): Promise<string> {
  const res = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        'user-agent': 'TestBrowser/1.0',
      },
      body: new URLSearchParams({ email: 'admin@example.com', password: 'admin-password' }).toString(),
    }),
  )
  return res.headers.getSetCookie()[0]!.split(';')[0]!
}

const page = (cookie: string) =>
  node.app.handle(new Request('http://localhost/admin/sites', { headers: { cookie }, redirect: 'manual' }))
const sessions = () => node.deps.database.db.select().from(operatorSessions)
const setAccount = (v: Partial<typeof operators.$inferInsert>) =>
  node.deps.database.db.update(operators).set(v).where(eq(operators.email, 'admin@example.com'))

describe('operator sessions', () => {
  test('a sign-in records the browser and the address it came from', async () => {
    await page(await signIn())
    const [s] = await sessions()
    expect(s?.userAgent).toBe('TestBrowser/1.0')
    expect(s?.address).toBeTruthy()
    expect(s?.lastSeenAt).toBeGreaterThan(0)
  })

  test('last seen is written at most once a minute', async () => {
    const db = node.deps.database.db
    await db.delete(operatorSessions)
    const cookie = await signIn()
    const recent = Date.now() - 30_000
    await db.update(operatorSessions).set({ lastSeenAt: recent })
    expect((await page(cookie)).status).toBe(200)
    expect((await sessions()).map((s) => s.lastSeenAt)).toContain(recent)
    const old = Date.now() - 61_000
    await db.update(operatorSessions).set({ lastSeenAt: old })
    await page(cookie)
    expect((await sessions()).map((s) => s.lastSeenAt)).not.toContain(old)
  })

  test('sessions made before the account’s sessions_valid_from are void', async () => {
    const before = await signIn()
    expect((await page(before)).status).toBe(200)
    await setAccount({ sessionsValidFrom: Date.now() + 1 })
    const refused = await page(before)
    expect(refused.status).toBe(303)
    expect(refused.headers.get('location')).toContain('/admin/login')
    await setAccount({ sessionsValidFrom: 0 })
    expect((await page(before)).status).toBe(200)
  })

  test('a disabled account’s sessions end at once', async () => {
    const cookie = await signIn()
    await setAccount({ disabledAt: Date.now() })
    expect((await page(cookie)).status).toBe(303)
    await setAccount({ disabledAt: null })
    expect((await page(cookie)).status).toBe(200)
  })
})
