import { Field, type FormState } from '../components'
import { Layout } from '../layout'

/** One option of a picker. */
export interface Choice {
  value: string
  label: string
}

/** A labelled group of options (an `<optgroup>`). */
export interface ChoiceGroup {
  label: string
  options: Choice[]
}

/** What the policy form offers: organizations (new policies only), who and where. */
export interface PolicyFormChoices {
  organizations: Choice[]
  who: ChoiceGroup[]
  where: ChoiceGroup[]
}

/** The new or edit form of a policy, with what was typed and a message per field. */
export interface PolicyFormProps {
  operator: string
  /** null: a new policy. */
  policyId: string | null
  form: FormState
  choices: PolicyFormChoices
  windowRows: number
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function Picker(p: { name: string; groups: ChoiceGroup[]; value: string; empty: string }) {
  return (
    <select name={p.name} required>
      <option value="" safe>
        {p.empty}
      </option>
      {p.groups
        .filter((g) => g.options.length > 0)
        .map((g) => (
          <optgroup label={g.label}>
            {g.options.map((o) => (
              <option value={o.value} selected={o.value === p.value} safe>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
    </select>
  )
}

function Options(p: { choices: readonly Choice[]; value: string }) {
  return (
    <>
      {p.choices.map((o) => (
        <option value={o.value} selected={o.value === p.value} safe>
          {o.label}
        </option>
      ))}
    </>
  )
}

function WindowRow(p: { i: number; values: Record<string, string>; error?: string }) {
  const v = p.values
  return (
    <fieldset class={`window-row ${p.error ? 'has-error' : ''}`} data-window={String(p.i)}>
      <legend safe>{`Window ${p.i + 1}`}</legend>
      {DAYS.map((d, k) => (
        <label class="inline">
          <input type="checkbox" name={`w${p.i}d${k + 1}`} checked={v[`w${p.i}d${k + 1}`] === 'on'} />{' '}
          <span safe>{d}</span>
        </label>
      ))}
      <label class="inline">
        from <input type="time" name={`w${p.i}from`} value={v[`w${p.i}from`] ?? ''} />
      </label>
      <label class="inline">
        to <input type="time" name={`w${p.i}to`} value={v[`w${p.i}to`] ?? ''} />
      </label>
      {p.error ? (
        <span class="error" role="alert" safe>
          {p.error}
        </span>
      ) : (
        ''
      )}
    </fieldset>
  )
}

/** The policy form (a section: the page around it is {@link PolicyFormPage}). */
export function PolicyForm(p: Omit<PolicyFormProps, 'operator'>) {
  const { values, errors } = p.form
  const v = (k: string) => values[k] ?? ''
  const action = p.policyId ? `/admin/policies/${encodeURIComponent(p.policyId)}` : '/admin/policies'
  return (
    <form method="post" action={action} class="card policy-form" id="policy-form">
      {errors.form ? (
        <p class="error" role="alert" safe>
          {errors.form}
        </p>
      ) : (
        ''
      )}
      <Field label="Name" name="name" error={errors.name}>
        <input name="name" required maxlength="100" value={v('name')} />
      </Field>
      {p.policyId === null ? (
        <Field label="Organization" name="organizationId" error={errors.organizationId}>
          <select name="organizationId">
            <option value="">Your organization</option>
            <Options choices={p.choices.organizations} value={v('organizationId')} />
          </select>
        </Field>
      ) : (
        ''
      )}
      <Field label="Effect" name="effect" error={errors.effect}>
        <select name="effect">
          <Options
            choices={[
              { value: 'allow', label: 'Allow' },
              { value: 'deny', label: 'Deny' },
            ]}
            value={v('effect')}
          />
        </select>
      </Field>
      <label class="inline">
        <input type="checkbox" name="enabled" checked={v('enabled') === 'on'} /> Enabled
      </label>
      <Field label="Who" name="who" error={errors.who}>
        <Picker name="who" groups={p.choices.who} value={v('who')} empty="Choose who…" />
      </Field>
      <Field label="Where" name="where" error={errors.where}>
        <Picker name="where" groups={p.choices.where} value={v('where')} empty="Choose where…" />
      </Field>
      <h3>When</h3>
      <p class="hint">
        Weekly windows in the site's local time, each on the days it starts; a window whose "to" is at or
        before its "from" runs past midnight (18:00–08:00). No window: at any time.
      </p>
      {Array.from({ length: p.windowRows }, (_, i) => (
        <WindowRow i={i} values={values} error={errors[`w${i}`]} />
      ))}
      <Field label="Valid from (site's local time)" name="validFrom" error={errors.validFrom}>
        <input type="datetime-local" name="validFrom" value={v('validFrom')} />
      </Field>
      <Field label="Valid until (site's local time)" name="validUntil" error={errors.validUntil}>
        <input type="datetime-local" name="validUntil" value={v('validUntil')} />
      </Field>
      <Field label="On the site's holidays" name="holidays" error={errors.holidays}>
        <select name="holidays">
          <Options
            choices={[
              { value: 'ignore', label: 'Holidays are like any day' },
              { value: 'exclude', label: 'Not on holidays' },
              { value: 'only', label: 'Only on holidays' },
            ]}
            value={v('holidays')}
          />
        </select>
      </Field>
      <h3>With what</h3>
      <Field label="Price group" name="priceGroup" error={errors.priceGroup}>
        <input name="priceGroup" maxlength="64" value={v('priceGroup')} />
      </Field>
      <Field label="Power priority tier (1 first, 9 last)" name="priorityTier" error={errors.priorityTier}>
        <select name="priorityTier">
          <option value="">Normal</option>
          <Options
            choices={[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: String(n) }))}
            value={v('priorityTier')}
          />
        </select>
      </Field>
      <Field label="Monthly kWh budget" name="monthlyKwhBudget" error={errors.monthlyKwhBudget}>
        <input name="monthlyKwhBudget" inputmode="decimal" value={v('monthlyKwhBudget')} />
      </Field>
      <Field label="Longest session (minutes)" name="maxSessionMinutes" error={errors.maxSessionMinutes}>
        <input type="number" name="maxSessionMinutes" min="1" value={v('maxSessionMinutes')} />
      </Field>
      <button type="submit">{p.policyId ? 'Save policy' : 'Add policy'}</button>{' '}
      <a href="/admin/policies">Cancel</a>
    </form>
  )
}

/** The page of a new or edited policy. */
export function PolicyFormPage(p: PolicyFormProps) {
  const title = p.policyId ? 'Edit policy' : 'New policy'
  return (
    <Layout title={title} operator={p.operator} active="policies">
      <h1>{title}</h1>
      <PolicyForm policyId={p.policyId} form={p.form} choices={p.choices} windowRows={p.windowRows} />
    </Layout>
  )
}
