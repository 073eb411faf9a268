import { type Point, TimeChart } from '../chart'
import { EV_COLOR } from '../chart-colors'
import { Field, type FormState } from '../components'
import { Layout } from '../layout'
import { FormMessages, type OrgChoice, OrgPicker } from './people-tabs'

/** A price series as the list and its page show it. */
export interface SeriesView {
  id: string
  name: string
  organizationId: string
  currency: string
  slotMinutes: number
  zone: string
  /** How many slots it has and the span they cover, in words. */
  extent: string
}

/** One slot in a preview, in local time. */
export interface SlotView {
  from: string
  to: string
  pricePerKwh: string
}

/** What an upload would do (or did), or every line that cannot be read. */
export interface UploadView {
  imported: boolean
  /** Totals in words, e.g. `96 slots: 90 new, 2 revised, 4 unchanged`. */
  counts: string | null
  first: SlotView[]
  errors: { line: number; message: string }[]
}

/** The list page. */
export interface PriceSeriesListProps {
  operator: string
  items: SeriesView[]
  canWrite: boolean
  orgs: { choices: OrgChoice[]; own: string }
  form: FormState
}

const href = (id: string) => `/admin/price-series/${encodeURIComponent(id)}`

/** `/admin/price-series`: the scope's series and, for a writer, the form for a new one. */
export function PriceSeriesListPage(p: PriceSeriesListProps) {
  const v = (k: string) => p.form.values[k] ?? ''
  return (
    <Layout title="Price series" operator={p.operator} active="tariffs">
      <p>
        <a href="/admin/tariffs">Tariffs</a> · Price series
      </p>
      <h1>Price series</h1>
      <p class="hint">
        Spot prices per slot (e.g. Nord Pool SE3) a tariff can follow: each slot's price plus the tariff's
        markup; a slot the series does not have costs the tariff's fallback price.
      </p>
      <table class="price-series">
        <thead>
          <tr>
            <th>Name</th>
            <th>Organization</th>
            <th>Zone</th>
            <th>Slots</th>
            <th>Currency</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((s) => (
            <tr>
              <td>
                <a href={href(s.id)} safe>
                  {s.name}
                </a>
              </td>
              <td safe>{s.organizationId}</td>
              <td safe>{`${s.zone}, ${s.slotMinutes} min`}</td>
              <td safe>{s.extent}</td>
              <td safe>{s.currency}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.items.length === 0 ? <p class="muted">No price series yet.</p> : ''}
      {p.canWrite ? (
        <section class="card" id="new-series">
          <h2>New price series</h2>
          <FormMessages errors={p.form.errors} />
          <form method="post" action="/admin/price-series">
            <Field label="Name" name="name" error={p.form.errors.name}>
              <input name="name" value={v('name')} placeholder="Nord Pool SE3" required />
            </Field>
            <Field label="Bidding zone" name="zone" error={p.form.errors.zone}>
              <input name="zone" value={v('zone')} placeholder="SE3" required />
            </Field>
            <Field label="Currency" name="currency" error={p.form.errors.currency}>
              <input name="currency" value={v('currency') || 'SEK'} maxlength="3" required />
            </Field>
            <Field label="Slot length" name="slotMinutes" error={p.form.errors.slotMinutes}>
              <select name="slotMinutes">
                <option value="15" selected={v('slotMinutes') !== '60'}>
                  15 minutes
                </option>
                <option value="60" selected={v('slotMinutes') === '60'}>
                  1 hour
                </option>
              </select>
            </Field>
            <OrgPicker choices={p.orgs.choices} value={v('organizationId') || p.orgs.own} />
            <button type="submit" class="primary">
              Create
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  )
}

/** A series' page. */
export interface PriceSeriesPageProps {
  operator: string
  series: SeriesView
  canWrite: boolean
  chart: { points: Point[]; timeZone: string; from: string; to: string }
  /** The CSV as uploaded or pasted, carried from the preview to the import. */
  text: string
  unit: 'MWh' | 'kWh'
  maxBytes: number
  error?: string
  upload?: UploadView
}

/** `/admin/price-series/:id`: its slots as a chart, and the CSV upload with a preview before importing. */
export function PriceSeriesPage(p: PriceSeriesPageProps) {
  const s = p.series
  const u = p.upload
  const action = `${href(s.id)}/import`
  return (
    <Layout title={s.name} operator={p.operator} active="tariffs">
      <p>
        <a href="/admin/tariffs">Tariffs</a> · <a href="/admin/price-series">Price series</a>
      </p>
      <h1 safe>{s.name}</h1>
      <p class="muted" safe>
        {`${s.id} · ${s.organizationId} · ${s.zone} · ${s.slotMinutes}-minute slots · ${s.currency} per kWh excl. VAT · ${s.extent}`}
      </p>
      <h2>Prices</h2>
      <TimeChart
        series={[{ label: 'spot price', color: EV_COLOR, points: p.chart.points }]}
        quantity="Spot price excl. VAT"
        unit={`${s.currency}/kWh`}
        label={`Spot prices of ${s.name} from ${p.chart.from} to ${p.chart.to}`}
        empty="No slots imported yet."
        timeZone={p.chart.timeZone}
      />
      <p class="hint" safe>
        {`${p.chart.from} to ${p.chart.to} (the last week with prices), in ${p.chart.timeZone}.`}
      </p>
      {u ? <UploadReport upload={u} /> : ''}
      {p.canWrite && u && !u.imported && u.errors.length === 0 ? (
        <section class="card" id="import-confirm">
          <h2>Import these slots</h2>
          <form method="post" action={action} enctype="multipart/form-data" class="inline">
            <input type="hidden" name="step" value="import" />
            <input type="hidden" name="unit" value={p.unit} />
            <input type="hidden" name="text" value={p.text} />
            <button type="submit" class="primary">
              Import
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
      {p.canWrite ? (
        <section class="card" id="upload">
          <h2>{u ? 'Preview another file' : 'Upload prices (CSV)'}</h2>
          <p class="muted">
            A header line, then start,end,price per line: ISO times with their offset (the repeated autumn
            hour is told apart by it), e.g. 2026-12-08T00:00+01:00,2026-12-08T00:15+01:00,873.14. All or
            nothing; a slot already imported at another price is revised, the old price kept.
          </p>
          <FormMessages errors={p.error ? { form: p.error } : {}} />
          <form method="post" action={action} enctype="multipart/form-data">
            <input type="hidden" name="step" value="preview" />
            <Field
              label="A file"
              name="file"
              hint={`at most ${Math.floor(p.maxBytes / 1024)} KB; larger files through the API`}
            >
              <input type="file" name="file" accept=".csv,text/csv" />
            </Field>
            <Field label="or the lines pasted here" name="text">
              <textarea name="text" rows="6" cols="80" safe>
                {u ? '' : p.text}
              </textarea>
            </Field>
            <Field label="Prices are per" name="unit">
              <select name="unit">
                <option value="MWh" selected={p.unit === 'MWh'}>
                  MWh (as Nord Pool publishes)
                </option>
                <option value="kWh" selected={p.unit === 'kWh'}>
                  kWh
                </option>
              </select>
            </Field>
            <button type="submit" class="primary">
              Preview
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  )
}

/** The preview or outcome of an upload: totals, the first slots, and every bad line. */
function UploadReport(p: { upload: UploadView }) {
  const u = p.upload
  return (
    <section class="card" id="upload-report">
      <h2>
        {u.imported
          ? 'Imported'
          : u.errors.length > 0
            ? 'Nothing can be imported'
            : 'Preview: nothing is imported yet'}
      </h2>
      {u.counts ? <p safe>{u.counts}</p> : ''}
      {u.errors.length > 0 ? (
        <table class="upload-errors">
          <thead>
            <tr>
              <th>Line</th>
              <th>What to fix</th>
            </tr>
          </thead>
          <tbody>
            {u.errors.map((e) => (
              <tr>
                <td safe>{String(e.line)}</td>
                <td safe>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
      {u.first.length > 0 ? (
        <table class="upload-slots">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th>Price per kWh excl. VAT</th>
            </tr>
          </thead>
          <tbody>
            {u.first.map((s) => (
              <tr>
                <td safe>{s.from}</td>
                <td safe>{s.to}</td>
                <td safe>{s.pricePerKwh}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </section>
  )
}
