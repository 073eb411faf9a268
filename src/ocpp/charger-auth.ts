import type { Clock } from '@src/lib/clock'
import { sha256Hex } from '@src/lib/ids'
import { Lockout } from '@src/lib/lockout'

/**
 * Charger passwords (OCPP security profiles 1 and 2) are machine-generated secrets of 16 to 40
 * characters, so their strength does not rest on a slow hash. We still store them with argon2id, with a
 * small memory cost that keeps a boot storm of thousands of reconnecting chargers affordable.
 */
export function hashChargerPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: 'argon2id', memoryCost: 4096, timeCost: 2 })
}

/** Length bounds of a charger password (OCPP 1.6 security whitepaper, 2.0.1 BasicAuthPassword). */
export const CHARGER_PASSWORD_MIN = 16
export const CHARGER_PASSWORD_MAX = 40

/** Result of checking a charger's credentials. */
export type AuthResult = 'ok' | 'missing' | 'wrong' | 'locked'

/**
 * HTTP Basic authentication of chargers at the WebSocket handshake, with a bounded number of failed
 * attempts (see {@link Lockout}). A successful verification is remembered (as a SHA-256 of the
 * password, bound to the stored hash), so a charger reconnecting with the same password does not pay
 * for argon2 again.
 */
export class ChargerAuth {
  readonly #lockout: Lockout
  readonly #verified = new Map<string, { stored: string; digest: string }>()

  constructor(deps: { clock: Clock; maxFailures: number; lockoutMs: number }) {
    this.#lockout = new Lockout({
      clock: deps.clock,
      maxFailures: deps.maxFailures,
      windowMs: deps.lockoutMs,
    })
  }

  async check(chargerId: string, authorization: string | null, storedHash: string): Promise<AuthResult> {
    if (this.#lockout.isLocked(chargerId)) return 'locked'
    const password = basicPassword(authorization, chargerId)
    if (password === undefined) return this.#fail(chargerId, 'missing')
    const digest = sha256Hex(password)
    const cached = this.#verified.get(chargerId)
    const ok =
      (cached?.stored === storedHash && cached.digest === digest) ||
      (await Bun.password.verify(password, storedHash))
    if (!ok) return this.#fail(chargerId, 'wrong')
    this.#verified.set(chargerId, { stored: storedHash, digest })
    this.#lockout.succeed(chargerId)
    return 'ok'
  }

  #fail(chargerId: string, result: AuthResult): AuthResult {
    this.#lockout.fail(chargerId)
    return result
  }
}

/** The password of a Basic `Authorization` header whose user is `chargerId`, else undefined. */
export function basicPassword(header: string | null, chargerId: string): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined
  let decoded: string
  try {
    decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  } catch {
    return undefined
  }
  const colon = decoded.indexOf(':')
  if (colon < 0 || decoded.slice(0, colon) !== chargerId) return undefined
  return decoded.slice(colon + 1)
}
