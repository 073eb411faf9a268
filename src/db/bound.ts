import type { InValue } from '@libsql/client'
import { is, Param, Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm'

/** A statement and its values, ready to run: SQL text built once, values bound per call. */
export interface BoundStatement {
  readonly sql: string
  readonly args: InValue[]
}

/** A query builder whose SQL can be rendered (drizzle inserts, updates, deletes and selects). */
interface Renderable extends SQLWrapper {
  toSQL(): { sql: string; params: unknown[] }
}

type Slot = (values: Record<string, unknown>) => unknown

/** How one rendered parameter gets its value: a named placeholder (through its column's encoder) or a constant. */
function slotOf(param: unknown): Slot {
  if (is(param, Placeholder)) return (values) => placeholderValue(values, param.name)
  if (is(param, Param) && is(param.value, Placeholder)) {
    const { encoder } = param
    const name = param.value.name
    return (values) => {
      const v = placeholderValue(values, name)
      return v === null ? null : encoder.mapToDriverValue(v)
    }
  }
  return () => param
}

function placeholderValue(values: Record<string, unknown>, name: string): unknown {
  const v = values[name]
  if (v === undefined) throw new Error(`no value for placeholder "${name}"`)
  return v
}

/**
 * Renders a query written with `sql.placeholder(name)` for its values once, and returns a binder that
 * fills in the values per call, through each column's own encoding (booleans, JSON). Drizzle spends
 * tens of microseconds building a query's SQL, as much as SQLite spends running it, so the per-message
 * writes of the OCPP hot path (meter samples, last-seen, transaction events) are compiled once.
 *
 * @example
 * const touch = compile<{ id: string; at: number }>(
 *   db.update(chargers).set({ lastSeenAt: sql.placeholder('at') }).where(eq(chargers.id, sql.placeholder('id'))),
 * )
 * writer.write([touch({ id: 'CP-1', at: Date.now() })])
 */
export function compile<V extends object>(query: Renderable): (values: V) => BoundStatement {
  const { sql: text, params } = query.toSQL()
  const slots = params.map(slotOf)
  return (values) => ({
    sql: text,
    args: slots.map((slot) => slot(values as Record<string, unknown>)) as InValue[],
  })
}

/** True for a bound statement (as opposed to a drizzle query builder). */
export function isBound(q: object): q is BoundStatement {
  return typeof (q as Partial<BoundStatement>).sql === 'string' && Array.isArray((q as BoundStatement).args)
}

/** `{ key: sql.placeholder(key) }` for each key: the values of a query to `compile`. */
export function placeholders<K extends string>(keys: readonly K[]): { [P in K]: Placeholder<P> } {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as { [P in K]: Placeholder<P> }
}

/** `{ key: placeholder }` for an update's `set` (which takes SQL rather than bare placeholders). */
export function assignments<K extends string>(keys: readonly K[]): { [P in K]: SQL } {
  return Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(k)}`])) as { [P in K]: SQL }
}
