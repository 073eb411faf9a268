import type { Clock } from '@src/lib/clock'
import { sha256Hex } from '@src/lib/ids'

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

interface Failures {
  count: number
  firstAt: number
  lockedUntil: number
}

const MAX_TRACKED = 100_000

/**
 * HTTP Basic authentication of chargers at the WebSocket handshake, with a bounded number of failed
 * attempts: after `maxFailures` within `lockoutMs`, the charger id is locked for `lockoutMs`.
 * A successful verification is remembered (as a SHA-256 of the password, bound to the stored hash),
 * so a charger reconnecting with the same password does not pay for argon2 again.
 */
export class ChargerAuth {
  readonly #failures = new Map<string, Failures>()
  readonly #verified = new Map<string, { stored: string; digest: string }>()

  constructor(private readonly deps: { clock: Clock; maxFailures: number; lockoutMs: number }) {}

  async check(chargerId: string, authorization: string | null, storedHash: string): Promise<AuthResult> {
    const now = this.deps.clock.now()
    const failures = this.#failures.get(chargerId)
    if (failures && failures.lockedUntil > now) return 'locked'
    const password = basicPassword(authorization, chargerId)
    if (password === undefined) return this.#fail(chargerId, now, 'missing')
    const digest = sha256Hex(password)
    const cached = this.#verified.get(chargerId)
    if (cached && cached.stored === storedHash && cached.digest === digest) return this.#succeed(chargerId)
    if (!(await Bun.password.verify(password, storedHash))) return this.#fail(chargerId, now, 'wrong')
    this.#verified.set(chargerId, { stored: storedHash, digest })
    return this.#succeed(chargerId)
  }

  #succeed(chargerId: string): AuthResult {
    this.#failures.delete(chargerId)
    return 'ok'
  }

  #fail(chargerId: string, now: number, result: AuthResult): AuthResult {
    let f = this.#failures.get(chargerId)
    if (!f || now - f.firstAt > this.deps.lockoutMs) {
      if (this.#failures.size >= MAX_TRACKED) this.#failures.delete(this.#failures.keys().next().value as string)
      f = { count: 0, firstAt: now, lockedUntil: 0 }
      this.#failures.set(chargerId, f)
    }
    f.count++
    if (f.count >= this.deps.maxFailures) f.lockedUntil = now + this.deps.lockoutMs
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
