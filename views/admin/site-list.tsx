import type { Site } from '@src/domain/site/site-config'
import type { SiteStatus } from '@src/domain/site/status'
import { Field, type FormState, Notice } from '../components'
import { Layout } from '../layout'
import { siteHref } from './site-actions'
import { MiniMeter } from './site-bars'
import { TimeZoneField } from './site-forms'
import { HealthBadge } from './site-health'

/** A site with its size and latest status, for one row. */
export interface SiteListItem {
  site: Site
  chargers: number
  evses: number
  status: SiteStatus | undefined
}

export interface SitesPageProps {
  operator: string
  now: number
  items: SiteListItem[]
  form: FormState
  /** accounts: false for a reader without `sites:write` (a board member), who gets no add form. */
  canAdd?: boolean
}

/** SSE event names of a site row's live cells. */
export const siteRowEvents = (id: string) => ({
  load: `site-load:${encodeURIComponent(id)}`,
  health: `site-health:${encodeURIComponent(id)}`,
})

/** The main fuse's load per phase against its limit (a live cell). */
export function SiteLoadCell(props: { status: SiteStatus | undefined; phases: number }) {
  const s = props.status
  if (!s) return <span class="muted">—</span>
  return (
    <>
      {[0, 1, 2].slice(0, props.phases === 1 ? 1 : 3).map((i) => (
        <div>
          <MiniMeter value={s.loadA[i]!} limit={s.limitA} label={`L${i + 1}`} />
        </div>
      ))}
    </>
  )
}

/** Health and the first problem (a live cell). */
export function SiteHealthCell(props: { status: SiteStatus | undefined; now: number }) {
  const first = props.status?.problems[0]
  return (
    <>
      <HealthBadge status={props.status} now={props.now} />
      {first ? (
        <div class="small muted" safe>
          {first}
        </div>
      ) : (
        ''
      )}
    </>
  )
}

/** The sites list, live, with a form to add a site. */
export function SitesPage(props: SitesPageProps) {
  return (
    <Layout title="Sites" operator={props.operator} active="sites">
      <h1>Sites</h1>
      <section class="card" hx-ext="sse" sse-connect="/admin/live/sites">
        {props.items.length ? (
          <table class="sites">
            <thead>
              <tr>
                <th>Site</th>
                <th>Main fuse</th>
                <th>Chargers</th>
                <th>Load against limit</th>
                <th>Health</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <SiteRowView item={item} now={props.now} />
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">No sites yet: add one below, then put chargers on it.</p>
        )}
      </section>
      {props.canAdd === false ? '' : <AddSiteForm {...props.form} />}
    </Layout>
  )
}

function SiteRowView(props: { item: SiteListItem; now: number }) {
  const { site, status } = props.item
  const events = siteRowEvents(site.id)
  return (
    <tr id={`site-${encodeURIComponent(site.id)}`}>
      <td>
        <a href={siteHref(site.id)} safe>
          {site.name}
        </a>
        <div class="muted small mono" safe>
          {site.id}
        </div>
      </td>
      <td safe>{`${site.phases === 1 ? '1' : '3'} × ${site.mainFuseA} A`}</td>
      <td safe>{`${props.item.chargers} chargers · ${props.item.evses} EVSEs`}</td>
      <td class="site-load" sse-swap={events.load}>
        <SiteLoadCell status={status} phases={site.phases} />
      </td>
      <td class="site-health" sse-swap={events.health}>
        <SiteHealthCell status={status} now={props.now} />
      </td>
    </tr>
  )
}

/** Creates a site; the rest of its settings are on its page. */
export function AddSiteForm(props: FormState) {
  const v = props.values
  const e = props.errors
  return (
    <section class="card" id="add-site">
      <h2>Add a site</h2>
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
      <form
        method="post"
        action="/admin/sites"
        hx-post="/admin/sites"
        hx-target="#add-site"
        hx-swap="outerHTML"
        class="inline"
      >
        <Field label="Id" name="id" error={e.id}>
          <input name="id" value={v.id ?? ''} required maxlength="48" size="12" />
        </Field>
        <Field label="Name" name="name" error={e.name}>
          <input name="name" value={v.name ?? ''} required maxlength="100" />
        </Field>
        <Field
          label="Organization (optional: yours when you have one)"
          name="organizationId"
          error={e.organizationId}
        >
          <input name="organizationId" value={v.organizationId ?? ''} maxlength="64" size="12" />
        </Field>
        <TimeZoneField v={v} e={e} />
        <Field label="Main fuse (A)" name="mainFuseA" error={e.mainFuseA}>
          <input name="mainFuseA" value={v.mainFuseA ?? ''} inputmode="decimal" size="6" />
        </Field>
        <Field label="Phases" name="phases" error={e.phases}>
          <select name="phases">
            <option value="3" selected={(v.phases ?? '3') === '3'}>
              three
            </option>
            <option value="1" selected={v.phases === '1'}>
              one
            </option>
          </select>
        </Field>
        <Field label="Voltage (V)" name="voltageV" error={e.voltageV}>
          <input name="voltageV" value={v.voltageV ?? '230'} inputmode="decimal" size="5" />
        </Field>
        <button type="submit" class="primary">
          Add site
        </button>
      </form>
    </section>
  )
}
