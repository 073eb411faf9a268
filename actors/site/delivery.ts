import { decideSetpoints, type SentSetpoint, type SessionAllocation } from '@src/domain/power'
import { SETPOINT_REFRESH_MS } from '@src/domain/site/setpoint-profiles'

/** A charger that refused or missed a setpoint is left alone this long, except for reductions (ms). */
export const FAILURE_BACKOFF_MS = 30_000

/** One setpoint to send. */
export interface Delivery {
  key: string
  limitA: number
  reason: 'safety' | 'increase' | 'refresh'
}

/** What the loop remembers about setpoints between ticks. */
export interface DeliveryState {
  sent: Map<string, SentSetpoint>
  failedAt: Map<string, number>
  lastReductionAt: number | undefined
}

/**
 * The setpoints worth sending this tick (pure apart from updating `state`): reductions and first limits
 * at once, increases with hysteresis and rate limit (see `decideSetpoints`), and a refresh of every
 * setpoint about to run out at its charger, so a live loop never lets a charger fall back. A session
 * whose charger recently failed a setpoint only gets reductions until the back-off has passed.
 * Sent limits are recorded at once: the allocation counts on them, and if a charger does not follow,
 * its measured draw shows it (see the snapshot).
 */
export function planDeliveries(
  state: DeliveryState,
  allocations: readonly SessionAllocation[],
  controllable: (key: string) => boolean,
  now: number,
): Delivery[] {
  const next = allocations.filter((a) => controllable(a.sessionId))
  const decision = decideSetpoints({
    sent: state.sent,
    next: next.map((a) => ({ sessionId: a.sessionId, limitA: a.limitA })),
    now,
    ...(state.lastReductionAt !== undefined ? { lastReductionAt: state.lastReductionAt } : {}),
  })
  const out: Delivery[] = []
  for (const c of decision.commands) {
    const failed = state.failedAt.get(c.sessionId)
    const prev = state.sent.get(c.sessionId)
    const isReduction = prev !== undefined && c.limitA < prev.limitA
    if (failed !== undefined && now - failed < FAILURE_BACKOFF_MS && !isReduction) continue
    out.push({ key: c.sessionId, limitA: c.limitA, reason: c.reason })
  }
  const planned = new Set(out.map((d) => d.key))
  for (const a of next) {
    const prev = state.sent.get(a.sessionId)
    if (prev && !planned.has(a.sessionId) && now - prev.sentAt >= SETPOINT_REFRESH_MS) {
      out.push({ key: a.sessionId, limitA: prev.limitA, reason: 'refresh' })
    }
  }
  for (const d of out) state.sent.set(d.key, { limitA: d.limitA, sentAt: now })
  if (decision.reductionSent) state.lastReductionAt = now
  return out
}

/** Forgets a session (its transaction ended). */
export function forget(state: DeliveryState, key: string): void {
  state.sent.delete(key)
  state.failedAt.delete(key)
}
