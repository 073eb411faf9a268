import type { KindHandle } from '@actors/runtime/system'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { ActorStoppedError, AskTimeoutError } from '@src/lib/errors'
import type { SessionMsg } from './protocol'

/** How long a read of a session actor's view waits before the stored view answers instead. */
export const SESSION_VIEW_ASK_MS = 2_000

/**
 * The live view of the session actor that runs `transactionId` on this node; undefined when none runs
 * it here (the session is on another node, ended, or was never started) or it has no view yet. Never
 * activates an actor: a read must not start a session.
 */
export async function runningSessionView(
  kind: KindHandle<SessionMsg>,
  transactionId: number,
  timeoutMs = SESSION_VIEW_ASK_MS,
): Promise<LiveSession | undefined> {
  const actor = kind.find(String(transactionId))
  if (!actor?.alive) return undefined
  try {
    return await actor.ask<LiveSession | undefined>((reply) => ({ type: 'session.get', reply }), timeoutMs)
  } catch (err) {
    // it stopped between the look-up and the ask (its session ended or moved), or is stuck: the
    // stored view answers
    if (err instanceof ActorStoppedError || err instanceof AskTimeoutError) return undefined
    throw err
  }
}
