import { and, asc, count, desc, eq, gt, lt, type SQL } from 'drizzle-orm'
import type { Db } from '../client'
import { chargers } from '../schema'
import { cappedCount, matchSearch, type SearchMatch } from './charger-search'

type ChargerRow = typeof chargers.$inferSelect

/** Filters and one page of the chargers list, which is always in id order. */
export interface ChargerListQuery {
  /** Part of an id or label, in any case (surrounding spaces ignored). */
  search?: string
  online?: boolean
  /** The caller's scope as a condition (`inScope`): only its organizations' chargers. */
  within?: SQL
  limit: number
  /** Rows to skip: a jump into the list. Ignored with `after` or `before`. */
  offset?: number
  /** Keyset paging: the page after this id. Stays cheap and stable however deep, unlike `offset`. */
  after?: string
  /** Keyset paging: the page before this id (the first page when fewer precede it). */
  before?: string
}

/** One page of chargers and how many match in all. */
export interface ChargerListPage {
  rows: ChargerRow[]
  /** Matching chargers: exact, except a search stops counting at `SEARCH_COUNT_CAP` (then `capped`). */
  total: number
  capped: boolean
  hasNext: boolean
  hasPrevious: boolean
}

type Page = Pick<ChargerListPage, 'rows' | 'hasNext' | 'hasPrevious'>

/** Lists chargers matching a search and the online filter, a page at a time. */
export async function listChargers(db: Db, q: ChargerListQuery): Promise<ChargerListPage> {
  const text = q.search?.trim() ?? ''
  const match = text ? await matchSearch(db, text) : undefined
  const where = and(
    q.within,
    match?.where,
    q.online === undefined ? undefined : eq(chargers.online, q.online),
  )
  const exact = q.online === undefined && q.within === undefined
  const [page, totals] = await Promise.all([pageOf(db, where, q), totalOf(db, where, match, exact)])
  return { ...page, ...totals }
}

async function totalOf(
  db: Db,
  where: SQL | undefined,
  match: SearchMatch | undefined,
  exact: boolean,
): Promise<{ total: number; capped: boolean }> {
  if (match?.count !== undefined && exact) return { total: match.count, capped: false }
  if (match) return cappedCount(db, where)
  const [row] = await db.select({ n: count() }).from(chargers).where(where)
  return { total: row?.n ?? 0, capped: false }
}

async function pageOf(db: Db, where: SQL | undefined, q: ChargerListQuery): Promise<Page> {
  if (q.before !== undefined) {
    const back = await db
      .select()
      .from(chargers)
      .where(and(where, lt(chargers.id, q.before)))
      .orderBy(desc(chargers.id))
      .limit(q.limit + 1)
    if (back.length > q.limit)
      return { rows: back.slice(0, q.limit).reverse(), hasNext: true, hasPrevious: true }
    return pageOf(db, where, { limit: q.limit })
  }
  const offset = q.after === undefined ? (q.offset ?? 0) : 0
  const rows = await db
    .select()
    .from(chargers)
    .where(and(where, q.after === undefined ? undefined : gt(chargers.id, q.after)))
    .orderBy(asc(chargers.id))
    .limit(q.limit + 1)
    .offset(offset)
  return {
    rows: rows.slice(0, q.limit),
    hasNext: rows.length > q.limit,
    hasPrevious: q.after !== undefined || offset > 0,
  }
}
