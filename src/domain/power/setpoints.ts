/** What was last sent to a session's charger. */
export interface SentSetpoint {
  readonly limitA: number
  /** When it was sent (ms since epoch). */
  readonly sentAt: number
}

/** How eager the loop is to send changes. */
export interface SetpointPolicy {
  /** An increase smaller than this (A) is not worth a SetChargingProfile. */
  readonly hysteresisA: number
  /** At most one increase per session per this many ms. */
  readonly minIntervalMs: number
  /** After any reduction, increases wait this long (ms) for the EVs to follow it. */
  readonly settleMs: number
  /** Differences below this (A) are noise. */
  readonly epsilonA: number
}

/** Defaults: 1 A hysteresis, increases at most every 10 s, 5 s settling (IEC 61851-1 response time). */
export const DEFAULT_SETPOINT_POLICY: SetpointPolicy = {
  hysteresisA: 1,
  minIntervalMs: 10_000,
  settleMs: 5_000,
  epsilonA: 0.05,
}

/** One setpoint to send, and why. */
export interface SetpointCommand {
  readonly sessionId: string
  readonly limitA: number
  /** `safety`: a reduction or a first limit, sent at once; `increase`: held by hysteresis. */
  readonly reason: 'safety' | 'increase'
}

/** The commands of one tick; `reductionSent` tells the caller to remember `now` as the last reduction. */
export interface SetpointDecision {
  readonly commands: readonly SetpointCommand[]
  readonly reductionSent: boolean
}

/** What the decision looks at. */
export interface SetpointInput {
  readonly sent: ReadonlyMap<string, SentSetpoint>
  readonly next: readonly { readonly sessionId: string; readonly limitA: number }[]
  readonly now: number
  /** When a reduction was last sent (ms), if ever. */
  readonly lastReductionAt?: number
}

/**
 * Which setpoints changed enough to send. A reduction is always sent immediately, whatever the
 * hysteresis or rate limit: capacity taken from one EV may already be given to another, so a late
 * reduction is a fuse at risk. A session seen for the first time gets its limit at once, also as a
 * safety command (a charger without a profile may start at its maximum). An increase waits until it is worth it (hysteresis),
 * until its session's rate limit allows, and until reductions have had time to take effect; in a
 * tick that sends a reduction, no increase is sent. Reductions come first in the list.
 */
export function decideSetpoints(
  input: SetpointInput,
  policy: SetpointPolicy = DEFAULT_SETPOINT_POLICY,
): SetpointDecision {
  const safety: SetpointCommand[] = []
  const increases: SetpointCommand[] = []
  for (const { sessionId, limitA } of input.next) {
    const prev = input.sent.get(sessionId)
    if (!prev || limitA < prev.limitA - policy.epsilonA) {
      safety.push({ sessionId, limitA, reason: 'safety' })
    } else if (
      limitA >= prev.limitA + policy.hysteresisA &&
      input.now - prev.sentAt >= policy.minIntervalMs
    ) {
      increases.push({ sessionId, limitA, reason: 'increase' })
    }
  }
  const settled = input.lastReductionAt === undefined || input.now - input.lastReductionAt >= policy.settleMs
  const allowIncreases = safety.length === 0 && settled
  return { commands: allowIncreases ? [...safety, ...increases] : safety, reductionSent: safety.length > 0 }
}
