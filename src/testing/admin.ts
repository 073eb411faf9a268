import type { TestNode } from './node'

/** The first operator of a test node (`startTestNode`'s defaults). */
const FIRST_OPERATOR = { email: 'admin@example.com', password: 'admin-password' }

/** A form post as the admin's own pages send it: same origin, optionally as htmx. */
function formPost(
  node: TestNode,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string>,
) {
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    }),
  )
}

/**
 * Signs in to a test node's admin as its first operator and gives `get` and `post` with that
 * session's cookie (`htmx`: posts ask for fragments, as htmx forms do).
 *
 * @example const admin = await adminSession(node); await admin.post('/admin/sites', { id: 's1', … })
 */
export async function adminSession(node: TestNode, opts: { htmx?: boolean } = {}) {
  const signIn = await formPost(node, '/admin/login', FIRST_OPERATOR, {})
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error(`the first operator could not sign in (${signIn.status})`)
  const headers = { cookie, ...(opts.htmx ? { 'hx-request': 'true' } : {}) }
  return {
    cookie,
    post: (path: string, fields: Record<string, string>) => formPost(node, path, fields, headers),
    get: (path: string) => node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie } })),
  }
}
