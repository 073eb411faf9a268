import type { SiteStatus } from '@src/domain/site/status'
import { Badge } from '../components'

/** A status older than this means the site loop is not running (ms). */
export const STALE_AFTER_MS = 10_000

/** How a site is doing, for people: from its latest status and its age. */
export function siteHealth(status: SiteStatus | undefined, now: number): { text: string; tone: string } {
  if (!status) return { text: 'no status yet', tone: 'off' }
  if (now - status.at > STALE_AFTER_MS) return { text: 'loop silent', tone: 'bad' }
  return status.health === 'ok' ? { text: 'ok', tone: 'ok' } : { text: 'degraded', tone: 'bad' }
}

/** The site's health as a badge, titled with its problems. */
export function HealthBadge(props: { status: SiteStatus | undefined; now: number }) {
  const h = siteHealth(props.status, props.now)
  return <Badge text={h.text} tone={h.tone} title={props.status?.problems.join('; ') ?? ''} />
}

const sourceTone: Record<string, string> = { driver: 'ok', ev: 'busy', pattern: 'warn', default: 'off' }

/** Where a departure came from (driver, ev, pattern, default). */
export function SourceBadge(props: { source: string | null }) {
  const source = props.source ?? 'default'
  return <Badge text={source} tone={sourceTone[source] ?? 'off'} />
}

/** `16.0 A` or an em dash. */
export function amps(a: number | null | undefined): string {
  return a === null || a === undefined ? '—' : `${a.toFixed(1)} A`
}

/** A form's state: what was typed, the message per field, and a notice after saving. */
export interface FormState {
  values: Record<string, string>
  errors: Record<string, string>
  notice?: string
}

/** The URL of a site's admin page (or a path under it). */
export const siteHref = (id: string, rest = '') => `/admin/sites/${encodeURIComponent(id)}${rest}`

/** htmx attributes of a form or button that posts to `action` and swaps the configuration section. */
export const swapConfig = (action: string) => ({
  method: 'post',
  action,
  'hx-post': action,
  'hx-target': '#site-config',
  'hx-swap': 'outerHTML',
})

/** Edit (fills the card's form) and Remove (after a confirmation) for a row of a site's table. */
export function RowActions(props: {
  site: string
  edit: string
  anchor: string
  remove: string
  confirm: string
}) {
  return (
    <td class="actions">
      <a
        href={siteHref(props.site, `?${props.edit}#${props.anchor}`)}
        hx-get={siteHref(props.site, `/config?${props.edit}`)}
        hx-target="#site-config"
        hx-swap="outerHTML"
      >
        Edit
      </a>{' '}
      <form
        {...swapConfig(siteHref(props.site, props.remove))}
        class="inline-action"
        hx-confirm={props.confirm}
      >
        <button type="submit" class="small">
          Remove
        </button>
      </form>
    </td>
  )
}
