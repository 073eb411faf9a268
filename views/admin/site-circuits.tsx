import type { SiteConfig } from '@src/domain/site/site-config'
import { Field, type FormState, Notice } from '../components'
import { RowActions, siteHref, swapConfig } from './site-actions'

/** The site's sub-circuits with edit and remove, and a form to add or change one. */
export function CircuitsCard(props: { config: SiteConfig; form: FormState }) {
  const { form } = props
  return (
    <section class="card" id="circuit-form">
      <h2>Circuits</h2>
      {form.notice ? <Notice tone="ok" text={form.notice} /> : ''}
      {form.errors.form ? <Notice tone="bad" text={form.errors.form} /> : ''}
      <CircuitsTable config={props.config} />
      <CircuitForm {...props} />
    </section>
  )
}

function CircuitsTable({ config }: { config: SiteConfig }) {
  if (!config.circuits.length)
    return <p class="muted">No sub-circuits: every charger hangs directly under the main fuse.</p>
  const site = config.site.id
  return (
    <table class="dense circuits">
      <thead>
        <tr>
          <th>Id</th>
          <th>Name</th>
          <th>Under</th>
          <th>Limit</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {config.circuits.map((c) => {
          const key = encodeURIComponent(c.id)
          return (
            <tr id={`circuit-${key}`}>
              <td class="mono" safe>
                {c.id}
              </td>
              <td safe>{c.name}</td>
              <td safe>{c.parentId ?? 'main fuse'}</td>
              <td safe>{`${c.limitA} A`}</td>
              <RowActions
                site={site}
                edit={`circuit=${key}`}
                anchor="circuit-form"
                remove={`/circuits/${key}/delete`}
                confirm="Remove this circuit?"
              />
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function CircuitForm({ config, form }: { config: SiteConfig; form: FormState }) {
  const v = form.values
  const e = form.errors
  return (
    <form {...swapConfig(siteHref(config.site.id, '/circuits'))} class="inline">
      <Field label="Id" name="circuitId" error={e.circuitId}>
        <input name="circuitId" value={v.circuitId ?? ''} required maxlength="48" size="10" />
      </Field>
      <Field label="Name" name="name" error={e.name}>
        <input name="name" value={v.name ?? ''} required maxlength="100" size="14" />
      </Field>
      <Field label="Under" name="parentId" error={e.parentId}>
        <select name="parentId">
          <option value="">main fuse</option>
          {config.circuits.map((c) => (
            <option value={c.id} selected={v.parentId === c.id} safe>
              {c.id}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Limit (A)" name="limitA" error={e.limitA}>
        <input name="limitA" value={v.limitA ?? ''} inputmode="decimal" size="6" />
      </Field>
      <button type="submit" class="primary">
        Save circuit
      </button>
    </form>
  )
}
