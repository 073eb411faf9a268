import type { Clock } from '@src/lib/clock'
import { Lockout } from '@src/lib/lockout'

/** How long failures on the invitation and reset forms are counted, and how long a lock lasts. */
export const LINK_WINDOW_MS = 15 * 60_000
/** Failed posts (a link that cannot be used, a wrong password) from one client address before it is locked. */
export const LINK_FAILURES_PER_CLIENT = 10

/**
 * The limit on the public invitation and reset posts, as `sign-in-limits.ts` limits sign-in: a client
 * address whose posts fail {@link LINK_FAILURES_PER_CLIENT} times (a link that is not valid, or a
 * wrong password for an existing account) is held off for {@link LINK_WINDOW_MS}. The secrets are
 * 256 bits and cannot be guessed; the limit keeps the password check of an invited existing account
 * from being a guessing oracle, and bounds the hashing work a stranger can make us do.
 */
export class LinkLimits {
  readonly #perClient: Lockout

  constructor(clock: Clock) {
    this.#perClient = new Lockout({ clock, windowMs: LINK_WINDOW_MS, maxFailures: LINK_FAILURES_PER_CLIENT })
  }

  /** True when posts from this client address may not even be tried now. */
  isLocked(client: string): boolean {
    return this.#perClient.isLocked(client)
  }

  /** Counts a failed post from this client address. */
  failed(client: string): void {
    this.#perClient.fail(client)
  }
}
