import { type Point, TimeChart } from '../chart'
import { EV_COLOR } from '../chart-colors'
import { formatDateTime, formatDuration, formatKwh } from '../format'
import { Layout } from '../layout'
import { MeterValuesTable, TransactionsTable } from './charger-tables'
import type { MeterValueView, TransactionDetailView, TransactionView } from './transaction-models'

/** A transaction with its meter values and energy curve. */
export function TransactionPage(props: {
  operator: string
  now: number
  tx: TransactionDetailView
  values: MeterValueView[]
  energy: Point[]
}) {
  const t = props.tx
  return (
    <Layout title={`Transaction ${t.id}`} operator={props.operator} active="transactions">
      <p class="crumbs">
        <a href="/admin/transactions">Transactions</a> /{' '}
        <a href={`/admin/chargers/${encodeURIComponent(t.chargerId)}`} safe>
          {t.chargerId}
        </a>
      </p>
      <h1 safe>{`Transaction ${t.id}`}</h1>
      <dl class="facts">
        <dt>Energy</dt>
        <dd safe>{formatKwh(t.energyWh)}</dd>
        <dt>Started</dt>
        <dd safe>{formatDateTime(t.startedAt)}</dd>
        <dt>Ended</dt>
        <dd safe>{t.endedAt === null ? 'running' : formatDateTime(t.endedAt)}</dd>
        <dt>Duration</dt>
        <dd safe>{formatDuration((t.endedAt ?? props.now) - t.startedAt)}</dd>
        <dt>Token</dt>
        <dd safe>{`${t.idTag ?? '—'} (${t.startStatus ?? '?'})`}</dd>
        <dt>Meter</dt>
        <dd safe>{`${t.meterStartWh ?? '…'} → ${t.meterEndWh ?? '…'} Wh`}</dd>
      </dl>
      <section class="card">
        <h2>Energy</h2>
        <TimeChart
          series={[{ label: 'energy', color: EV_COLOR, points: props.energy }]}
          quantity="Energy delivered"
          unit="kWh"
          label="Energy delivered, kWh"
          empty="The charger has sent no energy register reading (Energy.Active.Import.Register) for this transaction."
        />
      </section>
      <section class="card">
        <h2 safe>{`Meter values (${props.values.length})`}</h2>
        <MeterValuesTable rows={props.values} />
      </section>
    </Layout>
  )
}

/** The transactions list. */
export function TransactionsPage(props: {
  operator: string
  now: number
  rows: TransactionView[]
  total: number
  pager: JSX.Element
}) {
  return (
    <Layout title="Transactions" operator={props.operator} active="transactions">
      <h1>Transactions</h1>
      <section class="card">
        <TransactionsTable rows={props.rows} now={props.now} showCharger />
        {/* the rendered Pager component: markup whose text it escaped itself */}
        {props.pager as 'safe'}
      </section>
    </Layout>
  )
}
