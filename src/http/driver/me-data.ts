import type { TokenRow } from '@src/db/repos/tokens'
import type { Deps } from '@src/deps'
import { transactionEnergyWh } from '@src/domain/charger/energy'
import { dec } from '@src/domain/tariffs/decimal'
import type { DriverIdentity, DriverSession } from '@src/services/driver-accounts'
import type { CardView, HistoryRow, HouseholdView, RunningView } from '@views/driver/me-pages'
import type { Messages } from '@views/driver/messages'
import type { PriceView } from '@views/driver/price'
import { formatDateTime, formatKwh } from '@views/format'
import { driverTokenOf, loadDriverLive, moneyText } from './driver-data'
import { priceIn } from './price-view'

/** How many places the "now" tab shows prices for (the latest the driver charged at). */
const PRICE_PLACES = 3

/** A card as the driver pages show it: no owner ids, no organization. */
export const cardView = (t: TokenRow): CardView => ({ uid: t.uid, label: t.label, status: t.status })

/** Where a session was: the charger's label (or id) and connector. */
async function whereOf(deps: Deps, chargerId: string, evseId: number, m: Messages): Promise<string> {
  const charger = await deps.repos.chargers.find(chargerId)
  return m.history.place(charger?.label ?? chargerId, evseId)
}

/** The "now" tab: each running session's live part, and the prices at the places charged at last. */
export async function nowData(
  deps: Deps,
  me: DriverIdentity,
  m: Messages,
): Promise<{ running: RunningView[]; prices: { where: string; price: PriceView }[] }> {
  const { driverAccounts, driverPrices } = deps.services
  const [sessions, cards] = await Promise.all([driverAccounts.sessions(me), driverAccounts.tokens(me)])
  const running = await Promise.all(
    sessions
      .filter((s) => s.tx.endedAt === null)
      .map(async (s) => {
        const token = await driverTokenOf(deps, s.tx)
        const live = await loadDriverLive(deps, s.tx, token, m)
        return {
          live: { ...live, stream: { transactionId: s.tx.id, at: live.now } },
          href: `/drive/s/${token}`,
        }
      }),
  )
  const places = [...new Map(sessions.map((s) => [`${s.tx.chargerId}\u0000${s.tx.evseId}`, s.tx])).values()]
  const card = cards.find((c) => c.status === 'Accepted')
  const prices = await Promise.all(
    places.slice(0, PRICE_PLACES).map(async (tx) => ({
      where: await whereOf(deps, tx.chargerId, tx.evseId, m),
      price: priceIn(await driverPrices.at(tx.chargerId, tx.evseId, card?.uid), m.lang),
    })),
  )
  return { running, prices }
}

/** A session's cost in the history: the CDR's total, the running cost so far, or why there is none. */
function costText(s: DriverSession, m: Messages): string {
  if (s.cdr)
    return s.cdr.currency
      ? `${dec(s.cdr.totalInclVat ?? s.cdr.totalExclVat).toFixed(2)} ${s.cdr.currency}`
      : m.live.noTariff
  if (s.tx.endedAt !== null) return m.history.noCdr
  const now = s.running ? moneyText(s.running.priced.billed, s.running.priced.currency) : m.live.noTariff
  return `${now} (${m.history.running})`
}

/** The history tab's rows. */
export async function historyRows(deps: Deps, me: DriverIdentity, m: Messages): Promise<HistoryRow[]> {
  const sessions = await deps.services.driverAccounts.sessions(me)
  return Promise.all(
    sessions.map(async (s) => ({
      started: formatDateTime(s.tx.startedAt),
      where: await whereOf(deps, s.tx.chargerId, s.tx.evseId, m),
      energy: formatKwh(transactionEnergyWh(s.tx)),
      cost: costText(s, m),
    })),
  )
}

/** The household tab's households. */
export async function householdViews(deps: Deps, me: DriverIdentity, m: Messages): Promise<HouseholdView[]> {
  const households = await deps.services.driverAccounts.households(me)
  return households.map((h) => ({
    title: m.household.apartment(h.household.apartment, h.household.parkingSpace),
    members: h.members.map((d) => d.name),
    cards: h.tokens.map(cardView),
  }))
}
