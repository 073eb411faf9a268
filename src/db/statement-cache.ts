import Database from 'libsql'

/** Statements kept per connection; the hot path uses a few dozen distinct SQL texts. */
const CAPACITY = 512

/** What the cache needs of a libsql statement: the calls `@libsql/client` makes on every execution. */
export interface Prepared {
  raw(on?: boolean): Prepared
  safeIntegers(on?: boolean): Prepared
  columns(): unknown[]
}

/** A connection's `prepare`, called with the connection as `this`. */
export type Prepare = (this: object, sql: string) => Prepared

type Exec = (this: object, sql: string) => unknown

/** A statement that may change the schema, after leading comments: its text starts with one of these. */
const SCHEMA_CHANGE = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:create|alter|drop|attach|detach)\b/i
/** A script (`exec`) that may change the schema somewhere in it. */
const SCHEMA_CHANGE_ANYWHERE = /\b(?:create|alter|drop|attach|detach)\b/i

/**
 * Bumped by every statement that may change a schema. A prepared statement reads its columns from the
 * schema it was prepared against (SQLite re-prepares it only when it next steps), so after `ALTER TABLE`
 * a cached `SELECT *` would name the old columns: each connection drops its cache when this moves.
 */
let schemaGeneration = 0

/** libsql's own methods, kept while the cache is installed. */
let original: { prepare: Prepare; exec: Exec } | undefined

/**
 * `prepare` with a bounded cache per connection keyed by SQL text: the same statement object for the
 * same SQL, least recently used dropped first, and every cache dropped after a statement that may
 * change the schema (which is prepared, never cached). Statements are reusable (each run binds and
 * resets), so results are the same as with a new statement each time; src/db/statement-cache.test.ts
 * checks that through `@libsql/client`.
 */
export function cachingPrepare(prepare: Prepare, capacity = CAPACITY): Prepare {
  const caches = new WeakMap<object, { generation: number; statements: Map<string, Prepared> }>()
  return function cachedPrepare(this: object, sql: string): Prepared {
    if (SCHEMA_CHANGE.test(sql)) {
      schemaGeneration++
      return prepare.call(this, sql)
    }
    let cache = caches.get(this)
    if (!cache || cache.generation !== schemaGeneration) {
      cache = { generation: schemaGeneration, statements: new Map() }
      caches.set(this, cache)
    }
    const { statements } = cache
    const hit = statements.get(sql)
    if (hit) {
      statements.delete(sql)
      statements.set(sql, hit)
      return hit
    }
    const stmt = settled(prepare.call(this, sql))
    statements.set(sql, stmt)
    if (statements.size > capacity) statements.delete(statements.keys().next().value as string)
    return stmt
  }
}

/**
 * Makes every libsql connection in this process reuse its prepared statements. `@libsql/client`
 * prepares each statement anew on every execution, which cost as much as running it. This replaces
 * `prepare` on libsql's `Database.prototype` (and wraps `exec`, so a script that changes the schema
 * drops the caches too); a libsql without them makes this throw instead of silently caching nothing.
 * src/db/statement-cache.test.ts fails if `@libsql/client` stops going through the replaced method.
 */
export function cachePreparedStatements(): void {
  if (original) return
  const proto = Database.prototype as unknown as { prepare?: unknown; exec?: unknown }
  const { prepare, exec } = proto
  if (typeof prepare !== 'function' || typeof exec !== 'function') {
    throw new Error(
      'libsql Database.prototype has no prepare or exec: the statement cache cannot be installed',
    )
  }
  original = { prepare: prepare as Prepare, exec: exec as Exec }
  const uncachedExec = exec as Exec
  proto.prepare = cachingPrepare(prepare as Prepare)
  proto.exec = function execScript(this: object, sql: string) {
    if (SCHEMA_CHANGE_ANYWHERE.test(sql)) schemaGeneration++
    return uncachedExec.call(this, sql)
  }
}

/**
 * Runs `run` with libsql's own `prepare`, a new statement per execution, and puts the cache back
 * afterwards: for comparing results or costs with and without it. Nothing else may use the database
 * meanwhile.
 */
export async function withoutStatementCache<T>(run: () => Promise<T>): Promise<T> {
  if (!original) return run()
  const proto = Database.prototype as unknown as { prepare: Prepare }
  const cached = proto.prepare
  proto.prepare = original.prepare
  try {
    return await run()
  } finally {
    proto.prepare = cached
    schemaGeneration++ // the schema may have changed unseen meanwhile
  }
}

/**
 * A cached statement that remembers what the client asks of it on every run: its columns (fixed until
 * the schema changes, which drops the cache), its raw and integer modes, and whether it returns rows at
 * all (`raw()` throws for a statement that does not, which would otherwise build an exception per write).
 */
function settled(stmt: Prepared): Prepared {
  let columns: unknown[] | undefined
  let raw: boolean | undefined
  let safe: boolean | undefined
  let notReader: unknown
  const wrapper: Prepared = Object.create(stmt, {
    columns: { value: () => (columns ??= stmt.columns()) },
    raw: {
      value: (on = true) => {
        if (on && notReader) throw notReader
        if (on === raw) return wrapper
        try {
          stmt.raw(on)
        } catch (err) {
          if (on) notReader = err
          throw err
        }
        raw = on
        return wrapper
      },
    },
    safeIntegers: {
      value: (on = true) => {
        if (on !== safe) stmt.safeIntegers(on)
        safe = on
        return wrapper
      },
    },
  })
  return wrapper
}
