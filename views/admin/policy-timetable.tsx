import { Notice } from '../components'
import { Layout } from '../layout'
import type { Choice } from './policy-form'

/** One slot: allowed or denied, whether it changes inside, and its words (day, times, deciding rule). */
export interface TimetableCellView {
  allowed: boolean
  mixed: boolean
  title: string
}

/** One who × where row: its label and 7 days (Monday first) of slots. */
export interface TimetableRowView {
  label: string
  isDefault: boolean
  days: TimetableCellView[][]
}

/** The chosen site's timetable, when one is chosen. */
export interface TimetableView {
  siteId: string
  siteName: string
  timeZone: string
  accessDefault: string
  slotMinutes: number
  rows: TimetableRowView[]
  notes: string[]
  holidays: string[]
}

/** The timetable page: a site picker and the chosen site's week. */
export interface TimetablePageProps {
  operator: string
  sites: Choice[]
  siteId: string
  table?: TimetableView
  error?: string
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function Week(p: { row: TimetableRowView; slotMinutes: number }) {
  const perHour = 60 / p.slotMinutes
  return (
    <table class="timetable" data-row={p.row.label}>
      <caption safe>{p.row.label}</caption>
      <thead>
        <tr>
          <th />
          {Array.from({ length: 24 }, (_, h) => (
            <th colspan={String(perHour)} safe>
              {String(h).padStart(2, '0')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.row.days.map((slots, d) => (
          <tr>
            <th safe>{DAYS[d]}</th>
            {slots.map((c, i) => (
              <td
                class={`slot ${c.allowed ? 'allow' : 'deny'}${c.mixed ? ' mixed' : ''}`}
                data-day={String(d + 1)}
                data-slot={String(i)}
                data-allowed={String(c.allowed)}
                title={c.title}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A site's week of access rules: one grid per who × where, green allowed, red denied, striped mixed. */
export function TimetablePage(p: TimetablePageProps) {
  const t = p.table
  return (
    <Layout title="Access timetable" operator={p.operator} active="policies">
      <h1>Weekly access timetable</h1>
      <form method="get" action="/admin/policies/timetable" class="card">
        <label class="inline">
          Site{' '}
          <select name="siteId">
            {p.sites.map((s) => (
              <option value={s.value} selected={s.value === p.siteId} safe>
                {s.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Show</button> <a href="/admin/policies">Back to the policies</a>
      </form>
      {p.error ? <Notice tone="bad" text={p.error} /> : ''}
      {t ? (
        <section class="card" id="timetable" data-site={t.siteId}>
          <h2 safe>{t.siteName}</h2>
          <p class="hint" safe>
            {`Local time (${t.timeZone}), an ordinary week; the site default is ${t.accessDefault === 'deny' ? 'deny' : 'allow any accepted token'}. Each row shows what a token named only by that row (and by the "anyone" policies) gets; a token several rows name follows the first matching policy in order. Budgets are not counted.`}
          </p>
          <p class="legend">
            <span class="slot allow" /> allowed <span class="slot deny" /> denied{' '}
            <span class="slot allow mixed" /> changes within the slot
          </p>
          {t.rows.map((row) => (
            <Week row={row} slotMinutes={t.slotMinutes} />
          ))}
          {t.notes.length ? (
            <ul class="notes">
              {t.notes.map((n) => (
                <li safe>{n}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
          <p class="hint">
            {t.holidays.length ? `Holidays ahead: ${t.holidays.join(', ')}` : 'No holidays ahead.'}
          </p>
        </section>
      ) : (
        ''
      )}
    </Layout>
  )
}
