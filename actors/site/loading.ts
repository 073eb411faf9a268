import { connectorKey } from '@src/domain/site/model'
import type { SiteConfig } from '@src/domain/site/site-config'
import type { SiteDeps } from './deps'
import { planningFacts, type SiteSession, sessionFromRow } from './sessions'

/**
 * The sessions running on a site's connectors, with what is known of each driver's plans. Three
 * queries whatever the site's size (open transactions, charging needs, the drivers' past sessions), so
 * a thousand sites reloading cost a few thousand queries, not tens of thousands.
 */
export async function loadSessions(deps: SiteDeps, config: SiteConfig): Promise<Map<string, SiteSession>> {
  const members = new Set(config.connectors.map((k) => connectorKey(k.chargerId, k.evseId)))
  const chargerIds = [...new Set(config.connectors.map((k) => k.chargerId))]
  const [open, needs] = await Promise.all([
    deps.sites.openTransactionsOn(chargerIds),
    deps.sites.chargingNeedsOn(chargerIds),
  ])
  const running = open.filter((tx) => members.has(connectorKey(tx.chargerId, tx.evseId)))
  const tags = [...new Set(running.flatMap((tx) => (tx.idTag ? [tx.idTag] : [])))]
  const past = await deps.sites.pastSessionsOf(tags)
  const needsAt = new Map(needs.map((n) => [connectorKey(n.chargerId, n.evseId), n]))
  const out = new Map<string, SiteSession>()
  for (const tx of running) {
    const key = connectorKey(tx.chargerId, tx.evseId)
    const history = (tx.idTag && past.get(tx.idTag)) || []
    out.set(key, sessionFromRow(key, tx, planningFacts(tx, needsAt.get(key), history)))
  }
  return out
}

/** Loads one session (a transaction that just started on a site connector). */
export async function loadSession(
  deps: SiteDeps,
  key: string,
  transactionId: number,
): Promise<SiteSession | undefined> {
  const tx = await deps.transactions.find(transactionId)
  if (!tx || tx.endedAt !== null) return undefined
  const [needs, history] = await Promise.all([
    deps.device.needsOf(tx.chargerId),
    tx.idTag ? deps.transactions.history(tx.idTag) : [],
  ])
  return sessionFromRow(
    key,
    tx,
    planningFacts(
      tx,
      needs.find((n) => n.evseId === tx.evseId),
      history,
    ),
  )
}
