import { memberships, operators, organizations } from '@src/db/schema'
import { eq } from 'drizzle-orm'
import { adminSession } from './admin'
import type { TestNode } from './node'

const PASSWORD = 'people-admin-password'

/** An admin session's `get` and `post` (form fields, same origin, redirects not followed). */
export type Session = Awaited<ReturnType<typeof adminSession>>

/**
 * The people admin tests' world: the first operator (platform admin) and, for each organization
 * named, an organization under the platform with an org-admin signed in to it.
 *
 * @example const { platform, orgs } = await peopleAdmin(node, ['coop', 'office'])
 */
export async function peopleAdmin(node: TestNode, orgIds: readonly string[]) {
  const platform = await adminSession(node)
  const orgs: Record<string, Session> = {}
  const db = node.deps.database.db
  const now = Date.now()
  const hash = await Bun.password.hash(PASSWORD, { algorithm: 'argon2id' })
  for (const id of orgIds) {
    await db
      .insert(organizations)
      .values({ id, name: `${id} name`, kind: 'owner', parentId: 'platform', createdAt: now, updatedAt: now })
    const email = `admin@${id}.example`
    await db.insert(operators).values({ email, passwordHash: hash, createdAt: now })
    const [op] = await db.select().from(operators).where(eq(operators.email, email))
    if (!op) throw new Error(`no operator ${email}`)
    await db
      .insert(memberships)
      .values({ operatorId: op.id, organizationId: id, roleId: 'org-admin', createdAt: now })
    orgs[id] = await signedIn(node, email)
  }
  return { platform, orgs }
}

/** Signs in as `email` and gives `get` and `post` with its session. */
async function signedIn(node: TestNode, email: string): Promise<Session> {
  const res = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email, password: PASSWORD }).toString(),
      redirect: 'manual',
    }),
  )
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`${email} could not sign in (${res.status})`)
  return {
    cookie,
    post: (path: string, fields: Record<string, string>) =>
      node.app.handle(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: 'http://localhost',
            cookie,
          },
          body: new URLSearchParams(fields).toString(),
          redirect: 'manual',
        }),
      ),
    get: (path: string) => node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie } })),
  }
}

/** The id at the end of a 303's location (`/admin/drivers/drv_…` → `drv_…`). */
export function createdId(res: Response): string {
  const location = res.headers.get('location') ?? ''
  if (res.status !== 303 || !location) throw new Error(`expected a redirect, got ${res.status}`)
  return decodeURIComponent(location.split('/').at(-1) ?? '')
}
