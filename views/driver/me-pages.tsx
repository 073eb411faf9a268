import { Notice } from '../components'
import { MeShell } from './me-shell'
import type { Messages } from './messages'
import { PriceBox, type PriceView } from './price'
import { DriverLive, type DriverLiveProps } from './session'

/** The event that ends a signed-out page's stream (`sse-close`) and shows why. */
export const SIGNED_OUT_EVENT = 'signed-out'
/** The event that tells the page a session of the driver's started: the running list is read again. */
export const NEW_SESSION_EVENT = 'new-session'

/** What a signed-out page shows where its live figures stopped. */
export function SignedOutNotice(props: { m: Messages }) {
  return (
    <p class="notice bad">
      <span safe>{props.m.live.signedOut}</span>{' '}
      <a href="/me/sign-in" safe>
        {props.m.signIn.heading}
      </a>
    </p>
  )
}

/** A running session on the driver's page: the live fragment and the link to its own page. */
export interface RunningView {
  live: DriverLiveProps
  href: string
}

/** The "now" tab: the running sessions with live energy and cost, and the prices where the driver charges. */
export function NowPage(props: {
  m: Messages
  email: string
  running: RunningView[]
  prices: { where: string; price: PriceView }[]
}) {
  const { m } = props
  return (
    <MeShell m={m} email={props.email} active="now" self="/me">
      <h1 safe>{m.now.heading}</h1>
      <div hx-ext="sse" sse-connect="/me/live" sse-close={SIGNED_OUT_EVENT}>
        <div class="live-notice" sse-swap={SIGNED_OUT_EVENT} />
        <div
          id="running-list"
          hx-get="/me"
          hx-trigger={`sse:${NEW_SESSION_EVENT}`}
          hx-select="#running-list"
          hx-swap="outerHTML"
        >
          {props.running.length === 0 ? (
            <p class="card muted" id="no-running" safe>
              {m.now.none}
            </p>
          ) : (
            props.running.map((r) => (
              <div class="driver-running">
                <DriverLive {...r.live} />
                <a class="button" href={r.href} safe>
                  {m.now.open}
                </a>
              </div>
            ))
          )}
        </div>
      </div>
      {props.prices.length ? (
        <section class="card" id="prices">
          <h2 safe>{m.now.prices}</h2>
          <p class="muted small" safe>
            {m.now.pricesIntro}
          </p>
          {props.prices.map((p) => (
            <PriceBox price={p.price} m={m} where={p.where} />
          ))}
        </section>
      ) : (
        ''
      )}
    </MeShell>
  )
}

/** One past or running session in the history. */
export interface HistoryRow {
  started: string
  where: string
  energy: string
  cost: string
}

/** The history tab: the sessions of the driver's cards with their costs. */
export function HistoryPage(props: { m: Messages; email: string; rows: HistoryRow[] }) {
  const { m } = props
  return (
    <MeShell m={m} email={props.email} active="history" self="/me/history">
      <section class="card" id="history">
        <h1 safe>{m.history.heading}</h1>
        {props.rows.length === 0 ? (
          <p class="muted" safe>
            {m.history.none}
          </p>
        ) : (
          <table class="driver-history">
            <thead>
              <tr>
                <th safe>{m.history.started}</th>
                <th safe>{m.history.where}</th>
                <th safe>{m.history.energy}</th>
                <th safe>{m.history.cost}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td safe>{r.started}</td>
                  <td safe>{r.where}</td>
                  <td safe>{r.energy}</td>
                  <td class="cost" safe>
                    {r.cost}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </MeShell>
  )
}

/** A card as the driver sees it. */
export interface CardView {
  uid: string
  label: string | null
  status: string
}

/** One card with its status and, while it works, the block button (htmx swaps the row). */
export function CardRow(props: { m: Messages; card: CardView; notice?: string }) {
  const { m, card } = props
  const action = `/me/cards/${encodeURIComponent(card.uid)}/block`
  return (
    <li class="driver-card" id={`card-${card.uid.replace(/[^A-Za-z0-9_-]/g, '_')}`}>
      <span class="uid" safe>
        {card.label ? `${card.label} (${card.uid})` : card.uid}
      </span>
      <span class={`status ${card.status === 'Accepted' ? 'ok' : 'bad'}`} safe>
        {m.cards.status[card.status] ?? card.status}
      </span>
      {card.status === 'Accepted' ? (
        <form
          method="post"
          action={action}
          hx-post={action}
          hx-target="closest li"
          hx-swap="outerHTML"
          hx-confirm={m.cards.confirm}
        >
          <button type="submit" class="danger" safe>
            {m.cards.block}
          </button>
        </form>
      ) : (
        ''
      )}
      {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
    </li>
  )
}

/** The cards tab: the driver's own cards, a lost one blocked with one click. */
export function CardsPage(props: { m: Messages; email: string; cards: CardView[]; notice?: string }) {
  const { m } = props
  return (
    <MeShell m={m} email={props.email} active="cards" self="/me/cards">
      <section class="card" id="cards">
        <h1 safe>{m.cards.heading}</h1>
        {props.notice ? <Notice tone="ok" text={props.notice} /> : ''}
        {props.cards.length === 0 ? (
          <p class="muted" safe>
            {m.cards.none}
          </p>
        ) : (
          <ul class="driver-cards">
            {props.cards.map((c) => (
              <CardRow m={m} card={c} />
            ))}
          </ul>
        )}
      </section>
    </MeShell>
  )
}

/** A household as the driver sees it (read-only). */
export interface HouseholdView {
  title: string
  members: string[]
  cards: CardView[]
}

/** The household tab: its members and their cards. */
export function HouseholdPage(props: { m: Messages; email: string; households: HouseholdView[] }) {
  const { m } = props
  return (
    <MeShell m={m} email={props.email} active="household" self="/me/household">
      <section class="card" id="household">
        <h1 safe>{m.household.heading}</h1>
        {props.households.length === 0 ? (
          <p class="muted" safe>
            {m.household.none}
          </p>
        ) : (
          props.households.map((h) => (
            <div class="driver-household">
              <h2 safe>{h.title}</h2>
              <h3 safe>{m.household.members}</h3>
              <ul>
                {h.members.map((name) => (
                  <li safe>{name}</li>
                ))}
              </ul>
              <h3 safe>{m.household.cards}</h3>
              <ul>
                {h.cards.map((c) => (
                  <li safe>{`${c.label ?? c.uid} · ${m.cards.status[c.status] ?? c.status}`}</li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
    </MeShell>
  )
}
