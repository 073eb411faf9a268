import { tokenTypes } from '@src/domain/charger/tokens'
import { Badge, Field, type FormState } from '../components'
import { formatDateTime } from '../format'
import type { Choice } from './people-tabs'
import { FormMessages } from './people-tabs'
import { BlockCell } from './tokens'

/** A card or app token as a driver's, household's or business account's page shows it. */
export interface OwnedTokenView {
  uid: string
  type: string
  status: string
  expiresAt: number | null
  /** The names of the groups it is directly in. */
  groups: string[]
}

/** Tokens with their status, expiry and groups, each blocked or unblocked in one click. */
export function OwnedTokens(p: { tokens: OwnedTokenView[]; empty: string }) {
  if (p.tokens.length === 0)
    return (
      <p class="muted" safe>
        {p.empty}
      </p>
    )
  return (
    <table class="owned-tokens">
      <thead>
        <tr>
          <th>Card</th>
          <th>Type</th>
          <th>Status</th>
          <th>Expires (UTC)</th>
          <th>Groups</th>
          <th>Block</th>
        </tr>
      </thead>
      <tbody>
        {p.tokens.map((t) => (
          <tr id={`token-${t.uid}`}>
            <td class="mono">
              <a href={`/admin/tokens/${encodeURIComponent(t.uid)}`} safe>
                {t.uid}
              </a>
            </td>
            <td safe>{t.type}</td>
            <td>
              <Badge text={t.status} tone={t.status === 'Accepted' ? 'ok' : 'bad'} />
            </td>
            <td safe>{formatDateTime(t.expiresAt, 'UTC')}</td>
            <td safe>{t.groups.join(', ')}</td>
            <BlockCell uid={t.uid} status={t.status} />
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Group checkboxes named `group_<id>`, ticked for the groups given. */
export function GroupChecks(p: { groups: Choice[]; ticked: readonly string[] }) {
  if (p.groups.length === 0) return <span class="muted">No groups yet.</span>
  return (
    <fieldset class="group-checks">
      <legend>Groups</legend>
      {p.groups.map((g) => (
        <label class="check">
          <input type="checkbox" name={`group_${g.value}`} value="on" checked={p.ticked.includes(g.value)} />
          <span safe>{g.label}</span>
        </label>
      ))}
    </fieldset>
  )
}

/** Gives a new or existing card to the page's driver, household or business account. */
export function CardForm(p: { action: string; form: FormState; groups: Choice[] }) {
  const v = p.form.values
  const e = p.form.errors
  const ticked = Object.keys(v)
    .filter((k) => k.startsWith('group_'))
    .map((k) => k.slice('group_'.length))
  return (
    <form method="post" action={p.action} class="inline" id="card-form">
      <FormMessages errors={e} notice={p.form.notice} />
      <Field label="Card id (as the charger reads it)" name="uid" error={e.uid}>
        <input name="uid" value={v.uid ?? ''} required maxlength="36" />
      </Field>
      <Field label="Type" name="type" error={e.type}>
        <select name="type">
          {tokenTypes.map((t) => (
            <option value={t} selected={(v.type ?? 'ISO14443') === t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Expires (UTC, optional)" name="expiresAt" error={e.expiresAt}>
        <input name="expiresAt" type="datetime-local" value={v.expiresAt ?? ''} />
      </Field>
      <GroupChecks groups={p.groups} ticked={ticked} />
      <button type="submit" class="primary">
        Add card
      </button>
    </form>
  )
}
