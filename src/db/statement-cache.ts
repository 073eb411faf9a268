import Database from 'libsql'

/** Statements kept per connection; the hot path uses a few dozen distinct SQL texts. */
const CAPACITY = 512

interface Prepared {
  raw(on?: boolean): Prepared
  safeIntegers(on?: boolean): Prepared
  columns(): unknown[]
}
type Prepare = (this: object, sql: string) => Prepared

const caches = new WeakMap<object, Map<string, Prepared>>()
let installed = false

/**
 * Makes every libsql connection in this process reuse its prepared statements. `@libsql/client`
 * prepares each statement anew on every execution, which cost as much as running it; statements are
 * reusable (each run binds and resets), so a bounded per-connection cache keyed by SQL text removes
 * that cost without changing results. Least recently used statements are dropped first.
 */
export function cachePreparedStatements(): void {
  if (installed) return
  installed = true
  const proto = Database.prototype as unknown as { prepare: Prepare }
  const prepare = proto.prepare
  proto.prepare = function cachedPrepare(sql: string): Prepared {
    let cache = caches.get(this)
    if (!cache) {
      cache = new Map()
      caches.set(this, cache)
    }
    const hit = cache.get(sql)
    if (hit) {
      cache.delete(sql)
      cache.set(sql, hit)
      return hit
    }
    const stmt = settled(prepare.call(this, sql))
    cache.set(sql, stmt)
    if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string)
    return stmt
  }
}

/**
 * A cached statement that remembers what the client asks of it on every run: its columns (fixed once
 * prepared), its raw and integer modes, and whether it returns rows at all (`raw()` throws for a
 * statement that does not, which would otherwise build an exception per write).
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
