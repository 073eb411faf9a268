import type { Clock } from '@src/lib/clock'
import type { HealthStatus } from '@src/lib/health'
import { healthy } from '@src/lib/health'
import type { Logger } from '@src/lib/log'

/** What {@link CommitHealth} needs; the two spans say how old an outcome may be and how slow a commit. */
export interface CommitHealthDeps {
  clock: Clock
  log: Logger
  /** An outcome younger than this answers a probe without a test write. */
  freshMs: number
  /** A commit still running after this long means the database cannot commit (a hung disk or lock). */
  stuckMs: number
}

/**
 * What the group-commit writer knows about its own commits, for `/health`: whether the last one
 * succeeded and why not, and how long the one in flight has been running. Every batch already tells
 * it, so a health probe costs no write while chargers are writing. It logs only when the answer
 * changes, so a full disk is one line, not one per batch.
 */
export class CommitHealth {
  #last: { at: number; status: HealthStatus } | undefined
  #since: number | undefined

  constructor(private readonly deps: CommitHealthDeps) {}

  /** A batch went to the database. */
  began(): void {
    this.#since ??= this.deps.clock.now()
  }

  /** A batch committed. */
  committed(): void {
    if (this.#last?.status.ok === false) this.deps.log.info('database commits succeed again')
    this.#settle(healthy)
  }

  /** A batch failed for a reason of the database's, not of one write's. */
  failed(reason: string): void {
    if (this.#last?.status.ok !== false) this.deps.log.error('database cannot commit', { reason })
    this.#settle({ ok: false, reason: `cannot commit: ${reason}` })
  }

  /** The batch in flight is done, whatever its outcome (a write that broke it alone tells nothing). */
  ended(): void {
    this.#since = undefined
  }

  /** The current answer, or undefined when nothing recent is known (the writer then tests with a write). */
  known(): HealthStatus | undefined {
    const now = this.deps.clock.now()
    if (this.#since !== undefined && now - this.#since >= this.deps.stuckMs) {
      return {
        ok: false,
        reason: `a commit has been running for ${Math.round((now - this.#since) / 1000)} s`,
      }
    }
    const last = this.#last
    return last && now - last.at < this.deps.freshMs ? last.status : undefined
  }

  #settle(status: HealthStatus): void {
    this.#last = { at: this.deps.clock.now(), status }
    this.#since = undefined
  }
}
