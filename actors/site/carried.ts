import { SETPOINT_TTL_S } from '@src/domain/site/setpoint-profiles'
import { type DeliveryState, FAILURE_BACKOFF_MS } from './delivery'
import { maxDraw, type SiteSession } from './sessions'

/** An EV drawing more than this above its limit is not obeying it (A). */
export const DISOBEY_TOLERANCE_A = 2

/**
 * How long a car may take to follow a lower limit once its charger applied it (ms). IEC 61851-1 asks
 * for 5 s; cars in the field take up to 9 s. Until then, or until a reading shows it followed, the
 * capacity it gave up is not handed out.
 */
export const EV_RESPONSE_MS = 10_000

/** Why a session is a load the loop must carry rather than a share it can hand out. */
export type CarriedWhy = 'offline' | 'arriving' | 'unconfirmed' | 'following' | 'disobeying'

/** A load to carry (A per phase on the car's phases) and why. */
export interface CarriedLoad {
  readonly currentA: number
  readonly why: CarriedWhy
}

/** What the rule looks at besides the session. */
export interface CarriedInput {
  readonly delivery: Pick<DeliveryState, 'sent' | 'confirmed' | 'failed'>
  readonly online: boolean
  readonly failSafeA: number
  readonly now: number
  /** The connector's charger was seen ignoring its setpoints (see {@link noteObedience}). */
  readonly ignoresSetpoints?: boolean
  /** The most the connector can deliver (A): what a charger that ignores setpoints may draw at any time. */
  readonly ratingA?: number
}

/**
 * The current a session may physically draw whatever the loop decides now, when that is not simply
 * its share. The allocation subtracts it from every fuse above the session like the building, so it is
 * never handed to another car while it may still flow:
 *
 * - **offline**: its charger keeps the highest limit it may have (confirmed, sent or failed) until that
 *   profile runs out, then the fail-safe; one never reached holds the fail-safe or its last draw.
 * - **arriving**: nothing was sent to it yet: its charger applies its default profile (the fail-safe
 *   current), or, after the loop restarted, whatever it was last given, which its last reading shows.
 *   Its first setpoint is that load; its share follows once the charger confirmed it.
 * - **unconfirmed**: a setpoint is on its way or was refused/unanswered (within the back-off): the
 *   higher of it and the last confirmed limit (the fail-safe before any) may be in force.
 * - **following**: a lower limit was confirmed less than {@link EV_RESPONSE_MS} ago and no reading since
 *   shows the car at it: the car may still draw its former limit (no more than it was drawing).
 * - **disobeying**: a reading since the confirmed limit shows the car drawing more than it (after the
 *   response time: it ignores its setpoint): it draws that, whatever it is sent. A connector whose
 *   charger was once seen doing so is carried at its rating from then on, whoever plugs in: a car on
 *   its own timer there starts at full current the moment its timer fires, with nothing to stop it.
 *
 * @example
 * carriedLoad(session, { delivery, online: false, failSafeA: 6, now }) // { currentA: 16, why: 'offline' }
 */
export function carriedLoad(s: SiteSession, v: CarriedInput): CarriedLoad | undefined {
  const key = s.key
  const sent = v.delivery.sent.get(key)
  const confirmed = v.delivery.confirmed.get(key)
  const failed = v.delivery.failed.get(key)
  const draw = maxDraw(s)
  if (v.ignoresSetpoints) {
    const held = Math.max(draw ?? 0, v.ratingA ?? 0)
    return v.online
      ? { currentA: held, why: 'disobeying' }
      : { currentA: Math.max(held, heldOffline(sent, confirmed, failed, draw, v)), why: 'offline' }
  }
  if (!v.online) return { currentA: heldOffline(sent, confirmed, failed, draw, v), why: 'offline' }
  const inForce = confirmed?.limitA ?? v.failSafeA
  if (failed && v.now - failed.at < FAILURE_BACKOFF_MS)
    return { currentA: Math.max(inForce, failed.limitA), why: 'unconfirmed' }
  if (sent && sent.limitA !== confirmed?.limitA)
    return { currentA: Math.max(inForce, sent.limitA), why: 'unconfirmed' }
  if (!confirmed) {
    const holds = Math.max(v.failSafeA, draw ?? 0)
    return holds > 0 ? { currentA: holds, why: 'arriving' } : undefined
  }
  const readSince = draw !== undefined && s.drawAt !== null && s.drawAt >= confirmed.at
  const cut = confirmed.beforeA > confirmed.limitA
  const lagging = cut && v.now - confirmed.at < EV_RESPONSE_MS
  if (readSince && draw! > confirmed.limitA + DISOBEY_TOLERANCE_A) {
    const late = s.drawAt! >= confirmed.at + EV_RESPONSE_MS
    return { currentA: draw!, why: lagging && !late ? 'following' : 'disobeying' }
  }
  if (!lagging || readSince) return undefined
  const drew =
    draw === undefined ? confirmed.beforeA : Math.min(confirmed.beforeA, Math.max(draw, confirmed.limitA))
  return { currentA: drew, why: 'following' }
}

function heldOffline(
  sent: { limitA: number; sentAt: number } | undefined,
  confirmed: { limitA: number; at: number } | undefined,
  failed: { limitA: number; at: number } | undefined,
  draw: number | undefined,
  v: CarriedInput,
): number {
  const limits = [
    sent && { a: sent.limitA, at: sent.sentAt },
    confirmed && { a: confirmed.limitA, at: confirmed.at },
    failed && { a: failed.limitA, at: failed.at },
  ].filter((x): x is { a: number; at: number } => x !== undefined)
  if (limits.length === 0) return Math.max(v.failSafeA, draw ?? 0)
  const latest = Math.max(...limits.map((x) => x.at))
  if (v.now - latest >= SETPOINT_TTL_S * 1000) return v.failSafeA
  return Math.max(v.failSafeA, ...limits.map((x) => x.a))
}

/** A car drawing less than this (A) shows nothing about its charger's obedience. */
const DRAWING_A = 1

/**
 * Keeps `ignoring` (connector keys whose charger ignores setpoints) up to date after a tick. A
 * connector joins on proof, not on one late car: two readings in a row, both a full response time
 * after the confirmed limit, show its car above it. It leaves once a reading taken a response time
 * after a confirmed limit shows a car drawing within a limit below the connector's rating.
 */
export function noteObedience(
  ignoring: Set<string>,
  sessions: Iterable<SiteSession>,
  confirmed: DeliveryState['confirmed'],
  ratingOf: (key: string) => number,
): void {
  for (const s of sessions) {
    const limit = confirmed.get(s.key)
    const draw = maxDraw(s)
    if (!limit || draw === undefined || s.drawAt === null) continue
    const settledAt = limit.at + EV_RESPONSE_MS
    const above = limit.limitA + DISOBEY_TOLERANCE_A
    const prev = s.previousDraw
    if (!ignoring.has(s.key)) {
      if (s.drawAt >= settledAt && draw > above && prev && prev.at >= settledAt && prev.maxA > above)
        ignoring.add(s.key)
    } else if (s.drawAt >= settledAt && draw > DRAWING_A && draw <= above && above < ratingOf(s.key)) {
      ignoring.delete(s.key)
    }
  }
}
