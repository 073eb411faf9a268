import { Field, Notice } from '../components'
import type { Messages } from './messages'

/** The htmx event a saved departure raises, so the live part refreshes at once. */
export const DEPARTURE_SAVED = 'departure-saved'

/** The departure form's state. */
export interface DepartureFormProps {
  token: string
  now: number
  /** The site's time zone: the days and times are local to it. */
  timeZone: string
  values: Record<string, string>
  errors: Record<string, string>
  notice?: string
  /** The texts, in the driver's language. */
  m: Messages
}

/** Day choices: today, tomorrow, then the next weekdays (in the site's time zone). */
function dayOptions(now: number, timeZone: string, m: Messages): { value: string; label: string }[] {
  const weekday = new Intl.DateTimeFormat(m.departure.locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'short',
    timeZone,
  })
  return [0, 1, 2, 3, 4, 5, 6, 7].map((offset) => {
    const name =
      offset === 0
        ? m.departure.today
        : offset === 1
          ? m.departure.tomorrow
          : weekday.format(now + offset * 86_400_000)
    return { value: String(offset), label: name }
  })
}

/** When the driver leaves and how much energy they want: the site plans their charging by it. */
export function DepartureForm(props: DepartureFormProps) {
  const v = props.values
  const d = props.m.departure
  const e = Object.fromEntries(Object.entries(props.errors).map(([k, t]) => [k, d.errors[t] ?? t]))
  const action = `/drive/s/${encodeURIComponent(props.token)}/departure`
  return (
    <section class="card" id="departure-form">
      <h2 safe>{d.heading}</h2>
      <p class="muted small" safe>
        {d.intro}
      </p>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      {e.form ? <Notice tone="bad" text={e.form} /> : ''}
      <form method="post" action={action} hx-post={action} hx-target="#departure-form" hx-swap="outerHTML">
        <Field label={d.day} name="day" error={e.day}>
          <select name="day">
            {dayOptions(props.now, props.timeZone, props.m).map((o) => (
              <option value={o.value} selected={(v.day ?? '1') === o.value} safe>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={d.time} name="time" error={e.time}>
          <input name="time" type="time" value={v.time ?? '07:00'} required />
        </Field>
        <Field label={d.energy} name="energyKwh" error={e.energyKwh} hint={d.energyHint}>
          <input name="energyKwh" value={v.energyKwh ?? ''} inputmode="decimal" size="6" />
        </Field>
        <button type="submit" class="primary" safe>
          {d.save}
        </button>
      </form>
    </section>
  )
}
