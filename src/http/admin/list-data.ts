import type { ChargerListPage, ChargerRow } from '@src/db/repos/chargers'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
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

/**
 * All chargers and the online ones within the scope. A caller who sees every charger shares one count
 * at most {@link COUNTS_MAX_AGE_MS} old, one query at a time; a tenant's are counted on its index.
 */
export function chargerCounts(deps: Deps, scope: Scope): Promise<ChargerCounts> {
  const { chargers } = deps.scoped
  if (!chargers.seesAll(scope)) return chargers.counts(scope)
  let get = countsOf.get(deps)
  if (!get) {
    get = freshWithin(
      () => chargers.counts(scope),
      COUNTS_MAX_AGE_MS,
      () => deps.clock.now(),
    )
    countsOf.set(deps, get)
  }
  return get()
}

/** Chargers within the scope with their connectors, for the list page and its live rows. */
export async function loadChargerItems(deps: Deps, scope: Scope, ids: string[]): Promise<ChargerListItem[]> {
  return withConnectors(deps, await deps.scoped.chargers.findMany(scope, ids))
}

async function withConnectors(deps: Deps, rows: Seen<ChargerRow>[]): Promise<ChargerListItem[]> {
  const connectors = await deps.scoped.chargers.connectorsOfMany(rows)
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
async function pageOrFirst(
  deps: Deps,
  scope: Scope,
  r: ChargerListRequest,
): Promise<ChargerListPage & { rows: Seen<ChargerRow>[] }> {
  const { chargers } = deps.scoped
  const page = await chargers.list(scope, { ...r, limit: PAGE })
  if (page.rows.length > 0 || !page.hasPrevious) return page
  return chargers.list(scope, { search: r.search, limit: PAGE })
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

/** One page of the chargers list within the scope, paged by id so that chargers added meanwhile shift nothing. */
export async function loadChargerList(
  deps: Deps,
  scope: Scope,
  operator: string,
  r: ChargerListRequest,
): Promise<ChargersProps> {
  const [page, counts] = await Promise.all([pageOrFirst(deps, scope, r), chargerCounts(deps, scope)])
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
