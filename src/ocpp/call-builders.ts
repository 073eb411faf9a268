import { type CommandOutcome, outcome, type WireCommand } from '@src/domain/charger/commands'

/** The neutral command of one type, e.g. `CommandOf<'reset'>`. */
export type CommandOf<T extends WireCommand['type']> = Extract<WireCommand, { type: T }>

/**
 * Part of a version's command table: for each command type it knows, how to build that version's CALL
 * (or the outcome that answers without one, such as NotSupported). Each spec block (a 1.6 feature
 * profile, a 2.0.1 functional block) exports its part, so a command lives with the messages it maps to.
 */
export type CallBuilders<Call> = {
  [T in WireCommand['type']]?: (c: CommandOf<T>) => Call | CommandOutcome
}

/** A version's whole table: every command type has a builder, even if it only states NotSupported. */
export type CallTable<Call> = Required<CallBuilders<Call>>

/** The intersection of a tuple's members: what their union as one object holds. */
type Merged<P extends readonly object[]> = P extends readonly [infer H, ...infer R extends readonly object[]]
  ? H & Merged<R>
  : unknown

/**
 * Joins the spec blocks' parts into one table. A command type claimed by two parts is a bug (one would
 * silently win), so it throws when the module loads rather than picking one.
 *
 * @example export const calls16: CallTable<Call> = composeCalls(coreCalls, smartChargingCalls, …)
 */
export function composeCalls<P extends readonly CallBuilders<unknown>[]>(...parts: P): Merged<P> {
  const table: Record<string, unknown> = {}
  for (const part of parts) {
    for (const [type, build] of Object.entries(part)) {
      if (type in table) throw new Error(`two spec blocks build the ${type} command`)
      table[type] = build
    }
  }
  return table as Merged<P>
}

/**
 * Builds the CALL for a command from a version's table. A type the table lacks (only possible for a
 * payload that bypassed the types) answers NotSupported, naming the version.
 */
export function buildCall<Call>(
  table: CallBuilders<Call>,
  command: WireCommand,
  version: string,
): Call | CommandOutcome {
  return (
    build(table, command.type, command) ??
    outcome.notSupported(`${command.type} is not available in OCPP ${version}`)
  )
}

/** Indexing the table by the command's own type keeps the builder's parameter tied to the command. */
function build<Call, T extends WireCommand['type']>(
  table: CallBuilders<Call>,
  type: T,
  command: CommandOf<T>,
): Call | CommandOutcome | undefined {
  return table[type]?.(command)
}

/** Retry settings of an upload or download (diagnostics, logs, firmware), when given: the same in both versions. */
export const retries = (c: { retries?: number; retryIntervalS?: number }) => ({
  ...(c.retries === undefined ? {} : { retries: c.retries }),
  ...(c.retryIntervalS === undefined ? {} : { retryInterval: c.retryIntervalS }),
})
