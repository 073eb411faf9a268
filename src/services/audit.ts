import type { AuditRepo } from '@src/db/repos/audit'
import type { Actor, Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'

/** The id an actor is stored under (an account's number, a key's id), or null for the platform and system. */
function actorId(actor: Actor): string | null {
  if (actor.kind === 'account') return String(actor.id)
  if (actor.kind === 'key' || actor.kind === 'driver') return actor.id
  return null
}

/** One change to record. `before` is null for a creation, `after` null for a removal. */
export interface Change {
  organizationId: string
  action: string
  entity: string
  entityId: string
  before: unknown
  after: unknown
}

/**
 * Records who changed what: every change an operator or a key makes appends one entry, written in the
 * same group commit as the change itself (so there is never a change without its entry, or the
 * reverse). Secrets never go in: callers pass view models of rows, never password or key hashes.
 *
 * @example
 * await writer.write([tokens.upsert(uid, input, now), audit.entry(scope, { organizationId, action: 'token.updated', entity: 'token', entityId: uid, before, after })])
 */
export class Audit {
  constructor(private readonly deps: { audit: AuditRepo; clock: Clock }) {}

  /** The insert that records `change` made by the scope's actor. */
  entry(scope: Scope, change: Change) {
    const { actor } = scope
    return this.deps.audit.append({
      ...change,
      at: this.deps.clock.now(),
      actorKind: actor.kind,
      actorId: actorId(actor),
      actorLabel: actor.label,
      before: change.before ?? null,
      after: change.after ?? null,
    })
  }
}
