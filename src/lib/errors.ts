/**
 * Error classes for surprises: bugs and broken infrastructure. Expected outcomes (a rejected command,
 * an unknown charger) are values, not exceptions. Each class carries `name`, a stable `code` and `cause`,
 * and `src/http/errors.ts` maps codes to HTTP status.
 */
export class CsmsError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** Configuration is invalid; the node refuses to start. */
export class ConfigError extends CsmsError {
  constructor(message: string) {
    super('CONFIG_INVALID', message)
  }
}

/** An `ask` got no reply in time. */
export class AskTimeoutError extends CsmsError {
  constructor(target: string, ms: number) {
    super('ASK_TIMEOUT', `${target} did not reply within ${ms} ms`)
  }
}

/** A mailbox is full and its policy refuses new messages. */
export class MailboxFullError extends CsmsError {
  constructor(target: string, capacity: number) {
    super('MAILBOX_FULL', `${target}'s mailbox is full (${capacity} messages)`)
  }
}

/** The actor was stopped (or gave up after too many restarts) before it could handle the message. */
export class ActorStoppedError extends CsmsError {
  constructor(target: string) {
    super('ACTOR_STOPPED', `${target} is stopped`)
  }
}

/** A bus request found nobody serving the subject (e.g. a charger that is not connected anywhere). */
export class NoRespondersError extends CsmsError {
  /** `why`, when known, says why nobody could be reached (e.g. the NATS connection is down). */
  constructor(subject: string, why?: string) {
    super('NO_RESPONDERS', `nobody serves ${subject}${why ? ` (${why})` : ''}`)
  }
}

/** The cluster bus is not connected, so a call that needs the other nodes (a lease) cannot be made. */
export class BusUnavailableError extends CsmsError {
  constructor(reason: string) {
    super('BUS_UNAVAILABLE', reason)
  }
}

/** A bus request got no reply in time. */
export class RequestTimeoutError extends CsmsError {
  constructor(subject: string, ms: number) {
    super('REQUEST_TIMEOUT', `no reply on ${subject} within ${ms} ms`)
  }
}

/** A database write or read failed. */
export class DatabaseError extends CsmsError {
  constructor(message: string, cause: unknown) {
    super('DATABASE', message, { cause })
  }
}

/**
 * The database cannot be used at all (a read-only or full disk, a file that is not a database, a
 * server that does not answer): the node cannot start. The message is one line saying what, where and
 * what to do, for the person starting it.
 */
export class DatabaseUnavailableError extends CsmsError {
  constructor(message: string, cause: unknown) {
    super('DATABASE_UNAVAILABLE', message, { cause })
  }
}

/** A served bus handler failed; carries the remote message. */
export class RemoteError extends CsmsError {
  constructor(subject: string, message: string) {
    super('REMOTE', `handler of ${subject} failed: ${message}`)
  }
}
