import { Badge, Field, type FormState } from '../components'
import { Layout } from '../layout'
import type { CdrDetailView, CdrItemView } from './cdr-models'
import { type KeyPageInfo, KeyPager } from './key-pager'

const href = (id: string) => `/admin/cdrs/${encodeURIComponent(id)}`

/** `/admin/cdrs`: the CDRs of the scope, newest first, filtered by charger and dates, paged by key. */
export function CdrsPage(p: {
  operator: string
  items: CdrItemView[]
  filter: FormState
  page: KeyPageInfo
  limit: number
}) {
  const v = (k: string) => p.filter.values[k] ?? ''
  return (
    <Layout title="CDRs" operator={p.operator} active="cdrs">
      <h1>Charge detail records</h1>
      <form method="get" action="/admin/cdrs" class="card cdr-filter">
        <Field label="Charger" name="chargerId" error={p.filter.errors.chargerId}>
          <input name="chargerId" maxlength="48" value={v('chargerId')} />
        </Field>
        <Field label="Ended from (date)" name="from" error={p.filter.errors.from}>
          <input type="date" name="from" value={v('from')} />
        </Field>
        <Field label="Ended up to (date)" name="to" error={p.filter.errors.to}>
          <input type="date" name="to" value={v('to')} />
        </Field>
        <button type="submit">Show</button>
      </form>
      <section class="card">
        <table class="cdrs">
          <thead>
            <tr>
              <th>CDR</th>
              <th>Charger</th>
              <th>Token</th>
              <th>Started</th>
              <th>Ended</th>
              <th>Energy</th>
              <th>Total</th>
              <th>Flags</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((c) => (
              <tr>
                <td>
                  <a href={href(c.id)} safe>
                    {c.id}
                  </a>
                </td>
                <td safe>{`${c.chargerId} / ${c.evseId}`}</td>
                <td safe>{c.idTag}</td>
                <td safe>{c.startedAt}</td>
                <td safe>{c.endedAt}</td>
                <td safe>{c.energy}</td>
                <td safe>{c.total}</td>
                <td>
                  {c.flags.map((f) => (
                    <Badge text={f} tone="warn" />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {p.items.length === 0 ? <p class="muted">No CDRs match.</p> : ''}
        <KeyPager base="/admin/cdrs" page={p.page} limit={p.limit} filter={p.filter.values} />
      </section>
    </Layout>
  )
}

/** `/admin/cdrs/:id`: one CDR, read-only: the session, totals, periods, lines with why, flags, signed data. */
export function CdrPage(p: { operator: string; cdr: CdrDetailView }) {
  const c = p.cdr
  return (
    <Layout title={c.id} operator={p.operator} active="cdrs">
      <h1 safe>{`CDR ${c.id}`}</h1>
      <section class="card">
        <dl class="facts">
          <dt>Session</dt>
          <dd>
            <a href={`/admin/transactions/${c.transactionId}`} safe>
              {`transaction ${c.transactionId}`}
            </a>
          </dd>
          <dt>Charger</dt>
          <dd safe>{`${c.chargerId} / EVSE ${c.evseId}`}</dd>
          <dt>Token</dt>
          <dd safe>{c.idTag || '–'}</dd>
          <dt>From – to</dt>
          <dd safe>{`${c.startedAt} – ${c.endedAt}`}</dd>
          <dt>Energy</dt>
          <dd safe>{c.energy}</dd>
          <dt>Time</dt>
          <dd safe>{`${c.hours || '–'}${c.parkedHours ? `, of which parked ${c.parkedHours}` : ''}`}</dd>
          <dt>Tariff</dt>
          <dd>
            {c.tariffId ? (
              <a href={`/admin/tariffs/${encodeURIComponent(c.tariffId)}`} safe>
                {`${c.tariffId}, version ${c.tariffVersion ?? ''}`}
              </a>
            ) : (
              'none'
            )}
          </dd>
          <dt>Total excl. VAT</dt>
          <dd safe>{`${c.totalExclVat} ${c.currency}`}</dd>
          <dt>VAT</dt>
          <dd safe>{`${c.vat} ${c.currency}`}</dd>
          <dt>Total incl. VAT</dt>
          <dd class="cdr-total" safe>{`${c.totalInclVat} ${c.currency}`}</dd>
        </dl>
      </section>
      {c.flagMeanings.length > 0 ? (
        <section class="card">
          <h2>Check before billing</h2>
          <ul class="cdr-flags">
            {c.flagMeanings.map((f) => (
              <li>
                <Badge text={f.flag} tone="warn" /> <span safe>{f.meaning}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <section class="card">
        <h2>Priced lines</h2>
        {c.lines.length > 0 ? (
          <table class="cdr-lines">
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
              {c.lines.map((l) => (
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
        ) : (
          <p class="muted">No priced lines: no tariff, or the session's readings are not kept.</p>
        )}
        <h2>Charging periods</h2>
        <table class="cdr-periods">
          <thead>
            <tr>
              <th>From</th>
              <th>Dimensions (kWh, hours)</th>
            </tr>
          </thead>
          <tbody>
            {c.periods.map((period) => (
              <tr>
                <td safe>{period.start}</td>
                <td safe>{period.dimensions}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {c.periods.length === 0 ? <p class="muted">No charging periods (no tariff priced it).</p> : ''}
      </section>
      <section class="card">
        <h2>Signed meter data</h2>
        {c.signedData ? (
          <pre class="signed-data" safe>
            {c.signedData}
          </pre>
        ) : (
          <p class="muted">The charger sent no signed meter data for this session.</p>
        )}
      </section>
    </Layout>
  )
}
