import { count, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../client'
import { chargers } from '../schema'

/** Search counts stop here: beyond it a list says "1,000+" rather than scanning every match. */
export const SEARCH_COUNT_CAP = 1000

/** The trigram index answers searches of at least this many characters; shorter ones scan. */
export const TRIGRAM_MIN = 3

/** A LIKE pattern finding `text` anywhere, with `%`, `_` and `\` taken literally (`ESCAPE '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** An FTS5 query for `text` as one phrase: with the trigram tokenizer, a substring of a column. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

/** Chargers whose id or label contains `text` (ASCII case-insensitive), by scanning. */
export function likeIdOrLabel(text: string): SQL {
  const p = likePattern(text)
  return sql`(${chargers.id} like ${p} escape '\\' or ${chargers.label} like ${p} escape '\\')`
}

/** How a search narrows the chargers table. */
export interface SearchMatch {
  /** The condition on `chargers`. */
  where: SQL
  /** Exactly how many chargers match, when at most {@link SEARCH_COUNT_CAP}; else undefined. */
  count: number | undefined
}

/**
 * Finds the chargers whose id or label contains `text`, in one bounded step: the rowids of at most
 * {@link SEARCH_COUNT_CAP} + 1 matches, from the trigram index (3+ characters) or one scan (shorter).
 * A few matches become a rowid set that paging and counting reuse. Many matches are dense in id order,
 * so a scan in id order fills a page after a few rows; their count is then capped.
 *
 * @example
 * const { where, count } = await matchSearch(db, '0123') // count: 100, where: rowid in (...)
 */
export async function matchSearch(db: Db, text: string): Promise<SearchMatch> {
  const limit = SEARCH_COUNT_CAP + 1
  const source =
    [...text].length < TRIGRAM_MIN
      ? sql`select rowid from ${chargers} where ${likeIdOrLabel(text)} limit ${limit}`
      : sql`select rowid from chargers_search where chargers_search match ${ftsPhrase(text)} limit ${limit}`
  const rowids = (await db.all<{ rowid: number }>(source)).map((r) => r.rowid)
  if (rowids.length > SEARCH_COUNT_CAP) return { where: likeIdOrLabel(text), count: undefined }
  return {
    where: sql`${chargers}.rowid in (select value from json_each(${JSON.stringify(rowids)}))`,
    count: rowids.length,
  }
}

/** The number of chargers matching `where`, counting no further than {@link SEARCH_COUNT_CAP} + 1. */
export async function cappedCount(
  db: Db,
  where: SQL | undefined,
): Promise<{ total: number; capped: boolean }> {
  const limited = db
    .select({ one: sql`1` })
    .from(chargers)
    .where(where)
    .limit(SEARCH_COUNT_CAP + 1)
    .as('limited')
  const [row] = await db.select({ n: count() }).from(limited)
  const n = row?.n ?? 0
  return { total: Math.min(n, SEARCH_COUNT_CAP), capped: n > SEARCH_COUNT_CAP }
}
