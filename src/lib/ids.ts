/**
 * Identifiers. Random ids use the platform CSPRNG; they are safe for session tokens.
 */

/** A random URL-safe id of `bytes` random bytes (default 16, i.e. 128 bits). */
export function randomId(bytes = 16): string {
  const buf = new Uint8Array(bytes)
  crypto.getRandomValues(buf)
  return Buffer.from(buf).toString('base64url')
}

/** Hex SHA-256 of a string; used to store session tokens without keeping the token itself. */
export function sha256Hex(text: string): string {
  return new Bun.CryptoHasher('sha256').update(text).digest('hex')
}
