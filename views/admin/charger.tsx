import { type Point, TimeChart } from '../chart'
import { EV_COLOR } from '../chart-colors'
import { Badge, Field, Notice, Online } from '../components'
import { formatAgo, formatDateTime } from '../format'
import { Layout } from '../layout'
import type {
  ChargerSettingsView,
  ChargerView,
  ChargingNeedView,
  ConnectorView,
  DeviceVariableView,
  ReservationView,
} from './charger-models'
import {
  ConnectorsTable,
  type EventItem,
  EventsTable,
  MeterValuesTable,
  NeedsTable,
  ReservationsTable,
  TransactionsTable,
  VariablesTable,
} from './charger-tables'
import { CommandsPanel } from './commands'
import type { MeterValueView, TransactionView } from './transaction-models'

export type { EventItem } from './charger-tables'

export interface ChargerPageProps {
  operator: string
  now: number
  charger: ChargerView
  live: ChargerLiveProps
  recent: TransactionView[]
  meterValues: MeterValueView[]
  events: EventItem[]
  variables: DeviceVariableView[]
  needs: ChargingNeedView[]
  reservations: ReservationView[]
  settings?: { errors: Record<string, string>; notice?: string }
}

/** The part of the page the live stream refreshes. */
export interface ChargerLiveProps {
  now: number
  charger: ChargerView
  connectors: ConnectorView[]
  active: TransactionView[]
  /** The power of the newest running transaction; null when none runs. */
  power: TransactionPower | null
}

/** A running transaction's power readings, in kW. */
export interface TransactionPower {
  transactionId: number
  points: Point[]
}

/** The charger page: identity, live connectors and transactions, history, settings and commands. */
export function ChargerPage(props: ChargerPageProps) {
  const c = props.charger
  const id = encodeURIComponent(c.id)
  return (
    <Layout title={c.id} operator={props.operator} active="chargers">
      <p class="crumbs">
        <a href="/admin/chargers">Chargers</a> / <a href={`/admin/chargers/${id}/qr`}>driver QR codes</a>
      </p>
      <div hx-ext="sse" sse-connect={`/admin/live/chargers/${id}`}>
        <div id="charger-live" sse-swap="live">
          <ChargerLive {...props.live} />
        </div>
      </div>
      <div class="grid two">
        <CommandsPanel
          chargerId={c.id}
          protocol={c.protocol}
          connectors={props.live.connectors}
          active={props.live.active}
          reservations={props.reservations}
        />
        <SettingsForm charger={c} {...(props.settings ?? { errors: {} })} />
      </div>
      <section class="card">
        <h2>Recent transactions</h2>
        <TransactionsTable rows={props.recent} now={props.now} />
      </section>
      {/* caps: refused cards and starts, beside the sessions */}
      <div id="refusals" hx-get={`/admin/chargers/${id}/refusals`} hx-trigger="load" hx-swap="outerHTML" />
      <section class="card">
        <h2>Latest meter values</h2>
        <MeterValuesTable rows={props.meterValues} />
      </section>
      <section class="card">
        <h2>Event log</h2>
        <EventsTable events={props.events} />
      </section>
      <div class="grid two">
        <section class="card">
          <h2>EV charging needs</h2>
          <NeedsTable rows={props.needs} />
        </section>
        <section class="card">
          <h2>Reservations</h2>
          <ReservationsTable rows={props.reservations} />
        </section>
      </div>
      <div
        id="local-list"
        hx-get={`/admin/chargers/${id}/local-list`}
        hx-trigger="load"
        hx-swap="outerHTML"
      />
      <section class="card" id="device-model">
        <h2>Device model and configuration</h2>
        <input
          type="search"
          name="q"
          placeholder="Filter components and variables…"
          hx-get={`/admin/chargers/${id}/variables`}
          hx-trigger="input changed delay:300ms"
          hx-target="#variables"
        />
        <div id="variables">
          <VariablesTable rows={props.variables} />
        </div>
      </section>
    </Layout>
  )
}

/** Header, connectors, running transactions and the power chart. */
export function ChargerLive(props: ChargerLiveProps) {
  const c = props.charger
  return (
    <>
      <div class="page-head">
        <h1 safe>{c.label ? `${c.label} (${c.id})` : c.id}</h1>
        <Online online={c.online} />
        <Badge text={c.registration} tone={c.registration === 'Accepted' ? 'ok' : 'warn'} />
      </div>
      <dl class="facts">
        <dt>Model</dt>
        <dd safe>{[c.vendor, c.model].filter(Boolean).join(' ') || '—'}</dd>
        <dt>Firmware</dt>
        <dd safe>{c.firmwareVersion ?? '—'}</dd>
        <dt>Serial</dt>
        <dd safe>{c.serialNumber ?? '—'}</dd>
        <dt>Protocol</dt>
        <dd safe>{c.protocol ?? '—'}</dd>
        <dt>Last boot</dt>
        <dd safe>{formatDateTime(c.lastBootAt)}</dd>
        <dt>Last seen</dt>
        <dd safe>{formatAgo(c.lastSeenAt, props.now)}</dd>
        <dt>Password</dt>
        <dd>{c.hasPassword ? 'set (HTTP Basic required)' : 'none (no authentication)'}</dd>
      </dl>
      <div class="grid two">
        <section class="card">
          <h2>Connectors</h2>
          <ConnectorsTable rows={props.connectors} now={props.now} />
        </section>
        <section class="card">
          <h2>Charging now</h2>
          {props.active.length ? (
            <TransactionsTable rows={props.active} now={props.now} />
          ) : (
            <p class="muted">No transaction running.</p>
          )}
          <PowerChart power={props.power} />
        </section>
      </div>
    </>
  )
}

/** The power of the running transaction over time, or why there is none to draw. */
function PowerChart({ power }: { power: TransactionPower | null }) {
  if (!power) return ''
  return (
    <TimeChart
      series={[{ label: 'power', color: EV_COLOR, points: power.points }]}
      quantity="Power"
      unit="kW"
      label={`Power of transaction ${power.transactionId}, kW`}
      empty={`Transaction ${power.transactionId} has no power reading (Power.Active.Import) yet.`}
    />
  )
}

/** Label, registration and password. */
export function SettingsForm(props: {
  charger: ChargerSettingsView
  errors: Record<string, string>
  notice?: string
}) {
  const c = props.charger
  const action = `/admin/chargers/${encodeURIComponent(c.id)}/settings`
  return (
    <section class="card" id="charger-settings">
      <h2>Settings</h2>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <form method="post" action={action} hx-post={action} hx-target="#charger-settings" hx-swap="outerHTML">
        <Field label="Label" name="label" error={props.errors.label}>
          <input name="label" value={c.label ?? ''} maxlength="100" />
        </Field>
        <Field
          label="Registration"
          name="registration"
          error={props.errors.registration}
          hint="What the charger is told at boot"
        >
          <select name="registration">
            {['Accepted', 'Pending', 'Rejected'].map((r) => (
              <option value={r} selected={c.registration === r} safe>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="New password"
          name="password"
          error={props.errors.password}
          hint="16–40 characters; empty keeps the current one"
        >
          <input name="password" type="password" autocomplete="new-password" maxlength="40" />
        </Field>
        <label class="check">
          <input type="checkbox" name="clearPassword" value="1" /> Remove the password (no authentication)
        </label>
        <button type="submit" class="primary">
          Save
        </button>
      </form>
    </section>
  )
}
