import { Field, type FormState } from '../components'
import { Layout } from '../layout'
import type { Choice } from './policy-form'

/** The tariff editor: a new tariff, or the next version of `tariffId`. */
export interface TariffFormProps {
  operator: string
  /** null: a new tariff. */
  tariffId: string | null
  /** The version the new one follows (shown in the title). */
  currentVersion?: number
  form: FormState
  /** How many price rows each element row has (the form's own counts, read by the controller). */
  rows: readonly number[]
  organizations: Choice[]
  /** The price series the tariff may follow (the scope's). */
  series: Choice[]
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const TYPES: Choice[] = [
  { value: 'ENERGY', label: 'Energy (per kWh)' },
  { value: 'TIME', label: 'Charging time (per hour)' },
  { value: 'PARKING_TIME', label: 'Parking time (per hour)' },
  { value: 'FLAT', label: 'Flat (per session)' },
]
const RESERVATIONS: Choice[] = [
  { value: '', label: 'Not a reservation element' },
  { value: 'RESERVATION', label: 'Prices a reservation (never a charging session)' },
  { value: 'RESERVATION_EXPIRES', label: 'Prices an expired reservation' },
]
/** Restriction fields after the times and days: suffix, label, input mode. */
const LIMITS = [
  ['startDate', 'From date', 'date'],
  ['endDate', 'Before date', 'date'],
  ['minKwh', 'From kWh', 'decimal'],
  ['maxKwh', 'Under kWh', 'decimal'],
  ['minCurrent', 'From A', 'decimal'],
  ['maxCurrent', 'Under A', 'decimal'],
  ['minPower', 'From kW', 'decimal'],
  ['maxPower', 'Under kW', 'decimal'],
  ['minDuration', 'After minutes', 'decimal'],
  ['maxDuration', 'In the first minutes', 'decimal'],
] as const

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

/** A button that adds or removes a row: htmx re-renders the form with what was typed; without it, a post. */
function RowButton(p: { op: string; label: string; action: string }) {
  return (
    <button
      type="submit"
      name="op"
      value={p.op}
      class="secondary"
      formnovalidate
      hx-post={p.action}
      hx-target="#tariff-form"
      hx-swap="outerHTML"
      safe
    >
      {p.label}
    </button>
  )
}

function ElementRows(p: { i: number; m: number; form: FormState; action: string; many: boolean }) {
  const { values, errors } = p.form
  const v = (k: string) => values[`e${p.i}${k}`] ?? ''
  const e = (k: string) => errors[`e${p.i}${k}`]
  const m = p.m
  return (
    <fieldset class="element-row" data-element={String(p.i)}>
      <legend safe>{`Element ${p.i + 1}`}</legend>
      <input type="hidden" name={`e${p.i}parts`} value={String(m)} />
      {errors[`e${p.i}`] ? (
        <p class="error" role="alert" safe>
          {errors[`e${p.i}`]}
        </p>
      ) : (
        ''
      )}
      {Array.from({ length: m }, (_, j) => (
        <div class="component-row" data-component={String(j)}>
          <Field label="Price of" name={`e${p.i}c${j}type`} error={e(`c${j}type`)}>
            <select name={`e${p.i}c${j}type`}>
              <Options choices={TYPES} value={v(`c${j}type`)} />
            </select>
          </Field>
          <Field label="Price excl. VAT" name={`e${p.i}c${j}price`} error={e(`c${j}price`)}>
            <input name={`e${p.i}c${j}price`} inputmode="decimal" value={v(`c${j}price`)} />
          </Field>
          <Field
            label="Step (Wh for energy, seconds for time)"
            name={`e${p.i}c${j}step`}
            error={e(`c${j}step`)}
          >
            <input name={`e${p.i}c${j}step`} inputmode="numeric" value={v(`c${j}step`)} />
          </Field>
          <Field label="Own VAT % (empty: the tariff's)" name={`e${p.i}c${j}vat`} error={e(`c${j}vat`)}>
            <input name={`e${p.i}c${j}vat`} inputmode="decimal" value={v(`c${j}vat`)} />
          </Field>
          {m > 1 ? (
            <RowButton op={`remove-component:${p.i}:${j}`} label="Remove price" action={p.action} />
          ) : (
            ''
          )}
        </div>
      ))}
      <RowButton op={`add-component:${p.i}`} label="Add a price" action={p.action} />
      <h4>When it holds (the site's local time; empty: always)</h4>
      <label class="inline">
        from <input type="time" name={`e${p.i}from`} value={v('from')} />
      </label>
      <label class="inline">
        to <input type="time" name={`e${p.i}to`} value={v('to')} />
      </label>
      {e('from') || e('to') ? (
        <span class="error" role="alert" safe>
          {e('from') ?? e('to')}
        </span>
      ) : (
        ''
      )}
      <div>
        {DAYS.map((d, k) => (
          <label class="inline">
            <input type="checkbox" name={`e${p.i}day${k}`} checked={values[`e${p.i}day${k}`] === 'on'} />{' '}
            <span safe>{d}</span>
          </label>
        ))}
        {e('days') ? (
          <span class="error" role="alert" safe>
            {e('days')}
          </span>
        ) : (
          ''
        )}
      </div>
      <Field label="Reservations" name={`e${p.i}reservation`} error={e('reservation')}>
        <select name={`e${p.i}reservation`}>
          <Options choices={RESERVATIONS} value={v('reservation')} />
        </select>
      </Field>
      <div class="restriction-limits">
        {LIMITS.map(([suffix, label, mode]) => (
          <Field label={label} name={`e${p.i}${suffix}`} error={e(suffix)}>
            {mode === 'date' ? (
              <input type="date" name={`e${p.i}${suffix}`} value={v(suffix)} />
            ) : (
              <input name={`e${p.i}${suffix}`} inputmode="decimal" value={v(suffix)} />
            )}
          </Field>
        ))}
      </div>
      {p.many ? <RowButton op={`remove-element:${p.i}`} label="Remove this element" action={p.action} /> : ''}
    </fieldset>
  )
}

/** The tariff editor's form (a section: the page around it is {@link TariffFormPage}). */
export function TariffForm(p: Omit<TariffFormProps, 'operator'>) {
  const { values, errors } = p.form
  const v = (k: string) => values[k] ?? ''
  const action = p.tariffId ? `/admin/tariffs/${encodeURIComponent(p.tariffId)}` : '/admin/tariffs'
  const n = p.rows.length
  return (
    <form method="post" action={action} class="card tariff-form" id="tariff-form">
      {errors.form ? (
        <p class="error" role="alert" safe>
          {errors.form}
        </p>
      ) : (
        ''
      )}
      <Field label="Name" name="name" error={errors.name}>
        <input name="name" maxlength="100" value={v('name')} />
      </Field>
      {p.tariffId === null ? (
        <>
          <Field label="Organization" name="organizationId" error={errors.organizationId}>
            <select name="organizationId">
              <option value="">Your organization</option>
              <Options choices={p.organizations} value={v('organizationId')} />
            </select>
          </Field>
          <Field label="Id (optional, also its OCPI id)" name="id" error={errors.id}>
            <input name="id" maxlength="36" value={v('id')} />
          </Field>
        </>
      ) : (
        ''
      )}
      <Field label="Currency" name="currency" error={errors.currency}>
        <input name="currency" maxlength="3" value={v('currency')} />
      </Field>
      <Field label="VAT %" name="vat" error={errors.vat} hint="A percentage: 25, never 0.25.">
        <input name="vat" inputmode="decimal" value={v('vat')} />
      </Field>
      <Field label="Rounding: decimals" name="scale" error={errors.scale}>
        <input name="scale" inputmode="numeric" value={v('scale')} />
      </Field>
      <Field label="Rounding: mode" name="mode" error={errors.mode}>
        <select name="mode">
          <Options
            choices={[
              { value: 'halfUp', label: 'Half up' },
              { value: 'halfEven', label: "Half even (banker's)" },
            ]}
            value={v('mode')}
          />
        </select>
      </Field>
      <Field label="Rounding: where" name="level" error={errors.level}>
        <select name="level">
          <Options
            choices={[
              { value: 'total', label: 'Once, on the total' },
              { value: 'component', label: 'On every line' },
            ]}
            value={v('level')}
          />
        </select>
      </Field>
      <Field label="Minimum price per session, excl. VAT" name="minPrice" error={errors.minPrice}>
        <input name="minPrice" inputmode="decimal" value={v('minPrice')} />
      </Field>
      <Field label="Maximum price per session, excl. VAT" name="maxPrice" error={errors.maxPrice}>
        <input name="maxPrice" inputmode="decimal" value={v('maxPrice')} />
      </Field>
      <Field label="Text for drivers (Swedish)" name="altSv" error={errors.altSv}>
        <input name="altSv" maxlength="512" value={v('altSv')} />
      </Field>
      <Field label="Text for drivers (English)" name="altEn" error={errors.altEn}>
        <input name="altEn" maxlength="512" value={v('altEn')} />
      </Field>
      <h3>Elements</h3>
      <p class="hint">
        Each part of a session is priced, per kind of price, by the first element whose restrictions hold
        (OCPI 2.2.1). Put the narrow elements first and an unrestricted one last.
      </p>
      {errors.elements ? (
        <p class="error" role="alert" safe>
          {errors.elements}
        </p>
      ) : (
        ''
      )}
      <input type="hidden" name="elements" value={String(n)} />
      {p.rows.map((m, i) => (
        <ElementRows i={i} m={m} form={p.form} action={action} many={n > 1} />
      ))}
      <RowButton op="add-element" label="Add an element" action={action} />
      <h3>Idle fee (optional)</h3>
      <Field label="Price per hour parked, excl. VAT" name="idlePrice" error={errors.idlePrice}>
        <input name="idlePrice" inputmode="decimal" value={v('idlePrice')} />
      </Field>
      <Field label="Grace minutes" name="idleGrace" error={errors.idleGrace}>
        <input name="idleGrace" inputmode="numeric" value={v('idleGrace')} />
      </Field>
      <Field label="Step (seconds)" name="idleStep" error={errors.idleStep}>
        <input name="idleStep" inputmode="numeric" value={v('idleStep')} />
      </Field>
      <Field label="At most per session, excl. VAT" name="idleMax" error={errors.idleMax}>
        <input name="idleMax" inputmode="decimal" value={v('idleMax')} />
      </Field>
      <h3>Spot price (optional)</h3>
      <p class="hint">
        Follow a price series: each slot's energy costs the slot's price plus the markup; a slot the series
        does not have when the session is priced costs the fallback, and the driver sees that price. The
        elements then price everything but energy (a start fee, time, parking).
      </p>
      <Field label="Price series" name="spot" error={errors.spot}>
        <select name="spot">
          <option value="">Does not follow a spot price</option>
          <Options choices={p.series} value={v('spot')} />
        </select>
      </Field>
      <Field label="Markup per kWh, excl. VAT" name="spotMarkup" error={errors.spotMarkup}>
        <input name="spotMarkup" inputmode="decimal" value={v('spotMarkup')} />
      </Field>
      <Field
        label="Fallback per kWh, excl. VAT (markup included)"
        name="spotFallback"
        error={errors.spotFallback}
      >
        <input name="spotFallback" inputmode="decimal" value={v('spotFallback')} />
      </Field>
      <button type="submit">{p.tariffId ? 'Save as a new version' : 'Create tariff'}</button>{' '}
      <a href={p.tariffId ? action : '/admin/tariffs'}>Cancel</a>
    </form>
  )
}

/** The page of a new tariff or of a tariff's next version. */
export function TariffFormPage(p: TariffFormProps) {
  const title = p.tariffId ? `New version of ${p.form.values.name ?? p.tariffId}` : 'New tariff'
  return (
    <Layout title={title} operator={p.operator} active="tariffs">
      <h1 safe>{title}</h1>
      {p.tariffId ? (
        <p class="hint" safe>
          {`Version ${p.currentVersion ?? ''} stays as it is: sessions started under it keep it. Saving writes the next one.`}
        </p>
      ) : (
        ''
      )}
      <TariffForm
        tariffId={p.tariffId}
        currentVersion={p.currentVersion}
        form={p.form}
        rows={p.rows}
        organizations={p.organizations}
        series={p.series}
      />
    </Layout>
  )
}
