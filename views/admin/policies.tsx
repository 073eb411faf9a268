import { Badge, Notice } from '../components'
import { Layout } from '../layout'
import type { Choice } from './policy-form'

/** A policy as the list shows it: its place in the order and its who × where × when × with what in words. */
export interface PolicyItemView {
  id: string
  name: string
  position: number
  enabled: boolean
  effect: 'allow' | 'deny'
  who: string
  where: string
  when: string
  withWhat: string
  first: boolean
  last: boolean
}

/** The policies of one organization, in evaluation order. */
export interface PolicyOrgView {
  organizationId: string
  organizationName: string
  items: PolicyItemView[]
}

/** The "try a token" form's values and messages, and the answer once asked. */
export interface TryView {
  values: Record<string, string>
  errors: Record<string, string>
  answer?: TryAnswerView
}

/** A decision as the admin shows it. */
export interface TryAnswerView {
  allowed: boolean
  status201: string
  status16: string
  decidedBy: string
  at: string
  explanation: string[]
}

/** Everything the policies page shows. */
export interface PoliciesPageProps {
  operator: string
  orgs: PolicyOrgView[]
  canWrite: boolean
  notice?: string
  error?: string
  chargers: Choice[]
  tryForm: TryView
}

function PolicyRow(p: { item: PolicyItemView; canWrite: boolean }) {
  const i = p.item
  const base = `/admin/policies/${encodeURIComponent(i.id)}`
  const move = (direction: 'up' | 'down', label: string, disabled: boolean) => (
    <form
      method="post"
      action={`${base}/move`}
      hx-post={`${base}/move`}
      hx-target="#policy-list"
      hx-swap="outerHTML"
      class="inline"
    >
      <input type="hidden" name="direction" value={direction} />
      <button
        type="submit"
        class="link"
        disabled={disabled}
        title={`Move ${direction}`}
        safe
        aria-label={`Move ${i.name} ${direction}`}
      >
        {label}
      </button>
    </form>
  )
  return (
    <tr data-policy={i.id} class={i.enabled ? '' : 'muted'}>
      <td class="mono" safe>
        {String(i.position)}
      </td>
      <td>
        <a href={base} safe>
          {i.name}
        </a>
        {i.enabled ? '' : <span class="muted"> (disabled)</span>}
      </td>
      <td>
        <Badge text={i.effect} tone={i.effect === 'allow' ? 'ok' : 'bad'} />
      </td>
      <td safe>{i.who}</td>
      <td safe>{i.where}</td>
      <td safe>{i.when}</td>
      <td safe>{i.withWhat}</td>
      <td>
        {p.canWrite ? (
          <>
            {move('up', '↑', i.first)}
            {move('down', '↓', i.last)}
            <form
              method="post"
              action={`${base}/delete`}
              class="inline"
              hx-confirm={`Delete the policy "${i.name}"? Chargers' lists follow within a minute.`}
            >
              <button type="submit" class="link">
                Delete
              </button>
            </form>
          </>
        ) : (
          ''
        )}
      </td>
    </tr>
  )
}

/** The ordered lists (the fragment a move answers with). */
export function PolicyList(p: Pick<PoliciesPageProps, 'orgs' | 'canWrite' | 'notice' | 'error'>) {
  return (
    <section id="policy-list">
      {p.notice ? <Notice tone="ok" text={p.notice} /> : ''}
      {p.error ? <Notice tone="bad" text={p.error} /> : ''}
      {p.orgs.length === 0 ? <p class="muted">No policies yet: every site follows its default.</p> : ''}
      {p.orgs.map((o) => (
        <div class="card">
          <h2 safe>{o.organizationName}</h2>
          <table class="dense policies">
            <thead>
              <tr>
                <th>#</th>
                <th>Policy</th>
                <th>Effect</th>
                <th>Who</th>
                <th>Where</th>
                <th>When</th>
                <th>With</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {o.items.map((item) => (
                <PolicyRow item={item} canWrite={p.canWrite} />
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  )
}

/** The answer to "try a token" (the fragment the try form swaps in). */
export function TryResult(p: { tryForm: TryView }) {
  const a = p.tryForm.answer
  const errors = Object.values(p.tryForm.errors)
  return (
    <div id="try-result">
      {errors.map((e) => (
        <p class="error" role="alert" safe>
          {e}
        </p>
      ))}
      {a ? (
        <div class={`try-answer ${a.allowed ? 'allowed' : 'refused'}`} data-allowed={String(a.allowed)}>
          <p>
            <Badge text={a.allowed ? 'Accepted' : 'Refused'} tone={a.allowed ? 'ok' : 'bad'} />{' '}
            <span
              safe
            >{`at ${a.at}: OCPP 2.0.1 ${a.status201}, OCPP 1.6 ${a.status16} (decided by ${a.decidedBy})`}</span>
          </p>
          <ul class="explanation">
            {a.explanation.map((line) => (
              <li safe>{line}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
    </div>
  )
}

/** The "try a token" form: what a charger would answer a card, now or at a local time. */
export function TryForm(p: { chargers: Choice[]; tryForm: TryView }) {
  const v = p.tryForm.values
  return (
    <section class="card" id="try-token">
      <h2>Try a token</h2>
      <form
        method="get"
        action="/admin/policies/try"
        hx-get="/admin/policies/try"
        hx-target="#try-result"
        hx-swap="outerHTML"
        class="try-form"
      >
        <label class="inline">
          Token <input name="uid" required maxlength="64" value={v.uid ?? ''} />
        </label>
        <label class="inline">
          Charger{' '}
          <select name="chargerId" required>
            {p.chargers.map((c) => (
              <option value={c.value} selected={c.value === v.chargerId} safe>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          EVSE <input type="number" name="evseId" min="1" size="3" value={v.evseId ?? ''} />
        </label>
        <label class="inline">
          At (site's local time; empty: now) <input type="datetime-local" name="at" value={v.at ?? ''} />
        </label>
        <button type="submit">Try</button>
      </form>
      <TryResult tryForm={p.tryForm} />
    </section>
  )
}

/** The policies of the caller's organizations in evaluation order, with moves, and "try a token". */
export function PoliciesPage(p: PoliciesPageProps) {
  return (
    <Layout title="Access policies" operator={p.operator} active="policies">
      <h1>Access policies</h1>
      <p>
        The first enabled policy whose who, where and when match decides; the site's own organization's
        policies come before its parents'. When none decides, the site's default does.{' '}
        {p.canWrite ? <a href="/admin/policies/new">New policy</a> : ''} ·{' '}
        <a href="/admin/policies/timetable">Weekly timetable</a>
      </p>
      <PolicyList orgs={p.orgs} canWrite={p.canWrite} notice={p.notice} error={p.error} />
      <TryForm chargers={p.chargers} tryForm={p.tryForm} />
    </Layout>
  )
}
