import { Badge, Field, type FormState } from '../components'
import { Layout } from '../layout'
import { GroupChecks } from './owned-tokens'
import { type Choice, ChoiceSelect, FormMessages, PeopleTabs } from './people-tabs'
import { BlockCell } from './tokens'

/** Everything a token's page shows. */
export interface TokenEditProps {
  operator: string
  token: { uid: string; status: string }
  /** The choices of the token's organization. */
  choices: { drivers: Choice[]; households: Choice[]; businessAccounts: Choice[]; groups: Choice[] }
  types: readonly string[]
  statuses: readonly string[]
  form: FormState
  /** The groups ticked (as stored, or as posted). */
  ticked: string[]
}

/** One token: its status, expiry, label, owner (driver, household or business account) and groups. */
export function TokenEditPage(p: TokenEditProps) {
  const v = p.form.values
  const e = p.form.errors
  const action = `/admin/tokens/${encodeURIComponent(p.token.uid)}`
  return (
    <Layout title={`Token ${p.token.uid}`} operator={p.operator} active="people">
      <PeopleTabs active="tokens" />
      <p class="crumbs">
        <a href="/admin/tokens">Tokens</a> /
      </p>
      <h1 class="mono" safe>
        {p.token.uid}
      </h1>
      <table class="dense">
        <tbody>
          <tr>
            <td>
              <Badge text={p.token.status} tone={p.token.status === 'Accepted' ? 'ok' : 'bad'} />
            </td>
            <BlockCell uid={p.token.uid} status={p.token.status} />
          </tr>
        </tbody>
      </table>
      <section class="card" id="token-edit">
        <h2>Change</h2>
        <form method="post" action={action} class="inline">
          <FormMessages errors={e} notice={p.form.notice} />
          <Field label="Type" name="type" error={e.type}>
            <select name="type">
              {p.types.map((t) => (
                <option value={t} selected={v.type === t} safe>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Status" name="status" error={e.status}>
            <select name="status">
              {p.statuses.map((s) => (
                <option value={s} selected={v.status === s} safe>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Expires (UTC, optional)" name="expiresAt" error={e.expiresAt}>
            <input name="expiresAt" type="datetime-local" value={v.expiresAt ?? ''} />
          </Field>
          <Field label="Label" name="label" error={e.label}>
            <input name="label" value={v.label ?? ''} maxlength="100" />
          </Field>
          <Field label="Driver" name="driverId" error={e.driverId}>
            <ChoiceSelect name="driverId" choices={p.choices.drivers} value={v.driverId ?? ''} />
          </Field>
          <Field label="Household" name="householdId" error={e.householdId}>
            <ChoiceSelect name="householdId" choices={p.choices.households} value={v.householdId ?? ''} />
          </Field>
          <Field label="Business account" name="businessAccountId" error={e.businessAccountId}>
            <ChoiceSelect
              name="businessAccountId"
              choices={p.choices.businessAccounts}
              value={v.businessAccountId ?? ''}
            />
          </Field>
          <GroupChecks groups={p.choices.groups} ticked={p.ticked} />
          <button type="submit" class="primary">
            Save
          </button>
        </form>
      </section>
    </Layout>
  )
}
