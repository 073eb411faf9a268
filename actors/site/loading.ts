import type { SiteConfig } from '@src/db/repos/sites'
import { connectorKey } from '@src/domain/site/model'
import type { SiteDeps } from './deps'
import { planningFacts, type SiteSession, sessionFromRow } from './sessions'

/** The sessions running on a site's connectors, with what is known of each driver's plans. */
export async function loadSessions(deps: SiteDeps, config: SiteConfig): Promise<Map<string, SiteSession>> {
  const out = new Map<string, SiteSession>()
  const members = new Set(config.connectors.map((k) => connectorKey(k.chargerId, k.evseId)))
  const chargerIds = [...new Set(config.connectors.map((k) => k.chargerId))]
  for (const chargerId of chargerIds) {
    const [open, needs] = await Promise.all([
      deps.transactions.openOf(chargerId),
      deps.device.needsOf(chargerId),
    ])
    for (const tx of open) {
      const key = connectorKey(tx.chargerId, tx.evseId)
      if (!members.has(key)) continue
      const history = tx.idTag ? await deps.transactions.history(tx.idTag) : []
      out.set(
        key,
        sessionFromRow(
          key,
          tx,
          planningFacts(
            tx,
            needs.find((n) => n.evseId === tx.evseId),
            history,
          ),
        ),
      )
    }
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
