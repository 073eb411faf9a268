import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { CappedSession, CappedSessionsRepo } from '@src/db/repos/capped-sessions'
import type { DbWriter } from '@src/db/writer'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import { systemScope } from '@src/domain/tenancy/scope'
import type { Clock, TimerHandle } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'
import type { Audit } from './audit'

/** What the service needs: the node's adapters, the capped-sessions query and a way to reach a charger. */
export interface SessionCapsDeps {
  clock: Clock
  bus: Bus
  log: Logger
  writer: Pick<DbWriter, 'write'>
  audit: Pick<Audit, 'entry'>
  nodeId: string
  sessions: Pick<CappedSessionsRepo, 'dueOnNode' | 'nextOnNode' | 'stopByOf'>
  /** Sends a command to a charger (`sendChargerCommand` with the node's request budget). */
  send: (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome>
  /** Counts stop requests by how they ended: `Accepted`, or the refusal's status (`Offline`, `Rejected`, …). */
  count: (status: string) => void
  /** How often due sessions are looked for at the latest (a session's own stop-by is also timed). */
  sweepMs: number
}

/** The first retry after a failed stop request; it doubles up to {@link RETRY_MAX_MS}. */
export const RETRY_BASE_MS = 5_000
/** The longest wait between two stop requests for one transaction (also after an accepted one that did not end it). */
export const RETRY_MAX_MS = 300_000
/** A charger that connected is asked after this, so its boot comes first. */
const CONNECT_SETTLE_MS = 5_000
const BATCH = 500
const AUDIT_SCOPE = systemScope('maximum session length', new Set())

/** What was asked of a transaction's charger so far. */
interface Attempt {
  chargerId: string
  count: number
  /** When it is asked again. */
  at: number
  /** The charger accepted a request (recorded once), but the transaction has not ended yet. */
  accepted: boolean
}

const chargerOf = z.object({ chargerId: z.string() })
/** The payload of `transactionStarted` and `transactionEnded` that matters here. */
const ofTransaction = z.object({ transactionId: z.number() })

/**
 * Stops sessions at their maximum length. A start accepted under a policy with a maximum session length
 * stores the instant it ends (`transactions.stop_by`); this service finds the running transactions whose
 * instant has come on the chargers this node holds and asks each charger to stop it (1.6
 * RemoteStopTransaction, 2.0.1 RequestStopTransaction, through the `remoteStop` command). An accepted
 * request is recorded once in the audit log (`transaction.stopRequested`, reason `maxSessionLength`);
 * the charger then ends the transaction with its own stop reason (`Remote`). A charger that is offline,
 * does not answer or refuses is asked again with backoff (5 s doubling to 5 min), logged once per
 * transaction; one that goes offline is asked when it connects again (to whichever node holds it then).
 *
 * It looks at start, every `sweepMs`, at the nearest stop-by (a new transaction's timed when it starts)
 * and when a charger connects. Cluster-safe without a lease: a node only stops transactions of chargers it holds.
 */
export class SessionCaps {
  readonly #attempts = new Map<number, Attempt>()
  readonly #sending = new Set<number>()
  #stops: (() => void)[] = []
  #timer: TimerHandle | undefined
  #running: Promise<void> | undefined
  #timerAt = 0
  #again = false
  #started = false

  constructor(private readonly deps: SessionCapsDeps) {}

