/** Longest charging station identity (OCPP 2.0.1 part 4: 48 characters). */
export const MAX_IDENTITY_LENGTH = 48

/**
 * The characters a charging station identity may hold: OCPP 2.0.1's identifierString
 * (`a-z A-Z 0-9 * - _ = : + | @ .`) without `:`, which would break HTTP Basic auth (`id:password`).
 * Nothing else: no `/` (an extra path segment), no spaces, controls or bidi overrides (ids are shown
 * to people and written to logs), no look-alike letters from other scripts.
 */
const IDENTITY = new RegExp(`^[A-Za-z0-9*\\-_=+|@.]{1,${MAX_IDENTITY_LENGTH}}$`)

/** What a person is told when an id is refused. */
export const IDENTITY_RULE = `1–${MAX_IDENTITY_LENGTH} letters, digits or * - _ = + | @ . (no spaces or ":")`

/**
 * True when `id` may name a charger: the one check used at the WebSocket handshake and wherever a
 * charger is registered (API, admin), so no charger can be created that could never connect.
 */
export function isChargerId(id: string): boolean {
  return IDENTITY.test(id)
}

/**
 * Reads the charging station identity from a request path `/ocpp/<identity>` (percent-decoded).
 * Returns undefined for anything else: a missing or extra segment (`/ocpp/a/b`, `/ocpp/a%2Fb`), bad
 * percent-encoding, or an identity {@link isChargerId} refuses.
 */
export function identityFromPath(pathname: string, prefix = '/ocpp/'): string | undefined {
  if (!pathname.startsWith(prefix)) return undefined
  const segment = pathname.slice(prefix.length)
  let id: string
  try {
    id = decodeURIComponent(segment)
  } catch {
    return undefined
  }
  return isChargerId(id) ? id : undefined
}

/** The first subprotocol the charger offers that we speak, in our order of preference. */
export function chooseSubprotocol(header: string | null, ours: readonly string[]): string | undefined {
  if (!header) return undefined
  const offered = header.split(',').map((p) => p.trim().toLowerCase())
  return ours.find((p) => offered.includes(p))
}
