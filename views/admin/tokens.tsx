import { tokenStatuses, tokenTypes } from '@src/domain/charger/tokens'
import { Badge, Field, Notice } from '../components'
import { formatDateTime } from '../format'
import { Layout } from '../layout'
import { PeopleTabs } from './people-tabs'

const tone = (s: string) => (s === 'Accepted' ? 'ok' : s === 'Blocked' ? 'bad' : 'warn')

/** A token as one row of the tokens list shows it. */
export interface TokenView {
  /** The id as the charger reads it. */
  uid: string
  type: string
  status: string
  expiresAt: number | null
  /** The group id (1.6 parentIdTag). */
  parentUid: string | null
  label: string | null
}

/** Everything the tokens page shows. */
export interface TokensProps {
  operator: string
  rows: TokenView[]
  pager: JSX.Element
  /** The search text the list is filtered by. */
  search: string
  form: { values: Record<string, string>; errors: Record<string, string>; notice?: string }
}

/** RFID cards and app tokens, with a form to add or change one. */
export function TokensPage(props: TokensProps) {
  return (
    <Layout title="Tokens" operator={props.operator} active="tokens">
      <PeopleTabs active="tokens" />
      <h1>Tokens</h1>
      <section class="card">
        <form method="get" action="/admin/tokens" class="inline">
          <Field label="Search by id" name="search">
            <input name="search" value={props.search} maxlength="100" type="search" />
          </Field>
          <button type="submit">Search</button>
          <a href="/admin/people.csv">Export people (CSV)</a>
        </form>
        {props.rows.length ? (
          <table>
            <thead>
              <tr>
                <th>Id</th>
                <th>Type</th>
                <th>Status</th>
                <th>Expires</th>
                <th>Group</th>
                <th>Label</th>
                <th>Block</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((t) => (
                <tr>
                  <td class="mono">
                    <a href={`/admin/tokens/${encodeURIComponent(t.uid)}`} safe>
                      {t.uid}
                    </a>
                  </td>
                  <td safe>{t.type}</td>
                  <td>
                    <Badge text={t.status} tone={tone(t.status)} />
                  </td>
                  <td safe>{formatDateTime(t.expiresAt)}</td>
                  <td safe>{t.parentUid ?? '—'}</td>
                  <td safe>{t.label ?? ''}</td>
                  <BlockCell uid={t.uid} status={t.status} />
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No tokens yet.</p>
        )}
        {/* the rendered Pager component: markup whose text it escaped itself */}
        {props.pager as 'safe'}
      </section>
      <TokenForm {...props.form} />
    </Layout>
  )
}

/** A token's block button (unblock when blocked): one click, swapped in place by htmx. */
export function BlockCell(props: { uid: string; status: string }) {
  const blocked = props.status === 'Blocked'
  const action = `/admin/tokens/${encodeURIComponent(props.uid)}/${blocked ? 'unblock' : 'block'}`
  return (
    <td class="block-cell">
      <form method="post" action={action} hx-post={action} hx-target="closest td" hx-swap="outerHTML">
        <button type="submit" class={blocked ? '' : 'primary'} data-uid={props.uid}>
          {blocked ? 'Unblock' : 'Block'}
        </button>
        {blocked ? <Badge text="Blocked" tone="bad" /> : ''}
      </form>
    </td>
  )
}

/** Adds a token, or changes the one with the same id. */
export function TokenForm(props: {
  values: Record<string, string>
  errors: Record<string, string>
  notice?: string
}) {
  const v = props.values
  return (
    <section class="card" id="token-form">
      <h2>Add or change a token</h2>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <form
        method="post"
        action="/admin/tokens"
        hx-post="/admin/tokens"
        hx-target="#token-form"
        hx-swap="outerHTML"
        class="inline"
      >
        <Field label="Id (as the charger reads it)" name="uid" error={props.errors.uid}>
          <input name="uid" value={v.uid ?? ''} required maxlength="36" />
        </Field>
        <Field label="Type" name="type" error={props.errors.type}>
          <select name="type">
            {tokenTypes.map((t) => (
              <option value={t} selected={(v.type ?? 'RFID') === t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Status" name="status" error={props.errors.status}>
          <select name="status">
            {tokenStatuses.map((s) => (
              <option value={s} selected={(v.status ?? 'Accepted') === s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Label" name="label" error={props.errors.label}>
          <input name="label" value={v.label ?? ''} maxlength="100" />
        </Field>
        <Field
          label="Organization (optional: yours when you have one)"
          name="organizationId"
          error={props.errors.organizationId}
        >
          <input name="organizationId" value={v.organizationId ?? ''} maxlength="64" size="12" />
        </Field>
        <button type="submit" class="primary">
          Save
        </button>
      </form>
    </section>
  )
}
