import type { TransactionRow } from '@src/db/repos/transactions'
import type { Deps } from '@src/deps'
import { transactionEnergyWh } from '@src/domain/charger/energy'
import { randomId } from '@src/lib/ids'
import { latestReadings } from '@src/services/live-sessions'
import type { Messages } from '@views/driver/messages'
import type { DriverLiveProps, DriverSessionView } from '@views/driver/session'

/** The transaction as its driver sees it: none of the row's secrets (its page token among them). */
function sessionView(tx: TransactionRow): DriverSessionView {
  return {
    chargerId: tx.chargerId,
    evseId: tx.evseId,
    startedAt: tx.startedAt,
    endedAt: tx.endedAt,
    departureAt: tx.departureAt,
    departureSource: tx.departureSource,
    energyNeedWh: tx.energyNeedWh,
  }
}

/** Everything the live part of the driver page shows about a transaction. */
export async function loadDriverLive(
  deps: Deps,
  tx: TransactionRow,
  token: string,
  m: Messages,
): Promise<DriverLiveProps> {
  const [charger, readings, siteId, cost] = await Promise.all([
    deps.repos.chargers.find(tx.chargerId),
    latestReadings(deps.repos.transactions, tx),
    deps.repos.sites.siteOf(tx.chargerId, tx.evseId),
    deps.services.sessionCosts.costOf(tx),
  ])
  const status = siteId ? deps.services.siteStatus.latest(siteId) : undefined
  return {
    now: deps.clock.now(),
    token,
    tx: sessionView(tx),
    chargerLabel: charger?.label ?? null,
    energyWh: transactionEnergyWh(tx),
    ...readings,
    session: status?.sessions.find((s) => s.transactionId === tx.id),
    cost: cost ? moneyText(cost.priced.billed, cost.priced.currency) : null,
    m,
  }
}

/** A billed amount as a driver reads it: incl. VAT when the tariff has VAT, with its currency. */
export function moneyText(
  billed: { exclVat: { toFixed(n: number): string }; inclVat: { toFixed(n: number): string } | null },
  currency: string,
): string {
  return `${(billed.inclVat ?? billed.exclVat).toFixed(2)} ${currency}`
}

/**
 * The transaction's driver-page token, created on the first visit. If two first visits race, both
 * answer with the token that ended up stored.
 */
export async function driverTokenOf(deps: Deps, tx: TransactionRow): Promise<string> {
  if (tx.driverToken) return tx.driverToken
  await deps.writer.write([deps.repos.transactions.setDriverToken(tx.id, randomId())])
  return (await deps.repos.transactions.find(tx.id))!.driverToken!
}
