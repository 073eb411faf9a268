import type { TestNode } from './node'

/**
 * Calls a test node's REST API through `app.handle` (no socket) with the test bearer key.
 *
 * @example const api = apiClient(node); expect((await api('GET', '/sites')).status).toBe(200)
 */
export function apiClient(node: TestNode, key = 'test-api-key-0123456789') {
  return async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await node.app.handle(
      new Request(`http://localhost/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    )
    const text = await res.text()
    // JSON.parse: tests read the answer by path, as the client of a JSON API would
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }
}