  /** Starts looking: now, on a timer, at new transactions and at chargers connecting. */
  start(): void {
    const { bus } = this.deps
    this.#started = true
    this.#stops = [
      bus.subscribe(subjects.everyChargerEvent('transactionStarted'), (p) => this.#transactionStarted(p)),
      bus.subscribe(subjects.everyChargerEvent('connected'), (p) => this.#returned(p, CONNECT_SETTLE_MS)),
      bus.subscribe(subjects.everyChargerEvent('booted'), (p) => this.#returned(p, 0)),
      bus.subscribe(subjects.everyChargerEvent('transactionEnded'), (p) => {
        const e = ofTransaction.safeParse(p)
        if (e.success) this.#attempts.delete(e.data.transactionId)
      }),
    ]
    this.#soon(0)
  }

  /** Stops looking; requests in flight finish. */
  stop(): void {
    this.#started = false
    for (const stop of this.#stops) stop()
    this.#stops = []
    if (this.#timer !== undefined) this.deps.clock.clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** Looks now: asks every due transaction's charger to stop it (sweeps never overlap; one asked during a sweep runs after it). */
  sweep(): Promise<void> {
    if (this.#running) {
      this.#again = true
      return this.#running
    }
    this.#running = this.#sweepOnce().finally(() => {
      this.#running = undefined
      if (this.#again) {
        this.#again = false
        void this.sweep()
      }
    })
    return this.#running
  }

  /** When a transaction's charger is asked again after a failed or unanswered request (tests, the admin). */
  retryAt(transactionId: number): number | null {
    return this.#attempts.get(transactionId)?.at ?? null
  }

  async #sweepOnce(): Promise<void> {
    const { clock, sessions, nodeId } = this.deps
    const now = clock.now()
    const due = await sessions.dueOnNode(nodeId, now, BATCH)
    const asks = due
      .filter((s) => !this.#sending.has(s.id) && (this.#attempts.get(s.id)?.at ?? 0) <= now)
      .map((s) => this.#ask(s))
    await Promise.all(asks)
    await this.#schedule(due.length === BATCH)
  }

  async #ask(session: CappedSession): Promise<void> {
    const { send, clock, count, log } = this.deps
    this.#sending.add(session.id)
    try {
      const result = await send(session.chargerId, { type: 'remoteStop', transactionId: session.id })
      count(result.status)
      const previous = this.#attempts.get(session.id)
      const attempt = (previous?.count ?? 0) + 1
      const base = { chargerId: session.chargerId, count: attempt }
      if (result.status === 'Accepted') {
        if (!previous?.accepted) await this.#record(session)
        this.#attempts.set(session.id, { ...base, at: clock.now() + RETRY_MAX_MS, accepted: true })
        return
      }
      if (!previous)
        log.warn('session past its maximum length not stopped yet: retrying', {
          transaction: session.id,
          charger: session.chargerId,
          status: result.status,
          ...(result.detail ? { detail: result.detail } : {}),
        })
      const wait = Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), RETRY_MAX_MS)
      this.#attempts.set(session.id, {
        ...base,
        at: clock.now() + wait,
        accepted: previous?.accepted ?? false,
      })
    } finally {
      this.#sending.delete(session.id)
    }
  }

  #record(s: CappedSession): Promise<unknown> {
    const entry = this.deps.audit.entry(AUDIT_SCOPE, {
      organizationId: s.organizationId,
      action: 'transaction.stopRequested',
      entity: 'transaction',
      entityId: String(s.id),
      before: null,
      after: { reason: 'maxSessionLength', stopBy: s.stopBy, policyId: s.accessPolicyId },
    })
    return this.deps.writer.write([entry])
  }

  /** A transaction started: a look is timed for its stop-by, if it has one (a primary-key read, not a sweep). */
  #transactionStarted(payload: unknown): void {
    const p = ofTransaction.safeParse(payload)
    if (!p.success) return
    this.deps.sessions.stopByOf(p.data.transactionId).then(
      (stopBy) => {
        if (stopBy !== null) this.#soon(Math.max(0, stopBy - this.deps.clock.now()))
      },
      (err: unknown) =>
        this.deps.log.error('session caps: a new transaction not read', { error: String(err) }),
    )
  }

  /** A charger came back: what it refused or missed is asked again at once (its backoff is over). */
  #returned(payload: unknown, settleMs: number): void {
    const p = chargerOf.safeParse(payload)
    if (!p.success) return
    for (const a of this.#attempts.values()) if (a.chargerId === p.data.chargerId && !a.accepted) a.at = 0
    this.#soon(settleMs)
  }

  /** The next look: the nearest retry or stop-by, at the latest a sweep interval away (at once when a batch was full). */
  async #schedule(more: boolean): Promise<void> {
    if (!this.#started) return
    const { clock, sessions, nodeId, sweepMs } = this.deps
    const now = clock.now()
    if (more) return this.#soon(0)
    const next = await sessions.nextOnNode(nodeId, now)
    let at = now + sweepMs
    if (next !== null) at = Math.min(at, next)
    for (const a of this.#attempts.values()) at = Math.min(at, a.at)
    this.#soon(Math.max(0, at - now))
  }

  /** Looks after `ms` unless a look is already timed sooner. */
  #soon(ms: number): void {
    if (!this.#started) return
    const { clock } = this.deps
    const at = clock.now() + ms
    if (this.#timer !== undefined) {
      if (this.#timerAt <= at) return
      clock.clearTimeout(this.#timer)
    }
    this.#timerAt = at
    this.#timer = clock.setTimeout(() => {
      this.#timer = undefined
      this.sweep().catch((err: unknown) => {
        this.deps.log.error('session-cap sweep failed', { error: String(err) })
        this.#soon(this.deps.sweepMs)
      })
    }, ms)
  }
}
