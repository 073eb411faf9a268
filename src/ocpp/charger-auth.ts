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
 * Failures from one address across all charger ids, as a multiple of the per-charger limit, before
 * the whole address is locked: one misconfigured charger behind a NAT never reaches it (its own
 * lock stops its failures from counting), a scan over many ids does.
 */
export const ADDRESS_FAILURE_FACTOR = 10

/**
 * HTTP Basic authentication of chargers at the WebSocket handshake, with a bounded number of failed
 * attempts. Failures lock out the *client*, never the charger: they count per source address and
 * charger id (`maxFailures`) and per source address (`maxFailures` × {@link ADDRESS_FAILURE_FACTOR}),
 * so an attacker guessing a charger's password, or sending no credentials at all, locks only
 * itself while the real charger, from its own address, connects as usual. A locked client is refused
 * before any password is hashed. A success does not reset the address's count (a client holding one
 * charger's password could otherwise keep guessing another's). A successful verification is
 * remembered (as a SHA-256 of the password, bound to the stored hash), so a charger reconnecting with
 * the same password does not pay for argon2 again.
 */
export class ChargerAuth {
  readonly #perCharger: Lockout
  readonly #perAddress: Lockout
  readonly #verified = new Map<string, { stored: string; digest: string }>()

  constructor(deps: { clock: Clock; maxFailures: number; lockoutMs: number }) {
    const options = { clock: deps.clock, windowMs: deps.lockoutMs }
    this.#perCharger = new Lockout({ ...options, maxFailures: deps.maxFailures })
    this.#perAddress = new Lockout({ ...options, maxFailures: deps.maxFailures * ADDRESS_FAILURE_FACTOR })
  }

  /**
   * Checks the `Authorization` header of a handshake for `chargerId` from the client key `client`
   * (see `addressKey`) against the charger's stored password hash.
   */
  async check(
    chargerId: string,
    authorization: string | null,
    storedHash: string,
    client: string,
  ): Promise<AuthResult> {
    const pair = `${client} ${chargerId}`
    if (this.#perAddress.isLocked(client) || this.#perCharger.isLocked(pair)) return 'locked'
    const password = basicPassword(authorization, chargerId)
    if (password === undefined) return this.#fail(pair, client, 'missing')
    const digest = sha256Hex(password)
    const cached = this.#verified.get(chargerId)
    const ok =
      (cached?.stored === storedHash && cached.digest === digest) ||
      (await Bun.password.verify(password, storedHash))
    if (!ok) return this.#fail(pair, client, 'wrong')
    this.#verified.set(chargerId, { stored: storedHash, digest })
    this.#perCharger.clear(pair)
    return 'ok'
  }

  #fail(pair: string, client: string, result: AuthResult): AuthResult {
    this.#perCharger.fail(pair)
    this.#perAddress.fail(client)
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
