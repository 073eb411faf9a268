import {
  DEFAULT_SETPOINT_POLICY,
  decideSetpoints,
  type SentSetpoint,
  type SessionAllocation,
} from '@src/domain/power'
import type { LimitChange } from '@src/domain/site/draw'
import { refreshDueAt } from '@src/domain/site/setpoint-profiles'

/** A charger that refused or missed a setpoint is left alone this long, except for reductions (ms). */
export const FAILURE_BACKOFF_MS = 30_000

/** One setpoint to send. */
export interface Delivery {
  key: string
  limitA: number
  reason: 'safety' | 'increase' | 'refresh'
}

/** A limit the charger confirmed: when, and the limit in force before it (the car may still draw that). */
export interface ConfirmedSetpoint {
  readonly limitA: number
  readonly at: number
  readonly beforeA: number
}

/** A setpoint the charger refused or never answered: it may or may not be in force. */
export interface FailedSetpoint {
  readonly limitA: number
  readonly at: number
}

/** What the loop remembers about setpoints between ticks. */
export interface DeliveryState {
  /** The last setpoint sent to each session (a refresh sends the same limit again). */
  sent: Map<string, SentSetpoint>
  /** The last setpoint each session's charger confirmed. Sent but not confirmed: not yet in force. */
  confirmed: Map<string, ConfirmedSetpoint>
  /** When each session's limit last changed, and from what: since then the car draws by the new one. */
  changes: Map<string, LimitChange>
  failed: Map<string, FailedSetpoint>
  /** When a reduction or a first limit was last sent (the core's settling clock). */
  lastReductionAt: number | undefined
  /** When a running session's limit was last lowered. */
  lastCutAt?: number
}

/**
 * The setpoints worth sending this tick (pure apart from updating `state`): reductions and first limits
 * at once, increases with hysteresis and rate limit (see `decideSetpoints`), and a refresh of every
 * setpoint before it runs out at its charger, so a live loop never lets a charger fall back (each
 * session at its own point of a window, see `refreshDueAt`, so refreshes do not come in bursts). A session
 * whose charger recently failed a setpoint only gets reductions until the back-off has passed.
 * A new session's first limit above the fail-safe current waits while reductions for others settle:
 * its charger is held at the fail-safe by its default profile (the loop carries it there until then), so it must
 * not ramp up before the others have come down.
 * Sent limits are recorded at once: the allocation counts on them, and if a charger does not follow,
 * its measured draw shows it (see the snapshot).
 */
export function planDeliveries(
  state: DeliveryState,
  allocations: readonly SessionAllocation[],
  controllable: (key: string) => boolean,
  now: number,
  failSafeA = 0,
): Delivery[] {
  const next = allocations.filter((a) => controllable(a.sessionId))
  const decision = decideSetpoints({
    sent: state.sent,
    next: next.map((a) => ({ sessionId: a.sessionId, limitA: a.limitA })),
    now,
    ...(state.lastReductionAt !== undefined ? { lastReductionAt: state.lastReductionAt } : {}),
  })
  const isCut = (key: string, limitA: number) => {
    const prev = state.sent.get(key)
    return prev !== undefined && limitA < prev.limitA
  }
  const cutting = decision.commands.some((c) => isCut(c.sessionId, c.limitA))
  const settling =
    cutting || (state.lastCutAt !== undefined && now - state.lastCutAt < DEFAULT_SETPOINT_POLICY.settleMs)
  const out: Delivery[] = []
  for (const c of decision.commands) {
    const failed = state.failed.get(c.sessionId)
    const cut = isCut(c.sessionId, c.limitA)
    if (failed !== undefined && now - failed.at < FAILURE_BACKOFF_MS && !cut) continue
    if (!state.sent.has(c.sessionId) && c.limitA > failSafeA && settling) continue
    out.push({ key: c.sessionId, limitA: c.limitA, reason: c.reason })
  }
  if (cutting) state.lastCutAt = now
  const planned = new Set(out.map((d) => d.key))
  for (const a of next) {
    const prev = state.sent.get(a.sessionId)
    if (prev && !planned.has(a.sessionId) && now >= refreshDueAt(a.sessionId, prev.sentAt)) {
      out.push({ key: a.sessionId, limitA: prev.limitA, reason: 'refresh' })
    }
  }
  for (const d of out) {
    const prev = state.sent.get(d.key)
    if (prev?.limitA !== d.limitA) {
      const last = state.changes.get(d.key)
      const from = prev && last?.limitA === prev.limitA ? { limitA: last.limitA, at: last.at } : undefined
      state.changes.set(d.key, { limitA: d.limitA, at: now, from })
    }
    state.sent.set(d.key, { limitA: d.limitA, sentAt: now })
  }
  if (decision.reductionSent) state.lastReductionAt = now
  return out
}

/**
 * The charger answered a setpoint. Accepted: it is in force (unless a newer one is on its way). Refused
 * or unanswered: what is in force is unknown, so the loop carries the higher of it and the last
 * confirmed limit (see `carriedLoad`) and, after the back-off, sends again from the confirmed one.
 */
export function answered(
  state: DeliveryState,
  key: string,
  limitA: number,
  accepted: boolean,
  now: number,
  failSafeA: number,
): void {
  const sent = state.sent.get(key)
  const before = state.confirmed.get(key)
  if (accepted) {
    state.failed.delete(key)
    if (sent?.limitA === limitA)
      state.confirmed.set(key, { limitA, at: now, beforeA: before?.limitA ?? failSafeA })
    return
  }
  state.failed.set(key, { limitA, at: now })
  if (sent?.limitA !== limitA) return
  if (before) state.sent.set(key, { limitA: before.limitA, sentAt: before.at })
  else state.sent.delete(key)
}

/**
 * The charger (re)connected: what it has in force is unknown, so the next tick sends a first limit
 * again. The last confirmed limit is kept: until the new one is confirmed the charger may still apply it.
 */
export function reconnected(state: DeliveryState, key: string): void {
  state.sent.delete(key)
  state.failed.delete(key)
}

/** Forgets a session (its transaction ended). */
export function forget(state: DeliveryState, key: string): void {
  state.sent.delete(key)
  state.confirmed.delete(key)
  state.changes.delete(key)
  state.failed.delete(key)
}

/** A fresh delivery state (a new incarnation of the loop). */
export function emptyDelivery(): DeliveryState {
  return {
    sent: new Map(),
    confirmed: new Map(),
    changes: new Map(),
    failed: new Map(),
    lastReductionAt: undefined,
  }
}

/**
 * The last limit change of a session, while it is still what the loop last sent. Once the sent limits
 * are forgotten (the charger reconnected, the lease changed hands) what is in force is unknown.
 */
export function changeInForce(state: DeliveryState, key: string): LimitChange | undefined {
  const change = state.changes.get(key)
  return change && state.sent.get(key)?.limitA === change.limitA ? change : undefined
}
