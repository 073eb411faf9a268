import type { Deps } from '@src/deps'
import type { ChargerLiveProps, ChargerPageProps } from '@views/admin/charger'
import type { Point } from '@views/chart'
import {
  chargerView,
  connectorView,
  eventItem,
  meterValueView,
  needView,
  reservationView,
  transactionView,
  variableView,
} from './view-models'

const scale: Record<string, number> = { W: 0.001, kW: 1, Wh: 0.001, kWh: 1 }

/** A measurand of a transaction as chart points in k-units (kW, kWh), relative to `base`. */
export async function seriesPoints(deps: Deps, txId: number, measurand: string, base = 0): Promise<Point[]> {
  const rows = await deps.repos.transactions.series(txId, measurand)
  const out: Point[] = []
  for (const r of rows) {
    const k = scale[r.unit ?? (measurand.startsWith('Energy') ? 'Wh' : 'W')]
    if (r.value !== null && k !== undefined) out.push({ x: r.at, y: r.value * k - base })
  }
  return out
}

/** What the live part of a charger page shows; undefined for an unknown charger. */
export async function loadChargerLive(deps: Deps, id: string): Promise<ChargerLiveProps | undefined> {
  const { chargers, transactions } = deps.repos
  const charger = await chargers.find(id)
  if (!charger) return undefined
  const [connectors, open] = await Promise.all([
    chargers.connectorsOf(id),
    transactions.list({ chargerId: id, open: true, limit: 20, offset: 0 }),
  ])
  const first = open.rows[0]
  const power = first
    ? { transactionId: first.id, points: await seriesPoints(deps, first.id, 'Power.Active.Import') }
    : null
  return {
    now: deps.clock.now(),
    charger: chargerView(charger),
    connectors: connectors.map(connectorView),
    active: open.rows.map(transactionView),
    power,
  }
}

/** Everything the charger page shows. */
export async function loadChargerPage(
  deps: Deps,
  id: string,
  operator: string,
): Promise<ChargerPageProps | undefined> {
  const live = await loadChargerLive(deps, id)
  if (!live) return undefined
  const { chargers, transactions } = deps.repos
  const { device } = deps.repos
  const [recent, meterValues, events, variables, needs, reservations] = await Promise.all([
    transactions.list({ chargerId: id, limit: 20, offset: 0 }),
    transactions.recentMeterValuesOfCharger(id, 30),
    chargers.recentEvents(id, 20),
    device.variables(id, '', 200),
    device.needsOf(id),
    device.reservationsOf(id),
  ])
  return {
    operator,
    now: live.now,
    charger: live.charger,
    live,
    recent: recent.rows.map(transactionView),
    meterValues: meterValues.map(meterValueView),
    events: events.map(eventItem),
    variables: variables.map(variableView),
    needs: needs.map(needView),
    reservations: reservations.map(reservationView),
  }
}
