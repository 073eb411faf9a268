import { timingSafeEqual } from 'node:crypto'

/**
 * A check of `Authorization: Bearer <key>` in constant time, for the REST API and `/metrics`.
 *
 * @example const ok = bearerCheck(config.apiKey); ok(request.headers.get('authorization'))
 */
export function bearerCheck(key: string): (authorization: string | null | undefined) => boolean {
  const expected = Buffer.from(key)
  return (authorization) => {
    const header = authorization ?? ''
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}
