import type { Seen } from '@src/db/repos/seen'
import type { TransactionRow } from '@src/db/repos/transactions'
import type { Deps } from '@src/deps'
import type { Scope } from '@src/domain/tenancy/scope'
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

/** A measurand of a seen transaction as chart points in k-units (kW, kWh), relative to `base`. */
export async function seriesPoints(
  deps: Deps,
  tx: Seen<TransactionRow>,
  measurand: string,
  base = 0,
): Promise<Point[]> {
  const rows = await deps.scoped.transactions.series(tx, measurand)
  const out: Point[] = []
  for (const r of rows) {
    const k = scale[r.unit ?? (measurand.startsWith('Energy') ? 'Wh' : 'W')]
    if (r.value !== null && k !== undefined) out.push({ x: r.at, y: r.value * k - base })
  }
  return out
}

/** What the live part of a charger page shows; undefined for an unknown charger or one outside the scope. */
export async function loadChargerLive(
  deps: Deps,
  scope: Scope,
  id: string,
): Promise<ChargerLiveProps | undefined> {
  const { chargers, transactions } = deps.scoped
  const charger = await chargers.find(scope, id)
  if (!charger) return undefined
  const [connectors, open] = await Promise.all([
    chargers.connectorsOf(charger),
    transactions.list(scope, { chargerId: id, open: true, limit: 20, offset: 0 }),
  ])
  const first = open.rows[0] ? await transactions.find(scope, open.rows[0].id) : undefined
  const power = first
    ? { transactionId: first.id, points: await seriesPoints(deps, first, 'Power.Active.Import') }
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
  scope: Scope,
  id: string,
  operator: string,
): Promise<ChargerPageProps | undefined> {
  const { chargers, transactions } = deps.scoped
  const [live, charger] = await Promise.all([loadChargerLive(deps, scope, id), chargers.find(scope, id)])
  if (!live || !charger) return undefined
  const [recent, meterValues, events, variables, needs, reservations] = await Promise.all([
    transactions.list(scope, { chargerId: id, limit: 20, offset: 0 }),
    transactions.recentMeterValuesOf(scope, charger, 30),
    chargers.recentEvents(charger, 20),
    chargers.variables(charger, '', 200),
    chargers.needsOf(charger),
    chargers.reservationsOf(charger),
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
