import { Badge, Field, Notice, Online } from '../components'
import { formatAgo } from '../format'
import { Layout } from '../layout'
import type { ChargerSummary, ConnectorView } from './charger-models'
import { type ChargerPageInfo, ChargersPager } from './charger-pager'

/** A charger with its connectors, for one row. */
export interface ChargerListItem {
  charger: ChargerSummary
  connectors: ConnectorView[]
}

/** Everything the chargers list shows. */
export interface ChargersProps {
  operator: string
  items: ChargerListItem[]
  /** All chargers and how many are online (the summary above the list, whatever the search). */
  counts: ChargerCounts
  page: ChargerPageInfo
  search: string
  limit: number
  now: number
  form?: { values: Record<string, string>; errors: Record<string, string>; notice?: string }
}

/** How many chargers there are and how many of them are online. */
export interface ChargerCounts {
  total: number
  online: number
}

/** The SSE event name that carries a fresh row for one charger. */
export const rowEvent = (id: string) => `charger:${encodeURIComponent(id)}`

/** One charger row; the live stream swaps it when the charger changes. */
export function ChargerRowView(props: { item: ChargerListItem; now: number }) {
  const { charger: c, connectors } = props.item
  const href = `/admin/chargers/${encodeURIComponent(c.id)}`
  return (
    <tr id={`row-${encodeURIComponent(c.id)}`} sse-swap={rowEvent(c.id)} hx-swap="outerHTML">
      <td>
        <a href={href} safe>
          {c.id}
        </a>
        {c.label ? (
          <div class="muted small" safe>
            {c.label}
          </div>
        ) : (
          ''
        )}
      </td>
      <td>
        <Online online={c.online} />
      </td>
      <td class="connectors">
        {connectors
          .filter((k) => k.evseId > 0)
          .map((k) => (
            <Badge
              text={k.status}
              title={`EVSE ${k.evseId}${k.errorCode && k.errorCode !== 'NoError' ? ` · ${k.errorCode}` : ''}`}
            />
          ))}
      </td>
      <td safe>{[c.vendor, c.model].filter(Boolean).join(' ') || '—'}</td>
      <td safe>{c.protocol ?? '—'}</td>
      <td class="muted" safe>
        {formatAgo(c.lastSeenAt, props.now)}
      </td>
    </tr>
  )
}

/** The table body and pager: what a search or page change swaps. */
export function ChargersTable(props: ChargersProps) {
  const ids = props.items.map((i) => i.charger.id).join(',')
  return (
    <div id="chargers-table" hx-ext="sse" sse-connect={`/admin/live/chargers?ids=${encodeURIComponent(ids)}`}>
      <p class="summary" sse-swap="summary">
        <Summary {...props.counts} />
      </p>
      <table>
        <thead>
          <tr>
            <th>Charger</th>
            <th>Connection</th>
            <th>Connectors</th>
            <th>Model</th>
            <th>Protocol</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {props.items.length ? (
            props.items.map((item) => <ChargerRowView item={item} now={props.now} />)
          ) : (
            <tr>
              <td colspan="6" class="empty">
                No chargers
                {props.search
                  ? ' match this search'
                  : ' yet: add one below, or point a charger at this server'}
                .
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <ChargersPager page={props.page} shown={props.items.length} limit={props.limit} search={props.search} />
    </div>
  )
}

/** Counts shown above the list (live). */
export function Summary(props: ChargerCounts) {
  return (
    <>
      <strong safe>{props.online.toLocaleString('en-US')}</strong> of{' '}
      <strong safe>{props.total.toLocaleString('en-US')}</strong> chargers online
    </>
  )
}

/** The chargers page. */
export function ChargersPage(props: ChargersProps) {
  return (
    <Layout title="Chargers" operator={props.operator} active="chargers">
      <div class="page-head">
        <h1>Chargers</h1>
        <input
          type="search"
          name="search"
          value={props.search}
          placeholder="Search id or label…"
          maxlength="100"
          hx-get="/admin/chargers"
          hx-trigger="input changed delay:300ms, search"
          hx-target="#chargers-table"
          hx-select="#chargers-table"
          hx-swap="outerHTML"
          hx-push-url="true"
        />
      </div>
      <ChargersTable {...props} />
      <AddChargerForm {...(props.form ?? { values: {}, errors: {} })} />
    </Layout>
  )
}

/** Registers a charger before it connects (needed when unknown chargers are rejected). */
export function AddChargerForm(props: {
  values: Record<string, string>
  errors: Record<string, string>
  notice?: string
}) {
  return (
    <section class="card" id="add-charger">
      <h2>Add a charger</h2>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <form
        method="post"
        action="/admin/chargers"
        hx-post="/admin/chargers"
        hx-target="#add-charger"
        hx-swap="outerHTML"
        class="inline"
      >
        <Field label="Charger id (its OCPP identity)" name="id" error={props.errors.id}>
          <input name="id" value={props.values.id ?? ''} required maxlength="48" />
        </Field>
        <Field label="Label" name="label" error={props.errors.label}>
          <input name="label" value={props.values.label ?? ''} maxlength="100" />
        </Field>
        <Field
          label="Organization (optional: yours when you have one)"
          name="organizationId"
          error={props.errors.organizationId}
        >
          <input name="organizationId" value={props.values.organizationId ?? ''} maxlength="64" size="12" />
        </Field>
        <Field label="Password (optional, 16–40 characters)" name="password" error={props.errors.password}>
          <input name="password" type="password" autocomplete="new-password" minlength="16" maxlength="40" />
        </Field>
        <button type="submit" class="primary">
          Add
        </button>
      </form>
    </section>
  )
}
