import { Field, Notice } from '../components'
import { MeShell } from './me-shell'
import type { Messages } from './messages'

/** The weekly plan form's state: what was typed (or stored), errors by field, and what is saved. */
export interface PlanFormProps {
  m: Messages
  days: readonly number[]
  time: string
  energyKwh: string
  errors: Partial<Record<'days' | 'time' | 'energyKwh', string>>
  /** The saved plan in words, if any. */
  current: string | null
  notice?: string
}

/** The weekly departure plan form ("weekdays 07:15"); htmx swaps it in place. */
export function PlanForm(props: PlanFormProps) {
  const { m, errors: e } = props
  return (
    <section class="card" id="plan-form">
      <h1 safe>{m.plan.heading}</h1>
      <p class="muted small" safe>
        {m.plan.intro}
      </p>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <p class="current" safe>
        {props.current ? m.plan.current(props.current) : m.plan.none}
      </p>
      <form method="post" action="/me/plan" hx-post="/me/plan" hx-target="#plan-form" hx-swap="outerHTML">
        <fieldset class={`field driver-days ${e.days ? 'has-error' : ''}`}>
          <legend safe>{m.plan.days}</legend>
          {m.plan.dayNames.map((name, i) => (
            <label class="day">
              <input type="checkbox" name="days" value={String(i + 1)} checked={props.days.includes(i + 1)} />
              <span safe>{name}</span>
            </label>
          ))}
          {e.days ? (
            <span class="error" role="alert" safe>
              {e.days}
            </span>
          ) : (
            ''
          )}
        </fieldset>
        <Field label={m.plan.time} name="time" error={e.time}>
          <input name="time" type="time" value={props.time} required />
        </Field>
        <Field label={m.plan.energy} name="energyKwh" error={e.energyKwh} hint={m.plan.energyHint}>
          <input name="energyKwh" value={props.energyKwh} inputmode="decimal" size="6" />
        </Field>
        <button type="submit" name="action" value="save" class="primary" safe>
          {m.plan.save}
        </button>
        {props.current ? (
          <button type="submit" name="action" value="remove" class="link" formnovalidate safe>
            {m.plan.remove}
          </button>
        ) : (
          ''
        )}
      </form>
    </section>
  )
}

/** The plan tab. */
export function PlanPage(props: PlanFormProps & { email: string }) {
  return (
    <MeShell m={props.m} email={props.email} active="plan" self="/me/plan">
      <PlanForm {...props} />
    </MeShell>
  )
}
