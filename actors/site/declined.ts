import { MIN_PWM_A } from '@src/domain/power/session-demand'
import { EV_RESPONSE_MS } from './carried'
import type { ConfirmedSetpoint } from './delivery'
import { maxDraw, type SiteSession } from './sessions'

/**
 * A car offered at least 6 A for this long (ms) that still draws nothing has declined it: it is full or
 * waits for its own timer. Shorter would catch cars that are merely slow to start.
 */
export const DECLINE_AFTER_MS = 30_000

/** Below this a car counts as drawing nothing (A). */
const NOT_DRAWING_A = 1

/** A declined car is offered current again after this long (ms), doubling per refusal up to the cap. */
export const PROBE_FIRST_MS = 10 * 60_000
export const PROBE_MAX_MS = 60 * 60_000

/**
 * A car that declines an offer below one it drew at shows a minimum above that offer: it is offered
 * at least this much more (A) from then on, never more than the limit it drew at.
 */
export const LEARN_STEP_A = 2

/** When a car that declined is offered current again (unless something changes before). */
export function declinedUntil(d: { at: number; probes: number }): number {
  return d.at + Math.min(PROBE_MAX_MS, PROBE_FIRST_MS * 2 ** d.probes)
}

/**
 * Updates what the loop knows of a car's refusal after a reading or a state change. A car that draws
 * is not declining (forgotten at once); a car that has had an offer of at least 6 A in force for
 * {@link DECLINE_AFTER_MS} and draws nothing has declined it. It is then given nothing (no SuspendedEVSE
 * at 0 A turns it back into a candidate) until its probe, when it is offered its share again; each
 * refusal in a row doubles the wait. New charging needs or a new plan from the driver forget it.
 *
 * A car that drew under a higher limit this session and now draws nothing under a lower one has not
 * declined: the offer is below its own minimum (some cars need 8 A or more; a pilot under it leaves
 * them waiting in SuspendedEV). Its minimum is learned instead ({@link LEARN_STEP_A} above the offer,
 * at most the limit it drew under), so it is given 0 or enough to charge, never parked for its probe.
 *
 * @example
 * noteRefusal(session, confirmed, now) // session.declined = { at: now, probes: 0 }
 */
export function noteRefusal(s: SiteSession, confirmed: ConfirmedSetpoint | undefined, now: number): void {
  const draw = maxDraw(s)
  if (draw !== undefined && draw >= NOT_DRAWING_A) {
    s.declined = null
    if (confirmed && s.drawAt !== null && s.drawAt >= confirmed.at + EV_RESPONSE_MS)
      s.drewUnderA = Math.min(s.drewUnderA ?? confirmed.limitA, confirmed.limitA)
    return
  }
  if (s.declined && now < declinedUntil(s.declined)) return
  const offered = confirmed !== undefined && confirmed.limitA >= MIN_PWM_A
  const readAfter =
    s.drawAt !== null && confirmed !== undefined && s.drawAt >= confirmed.at + DECLINE_AFTER_MS
  const suspended = s.chargingState === 'SuspendedEV' || (draw !== undefined && readAfter)
  if (!offered || !suspended || now < confirmed.at + DECLINE_AFTER_MS) return
  if (s.drewUnderA !== null && confirmed.limitA < s.drewUnderA) {
    s.learnedMinA = Math.min(s.drewUnderA, confirmed.limitA + LEARN_STEP_A)
    return
  }
  s.declined = { at: now, probes: s.declined ? s.declined.probes + 1 : 0 }
}
