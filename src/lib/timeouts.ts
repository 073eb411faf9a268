import { z } from 'zod'

/**
 * The timeout budget of a CSMS→charger command, from the one configured number
 * (`CSMS_OCPP_CALL_TIMEOUT_MS`, how long a charger may take to answer a CALL). Every layer gives up
 * one margin before the layer that waits on it, so an answer always arrives before its asker stops
 * listening, and nothing goes out after the asker has stopped:
 *
 * ```
 * requester (API, admin, site loop)   waits requestMs = callMs + 2 × marginMs on the bus
 * the node holding the charger        its actor answers within budget − marginMs   (askMs)
 * the CALL                            dropped if still queued, or timed out, at budget − 2 × marginMs,
 *                                     and never waits more than callMs once sent
 * ```
 *
 * The bus carries the budget as a duration (ms), never as a time: nodes' clocks differ.
 */
export interface CommandTimeouts {
  /** How long a sent CALL waits for the charger's answer. */
  callMs: number
  /** What each layer keeps in hand for the one outside it: bus transit, a database write, a reply. */
  marginMs: number
  /** How long the node holding the charger gives a command (queue, CALL, recording the result). */
  askMs: number
  /** How long a requester waits for a command's outcome on the bus. */
  requestMs: number
}

/**
 * The margin is a tenth of the call timeout (a twelfth of the request's budget, the same thing), within
 * these bounds. Derived from the budget a request carries, it needs nothing of the serving node's own
 * configuration.
 */
const MARGIN = { min: 100, max: 5000 } as const

const clampMargin = (ms: number) => Math.round(Math.min(MARGIN.max, Math.max(MARGIN.min, ms)))

/** The longest budget a request may carry (more than any configured call timeout needs). */
export const MAX_BUDGET_MS = 3_600_000

/**
 * The whole budget from the configured call timeout.
 *
 * @example
 * commandTimeouts(30_000) // { callMs: 30000, marginMs: 3000, askMs: 33000, requestMs: 36000 }
 */
export function commandTimeouts(callTimeoutMs: number): CommandTimeouts {
  const marginMs = clampMargin(callTimeoutMs / 10)
  return {
    callMs: callTimeoutMs,
    marginMs,
    askMs: callTimeoutMs + marginMs,
    requestMs: callTimeoutMs + 2 * marginMs,
  }
}

/** A requester's budget as a bus payload carries it (validated where it is received). */
export const budgetMsSchema = z.number().int().positive().max(MAX_BUDGET_MS)

/**
 * What the node serving a request makes of the requester's budget (ms, as received): how long its
 * actor may take (one margin less, for the reply's way back) and the clock time on this node by which
 * the CALL must be answered or dropped (one margin less again, for recording and replying).
 */
export function servedBudget(budgetMs: number, now: number): { askMs: number; callDeadline: number } {
  const marginMs = clampMargin(budgetMs / 12)
  const askMs = Math.max(1, budgetMs - marginMs)
  return { askMs, callDeadline: now + askMs - marginMs }
}
