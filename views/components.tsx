import type { PropsWithChildren } from '@kitajs/html'

/** Colour class of a connector or charger status. */
export function statusTone(status: string): string {
  if (status === 'Available') return 'ok'
  if (status === 'Charging') return 'busy'
  if (['Preparing', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Occupied', 'Reserved'].includes(status))
    return 'warn'
  if (status === 'Faulted') return 'bad'
  return 'off'
}

/** A coloured status pill. */
export function Badge(props: { text: string; tone?: string; title?: string }) {
  return (
    <span class={`badge ${props.tone ?? statusTone(props.text)}`} title={props.title} safe>
      {props.text}
    </span>
  )
}

/** Online/offline dot with text. */
export function Online(props: { online: boolean }) {
  return props.online ? <Badge text="online" tone="ok" /> : <Badge text="offline" tone="off" />
}

/** A form's state: what was typed, the message per field, and a notice after saving. */
export interface FormState {
  values: Record<string, string>
  errors: Record<string, string>
  notice?: string
}

/** A labelled form field with its error message, if any. */
export function Field(
  props: PropsWithChildren<{ label: string; name: string; error?: string | undefined; hint?: string }>,
) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as children
    <label class={`field ${props.error ? 'has-error' : ''}`}>
      <span class="label" safe>
        {props.label}
      </span>
      {props.children}
      {props.error ? (
        <span class="error" role="alert" safe>
          {props.error}
        </span>
      ) : props.hint ? (
        <span class="hint" safe>
          {props.hint}
        </span>
      ) : (
        ''
      )}
    </label>
  )
}

/** A notice after an action. */
export function Notice(props: { tone: 'ok' | 'bad' | 'warn'; text: string }) {
  return (
    <p class={`notice ${props.tone}`} role="status" safe>
      {props.text}
    </p>
  )
}

/** Previous / next links over a paged list. */
export function Pager(props: {
  total: number
  limit: number
  offset: number
  href: (offset: number) => string
}) {
  const { total, limit, offset } = props
  const last = Math.min(total, offset + limit)
  return (
    <div class="pager">
      <span class="muted" safe>
        {total === 0 ? 'none' : `${offset + 1}–${last} of ${total}`}
      </span>
      {offset > 0 ? <a href={props.href(Math.max(0, offset - limit))}>← previous</a> : ''}
      {last < total ? <a href={props.href(offset + limit)}>next →</a> : ''}
    </div>
  )
}
