import type { Clock } from '@src/lib/clock'
import { Lockout } from '@src/lib/lockout'

/** How long sign-in failures are counted, and how long a lock lasts. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000
/** Failures from one client address (not yet trusted by the account) before it is locked. */
export const PER_CLIENT_FAILURES = 10
/** Failures for one account from untrusted clients, all together, before they are all held off. */
export const PER_ACCOUNT_FAILURES = 100
/** Failures from one trusted device (see `device-cookie.ts`) before that device is locked. */
export const PER_DEVICE_FAILURES = 10

/** Who is trying to sign in. */
export interface SignInAttempt {
  /** The client's address key (`addressKey`). */
  client: string
  /** The account tried, when the email belongs to one; unknown emails never reach per-account state. */
  accountId: number | undefined
  /** A device cookie this account issued, already verified; undefined for an untrusted client. */
  device: string | undefined
}

/**
 * The limits on operator sign-in, designed so that an attacker can neither lock the real operator
 * out nor evict a lock it earned:
 *
 * - an untrusted client (no device cookie of the account) is limited per address
 *   ({@link PER_CLIENT_FAILURES}); guessing from one address locks only that address;
 * - an account whose untrusted sign-ins fail {@link PER_ACCOUNT_FAILURES} times (a guess spread over
 *   many addresses) is held off for untrusted clients only;
 * - a browser the operator signed in with before carries a device cookie bound to the account: it is
 *   subject to neither of these, only to its own limit ({@link PER_DEVICE_FAILURES}), so the real
 *   operator still signs in while their account is under attack;
 * - per-account state exists only for real accounts, so failures for other emails cannot touch it,
 *   and the per-address and per-device tables never evict a lock to make room for a counter
 *   ({@link Lockout}).
 */
export class SignInLimits {
  readonly #perClient: Lockout
  readonly #perAccount: Lockout
  readonly #perDevice: Lockout

  constructor(clock: Clock) {
    const windowMs = SIGN_IN_WINDOW_MS
    this.#perClient = new Lockout({ clock, windowMs, maxFailures: PER_CLIENT_FAILURES })
    this.#perAccount = new Lockout({ clock, windowMs, maxFailures: PER_ACCOUNT_FAILURES })
    this.#perDevice = new Lockout({ clock, windowMs, maxFailures: PER_DEVICE_FAILURES })
  }

  /** True when this attempt may not even be tried now. */
  isLocked(a: SignInAttempt): boolean {
    if (a.device !== undefined) return this.#perDevice.isLocked(a.device)
    if (this.#perClient.isLocked(a.client)) return true
    return a.accountId !== undefined && this.#perAccount.isLocked(String(a.accountId))
  }

  /** Counts a failed attempt against the limits that apply to it. */
  failed(a: SignInAttempt): void {
    if (a.device !== undefined) {
      this.#perDevice.fail(a.device)
      return
    }
    this.#perClient.fail(a.client)
    if (a.accountId !== undefined) this.#perAccount.fail(String(a.accountId))
  }

  /** A successful sign-in: the device's failures are forgiven (an address's are not: see above). */
  succeeded(a: SignInAttempt): void {
    if (a.device !== undefined) this.#perDevice.clear(a.device)
  }
}
