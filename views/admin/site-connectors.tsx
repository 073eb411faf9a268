import type { SiteConfig } from '@src/domain/site/site-config'
import { Field, type FormState, Notice } from '../components'
import { RowActions, siteHref, swapConfig } from './site-actions'

/** Common wirings offered as suggestions: straight, the two rotations, and single phases. */
const WIRINGS = ['L1,L2,L3', 'L2,L3,L1', 'L3,L1,L2', 'L1', 'L2', 'L3']

/** The driver page a QR code on the connector points to. */
export const driverHref = (chargerId: string, evseId: number) =>
  `/drive/${encodeURIComponent(chargerId)}/${evseId}`

/** The charger EVSEs on the site, with edit and remove, and a form to assign one. */
export function ConnectorsCard(props: { config: SiteConfig; chargerIds: string[]; form: FormState }) {
  const { form } = props
  return (
    <section class="card" id="connector-form">
      <h2>Chargers on this site</h2>
      {form.notice ? <Notice tone="ok" text={form.notice} /> : ''}
      {form.errors.form ? <Notice tone="bad" text={form.errors.form} /> : ''}
      <ConnectorsTable config={props.config} />
      <AssignForm {...props} />
    </section>
  )
}

function ConnectorsTable({ config }: { config: SiteConfig }) {
  if (!config.connectors.length) return <p class="muted">No charger is on this site yet.</p>
  return (
    <table class="dense connectors-on-site">
      <thead>
        <tr>
          <th>Charger</th>
          <th>Circuit</th>
          <th>Max</th>
          <th>Wiring</th>
          <th>Driver page</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {config.connectors.map((k) => {
          const key = `${encodeURIComponent(k.chargerId)}/${k.evseId}`
          return (
            <tr id={`connector-${encodeURIComponent(k.chargerId)}-${k.evseId}`}>
              <td>
                <a href={`/admin/chargers/${encodeURIComponent(k.chargerId)}`} safe>
                  {`${k.chargerId} #${k.evseId}`}
                </a>
              </td>
              <td safe>{k.circuitId ?? 'main fuse'}</td>
              <td safe>{`${k.maxA} A`}</td>
              <td class="mono" safe>
                {k.wiring}
              </td>
              <td>
                <a href={driverHref(k.chargerId, k.evseId)} class="small" target="_blank" safe rel="noopener">
                  {driverHref(k.chargerId, k.evseId)}
                </a>
              </td>
              <RowActions
                site={config.site.id}
                edit={`connector=${key}`}
                anchor="connector-form"
                remove={`/connectors/${key}/delete`}
                confirm="Take this EVSE off the site?"
              />
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function AssignForm(props: { config: SiteConfig; chargerIds: string[]; form: FormState }) {
  const { config } = props
  const v = props.form.values
  const e = props.form.errors
  return (
    <form {...swapConfig(siteHref(config.site.id, '/connectors'))} class="inline assign">
      <Field label="Charger" name="chargerId" error={e.chargerId}>
        <input
          name="chargerId"
          value={v.chargerId ?? ''}
          list="known-chargers"
          required
          maxlength="48"
          size="12"
        />
        <datalist id="known-chargers">
          {props.chargerIds.map((id) => (
            <option value={id} />
          ))}
        </datalist>
      </Field>
      <Field label="EVSE" name="evseId" error={e.evseId}>
        <input name="evseId" value={v.evseId ?? '1'} inputmode="numeric" size="3" />
      </Field>
      <Field label="Circuit" name="circuitId" error={e.circuitId}>
        <select name="circuitId">
          <option value="">main fuse</option>
          {config.circuits.map((c) => (
            <option value={c.id} selected={v.circuitId === c.id} safe>
              {c.id}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Max (A)" name="maxA" error={e.maxA}>
        <input name="maxA" value={v.maxA ?? '16'} inputmode="decimal" size="5" />
      </Field>
      <WiringField phases={config.site.phases} value={v.wiring} error={e.wiring} />
      <button type="submit" class="primary">
        Assign
      </button>
    </form>
  )
}

/** The wiring input with common wirings offered and a hint on rotated installations. */
function WiringField(props: { phases: number; value: string | undefined; error: string | undefined }) {
  const hint =
    props.phases === 1
      ? 'a one-phase site: L1'
      : 'grid phase of charger phases 1, 2, 3: L1,L2,L3; rotated L2,L3,L1 or L3,L1,L2 spreads one-phase cars over the phases; a one-phase charger: e.g. L3'
  return (
    <Field label="Wiring" name="wiring" error={props.error} hint={hint}>
      <input
        name="wiring"
        value={props.value ?? (props.phases === 1 ? 'L1' : 'L1,L2,L3')}
        list="wirings"
        size="10"
      />
      <datalist id="wirings">
        {WIRINGS.filter((w) => props.phases === 3 || w === 'L1').map((w) => (
          <option value={w} />
        ))}
      </datalist>
    </Field>
  )
}
