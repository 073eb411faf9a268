import type { CommandOutcome } from '@src/domain/charger/commands'
import { Badge } from '../components'
import { formatDateTime } from '../format'
import { CommandResult } from './command-result'

/** A charger's local list as the admin shows it (a view model: no row reaches the view). */
export interface LocalListView {
  chargerId: string
  /** The version the charger acknowledged; 0: none. */
  version: number
  /** Entries the charger holds (as acknowledged). */
  entries: number
  /** Entries the last compiled list could not hold (over `maxEntries`). */
  dropped: number
  maxEntries: number | null
  lastStatus: string | null
  sentAt: number | null
  /** `up to date`, `owed`, `queued`, `sending` or `not supported`. */
  state: string
  nextChangeAt: number | null
  retryAt: number | null
  /** The charger page's outcome of a "Send now", when there was one. */
  result?: CommandOutcome
}

const tones: Record<string, 'ok' | 'warn' | 'bad'> = {
  'up to date': 'ok',
  owed: 'warn',
  queued: 'warn',
  sending: 'warn',
  'not supported': 'bad',
}

/**
 * The local authorisation list panel: what the charger holds (version, entries, what did not fit),
 * how the last update ended, whether one is owed or under way, when the list next changes (a window
 * opening or closing), and "Send now" for a Full list compiled from the access policies.
 */
export function LocalListPanel(props: LocalListView) {
  const id = encodeURIComponent(props.chargerId)
  return (
    <section class="card" id="local-list">
      <h2>Local list (offline access)</h2>
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <Badge text={props.state} tone={tones[props.state] ?? 'warn'} />
        </dd>
        <dt>Version held</dt>
        <dd safe>{String(props.version)}</dd>
        <dt>Entries</dt>
        <dd safe>
          {props.maxEntries === null
            ? String(props.entries)
            : `${props.entries} of at most ${props.maxEntries}`}
        </dd>
        <dt>Left out</dt>
        <dd>
          {props.dropped > 0 ? (
            <Badge text={`${props.dropped} (least important, the list is full)`} tone="bad" />
          ) : (
            'none'
          )}
        </dd>
        <dt>Last answer</dt>
        <dd safe>
          {props.lastStatus === null
            ? 'nothing sent yet'
            : `${props.lastStatus} at ${formatDateTime(props.sentAt)}`}
        </dd>
        <dt>Next change</dt>
        <dd safe>{props.nextChangeAt === null ? 'none ahead' : formatDateTime(props.nextChangeAt)}</dd>
        {props.retryAt === null ? (
          ''
        ) : (
          <>
            <dt>Retry</dt>
            <dd safe>{formatDateTime(props.retryAt)}</dd>
          </>
        )}
      </dl>
      <form hx-post={`/admin/chargers/${id}/local-list`} hx-target="#local-list" hx-swap="outerHTML">
        <button type="submit">Send now (full list)</button>
      </form>
      {props.result ? <CommandResult label="Send local list" outcome={props.result} /> : ''}
    </section>
  )
}
