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
