import { type Point, TimeChart } from '../chart'
import { EV_COLOR } from '../chart-colors'
import { Badge, Field, type FormState } from '../components'
import { Layout } from '../layout'
import type { PreviewAnswerView, TariffDetailView, TariffItemView } from './tariff-models'

/** The tariffs list. */
export interface TariffsPageProps {
  operator: string
  items: TariffItemView[]
  canWrite: boolean
  pager: JSX.Element
}

const href = (id: string) => `/admin/tariffs/${encodeURIComponent(id)}`

/** `/admin/tariffs`: every tariff of the scope with its current version and the price groups that use it. */
export function TariffsPage(p: TariffsPageProps) {
  return (
    <Layout title="Tariffs" operator={p.operator} active="tariffs">
      <h1>Tariffs</h1>
      {p.canWrite ? (
        <p>
          <a href="/admin/tariffs/new">New tariff</a>
        </p>
      ) : (
        ''
      )}
      <p>
        <a href="/admin/price-series">Price series</a>: the spot prices a tariff can follow, their CSV upload
        and chart
      </p>
      <table class="tariffs">
        <thead>
          <tr>
            <th>Name</th>
            <th>Organization</th>
            <th>Version</th>
            <th>Currency</th>
            <th>Price groups</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((t) => (
            <tr>
              <td>
                <a href={href(t.id)} safe>
                  {t.name}
                </a>{' '}
                {t.archived ? <Badge text="archived" tone="muted" /> : ''}
              </td>
              <td safe>{t.organizationId}</td>
              <td safe>{String(t.currentVersion)}</td>
              <td safe>{t.currency}</td>
              <td safe>{t.priceGroups.join(', ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.items.length === 0 ? <p class="muted">No tariffs yet.</p> : ''}
      {/* the rendered Pager component: markup whose text it escaped itself */}
      {p.pager as 'safe'}
    </Layout>
  )
}

/** The "what does a session cost" form and, once asked, its answer. */
export interface PreviewView {
  form: FormState
  answer?: PreviewAnswerView
}

/** The week chart's line and the zone it is drawn in. */
export interface WeekChartView {
  points: Point[]
  timeZone: string
  currency: string
  /** Elements the chart cannot draw (restricted by kWh, power, current, duration), by number. */
  skipped: number[]
}

/** The tariff page. */
export interface TariffPageProps {
  operator: string
  tariff: TariffDetailView
  canWrite: boolean
  week: WeekChartView
  preview: PreviewView
}

/** The answer to "what does this session cost": the total and each line with why. */
export function PreviewResult(p: { tariffId: string; preview: PreviewView }) {
  const a = p.preview.answer
  const errors = p.preview.form.errors
  return (
    <div id="preview-result" aria-live="polite">
      {errors.form ? (
        <p class="error" role="alert" safe>
          {errors.form}
        </p>
      ) : (
        ''
      )}
      {a ? (
        <>
          <p class="preview-total">
            <strong safe>{`${a.inclVat} ${a.currency} incl. VAT`}</strong>{' '}
            <span class="muted" safe>{`(${a.exclVat} excl., VAT ${a.vat}; version ${a.version})`}</span>
          </p>
          {a.adjustment ? <p safe>{a.adjustment}</p> : ''}
          <table class="preview-lines">
            <thead>
              <tr>
                <th>Price of</th>
                <th>Why</th>
                <th>Billed</th>
                <th>Unit price</th>
                <th>Excl. VAT</th>
                <th>VAT</th>
              </tr>
            </thead>
            <tbody>
              {a.lines.map((l) => (
                <tr>
                  <td safe>{l.dimension}</td>
                  <td safe>{l.why}</td>
                  <td safe>{l.used}</td>
                  <td safe>{l.unitPrice}</td>
                  <td safe>{l.exclVat}</td>
                  <td safe>{l.vat}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        ''
      )}
    </div>
  )
}

function PreviewForm(p: { tariffId: string; preview: PreviewView }) {
  const { values, errors } = p.preview.form
  const v = (k: string) => values[k] ?? ''
  const action = `${href(p.tariffId)}/preview`
  return (
    <form
      method="get"
      action={action}
      class="card preview-form"
      hx-get={action}
      hx-target="#preview-result"
      hx-swap="outerHTML"
    >
      <Field label="Start (local time)" name="start" error={errors.start}>
        <input type="datetime-local" name="start" value={v('start')} />
      </Field>
      <Field label="kWh" name="kwh" error={errors.kwh}>
        <input name="kwh" inputmode="decimal" value={v('kwh')} />
      </Field>
      <Field label="Hours plugged in" name="hours" error={errors.hours}>
        <input name="hours" inputmode="decimal" value={v('hours')} />
      </Field>
      <Field label="Power (kW)" name="power" error={errors.power}>
        <input name="power" inputmode="decimal" value={v('power')} />
      </Field>
      <Field label="Time zone" name="zone" error={errors.zone}>
        <input name="zone" value={v('zone')} />
      </Field>
      <button type="submit">What does it cost?</button>
    </form>
  )
}

/** `/admin/tariffs/:id`: the current version in words, the week chart, the cost question, the history. */
export function TariffPage(p: TariffPageProps) {
  const t = p.tariff
  return (
    <Layout title={t.name} operator={p.operator} active="tariffs">
      <h1 safe>{t.name}</h1>
      <p class="muted" safe>
        {`${t.id} · ${t.organizationId} · version ${t.currentVersion} · ${t.currency}${t.archived ? ' · archived' : ''}`}
      </p>
      {p.canWrite && !t.archived ? (
        <p>
          <a href={`${href(t.id)}/edit`}>New version</a>
        </p>
      ) : (
        ''
      )}
      <h2 safe>{`Version ${t.currentVersion}`}</h2>
      <ol class="tariff-elements">
        {t.elements.map((e) => (
          <li safe>{e}</li>
        ))}
      </ol>
      <ul class="tariff-facts">
        {t.facts.map((f) => (
          <li safe>{f}</li>
        ))}
      </ul>
      <h2>The price per kWh over a week</h2>
      <TimeChart
        series={[{ label: 'energy price', color: EV_COLOR, points: p.week.points }]}
        quantity="Energy price incl. VAT"
        unit={`${p.week.currency}/kWh`}
        label={`Energy price of ${t.name} from Monday to Sunday`}
        empty="No element prices energy by the clock."
        timeZone={p.week.timeZone}
      />
      <p class="hint" safe>
        {`Monday 00:00 to Sunday 24:00 this week, in ${p.week.timeZone}.${p.week.skipped.length > 0 ? ` Not drawn: element ${p.week.skipped.join(', ')} (restricted by the session: kWh, current, power, duration or reservations).` : ''}`}
      </p>
      <h2>What does a session cost?</h2>
      <PreviewForm tariffId={t.id} preview={p.preview} />
      <PreviewResult tariffId={t.id} preview={p.preview} />
      <h2>Price groups</h2>
      <p safe>{t.priceGroups.join(', ') || 'No price group charges this tariff.'}</p>
      <h2>Versions</h2>
      <table class="tariff-versions">
        <thead>
          <tr>
            <th>Version</th>
            <th>Written</th>
            <th>By</th>
          </tr>
        </thead>
        <tbody>
          {t.versions.map((v) => (
            <tr>
              <td safe>{`${v.version}${v.current ? ' (current)' : ''}`}</td>
              <td safe>{v.createdAt}</td>
              <td safe>{v.createdBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  )
}
