/** Wraps rendered HTML (JSX renders to a string or a promise of one) in a response. */
export async function html(
  body: JSX.Element,
  status = 200,
  headers: Record<string, string> = {},
): Promise<Response> {
  return new Response(await body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  })
}

/** Form fields as strings (Elysia parses urlencoded bodies into an object). */
export function formFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  }
  return out
}

/** zod issues → one message per form field (the first issue of each). */
export function fieldErrors(
  issues: readonly { path: PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = String(i.path[0] ?? 'form')
    out[key] ??= i.message
  }
  return out
}
