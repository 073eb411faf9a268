import type { ChargerListPage, ChargerRow } from '@src/db/repos/chargers'
import type { Deps } from '@src/deps'
import { freshWithin } from '@src/lib/fresh-within'
import type { ChargerCounts, ChargerListItem, ChargersProps } from '@views/admin/charger-list'
import { chargerSummary, connectorView } from './view-models'

/** Rows per page of the chargers list. */
export const PAGE = 50

/**
 * How old the summary counts may be. Nodes of a cluster all write `online`, so the database stays
 * the source of truth; reading it at most once a second per node keeps busy lists and live streams
 * from counting again for every request.
 */
export const COUNTS_MAX_AGE_MS = 1000

const countsOf = new WeakMap<Deps, () => Promise<ChargerCounts>>()

/** All chargers and the online ones, at most {@link COUNTS_MAX_AGE_MS} old, one query at a time. */
export function chargerCounts(deps: Deps): Promise<ChargerCounts> {
  let get = countsOf.get(deps)
  if (!get) {
    get = freshWithin(
      () => deps.repos.chargers.counts(),
      COUNTS_MAX_AGE_MS,
      () => deps.clock.now(),
    )
    countsOf.set(deps, get)
  }
  return get()
}

/** Chargers with their connectors, for the list page and its live rows. */
export async function loadChargerItems(deps: Deps, ids: string[]): Promise<ChargerListItem[]> {
  return withConnectors(deps, await deps.repos.chargers.findMany(ids))
}

async function withConnectors(deps: Deps, rows: ChargerRow[]): Promise<ChargerListItem[]> {
  const connectors = await deps.repos.chargers.connectorsOfMany(rows.map((c) => c.id))
  const byCharger = Map.groupBy(connectors, (c) => c.chargerId)
  return rows.map((charger) => ({
    charger: chargerSummary(charger),
    connectors: (byCharger.get(charger.id) ?? []).map(connectorView),
  }))
}

/** Which page of the chargers list to show: a search, and a position or a neighbour's key. */
export interface ChargerListRequest {
  search: string
  /** Rows to skip; with `after`/`before`, only where the page sits (for "51–100 of …"). */
  offset: number
  after?: string
  before?: string
}

/**
 * The requested page, or the first one when nothing is left there (a URL edited by hand, or the
 * last chargers of a page removed since its link was made): an empty page after 120 chargers helps no one.
 */
async function pageOrFirst(deps: Deps, r: ChargerListRequest): Promise<ChargerListPage> {
  const { chargers } = deps.repos
  const page = await chargers.list({ ...r, limit: PAGE })
  if (page.rows.length > 0 || !page.hasPrevious) return page
  return chargers.list({ search: r.search, limit: PAGE })
}

/**
 * Where a page sits, for "51–100 of …": the offset its link carried, kept within the matches (a
 * URL may say anything). The last page of an exact total is known to end at the total.
 */
function positionOf(page: ChargerListPage, offset: number): number {
  if (!page.hasPrevious) return 0
  if (page.capped) return offset
  const last = page.total - page.rows.length
  return page.hasNext ? Math.max(0, Math.min(offset, last)) : last
}

/** One page of the chargers list, paged by id so that chargers added meanwhile shift nothing. */
export async function loadChargerList(
  deps: Deps,
  operator: string,
  r: ChargerListRequest,
): Promise<ChargersProps> {
  const [page, counts] = await Promise.all([pageOrFirst(deps, r), chargerCounts(deps)])
  return {
    operator,
    items: await withConnectors(deps, page.rows),
    counts,
    page: {
      from: positionOf(page, r.offset),
      total: page.total,
      capped: page.capped,
      hasPrevious: page.hasPrevious,
      hasNext: page.hasNext,
      firstId: page.rows[0]?.id,
      lastId: page.rows.at(-1)?.id,
    },
    search: r.search,
    limit: PAGE,
    now: deps.clock.now(),
  }
}
