import type { Deps } from '@src/deps'
import type { ChargerListItem, ChargersProps } from '@views/admin/charger-list'

/** Rows per page of the chargers list. */
export const PAGE = 50

/** Chargers with their connectors, for the list page and its live rows. */
export async function loadChargerItems(deps: Deps, ids: string[]): Promise<ChargerListItem[]> {
  const { chargers } = deps.repos
  const [rows, connectors] = await Promise.all([chargers.findMany(ids), chargers.connectorsOfMany(ids)])
  return rows.map((charger) => ({
    charger,
    connectors: connectors.filter((c) => c.chargerId === charger.id),
  }))
}

/** One page of the chargers list. */
export async function loadChargerList(
  deps: Deps,
  operator: string,
  search: string,
  offset: number,
): Promise<ChargersProps> {
  const { chargers } = deps.repos
  const [page, counts] = await Promise.all([
    chargers.list({ search: search || undefined, limit: PAGE, offset }),
    chargers.counts(),
  ])
  const connectors = await chargers.connectorsOfMany(page.rows.map((c) => c.id))
  const items = page.rows.map((charger) => ({
    charger,
    connectors: connectors.filter((c) => c.chargerId === charger.id),
  }))
  return {
    operator,
    items,
    total: page.total,
    online: counts.online,
    search,
    limit: PAGE,
    offset,
    now: deps.clock.now(),
  }
}
