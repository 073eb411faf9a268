/** Longest charging station identity (OCPP 2.0.1 part 4: 48 characters). */
export const MAX_IDENTITY_LENGTH = 48

/**
 * Reads the charging station identity from a request path `/ocpp/<identity>` (percent-decoded).
 * Returns undefined for anything else: a missing or extra segment, bad percent-encoding, an identity
 * that is too long or holds a `:` (it would break Basic auth), whitespace or control characters.
 */
export function identityFromPath(pathname: string, prefix = '/ocpp/'): string | undefined {
  if (!pathname.startsWith(prefix)) return undefined
  const segment = pathname.slice(prefix.length)
  if (segment.length === 0 || segment.includes('/')) return undefined
  let id: string
  try {
    id = decodeURIComponent(segment)
  } catch {
    return undefined
  }
  if (id.length === 0 || id.length > MAX_IDENTITY_LENGTH) return undefined
  for (const ch of id) {
    const code = ch.charCodeAt(0)
    if (ch === ':' || code < 0x21 || code === 0x7f || /\s/.test(ch)) return undefined
  }
  return id
}

/** The first subprotocol the charger offers that we speak, in our order of preference. */
export function chooseSubprotocol(header: string | null, ours: readonly string[]): string | undefined {
  if (!header) return undefined
  const offered = header.split(',').map((p) => p.trim().toLowerCase())
  return ours.find((p) => offered.includes(p))
}
