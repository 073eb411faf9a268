import type { SiteSessionStatus } from '@src/domain/site/status'
import { formatDateTime, formatDuration, formatKw, formatKwh, formatTime } from '../format'
import { Layout } from '../layout'
import { DEPARTURE_SAVED, DepartureForm, type DepartureFormProps } from './departure-form'
import type { Messages } from './messages'
import { PriceBox, type PriceView } from './price'

/**
 * A charging session as its driver sees it: where, since when, and what the smart charging plans by.
 * Built from the transaction row by the http layer; the row's secrets (the page's own token among
 * them) stay there.
 */
export interface DriverSessionView {
  chargerId: string
  evseId: number
  startedAt: number
  /** Null while it runs. */
  endedAt: number | null
  departureAt: number | null
  /** Where the departure came from: `driver`, `ev`, `pattern`, or null (the default). */
  departureSource: string | null
  energyNeedWh: number | null
}

/** What the self-refreshing part of the driver page shows. */
export interface DriverLiveProps {
  now: number
  token: string
  tx: DriverSessionView
  chargerLabel: string | null
  energyWh: number | null
  powerW: number | null
  socPct: number | null
  /** The site loop's view of this session, when the charger is on a site that reported. */
  session: SiteSessionStatus | undefined
  /** The cost so far (or final) incl. VAT with its currency, e.g. `12.50 SEK`; null under no tariff. */
  cost: string | null
  /** The texts, in the driver's language. */
  m: Messages
  /**
   * `/me`: the live figures follow the page's event stream (`/me/live`) instead of polling, stamped
   * with when their view was made.
   */
  stream?: { transactionId: number; at: number }
}

/** How often the driver page refreshes itself. */
const REFRESH = 'every 5s'

/** A driver's page of one charging session: progress, departure and the form to change it. */
export function DriverPage(props: { live: DriverLiveProps; form: DepartureFormProps }) {
  return (
    <Layout title={props.live.m.title} lang={props.live.m.lang}>
      <div class="driver">
        <DriverLive {...props.live} />
        {props.live.tx.endedAt === null ? <DepartureForm {...props.form} /> : ''}
      </div>
    </Layout>
  )
}

/** Energy, power, state of charge, departure and expected completion; polls itself while running, unless it follows `/me`'s stream. */
export function DriverLive(props: DriverLiveProps) {
  const { tx, m, stream } = props
  const running = tx.endedAt === null
  const poll =
    running && !stream
      ? {
          'hx-get': `/drive/s/${encodeURIComponent(props.token)}/live`,
          'hx-trigger': `${REFRESH}, ${DEPARTURE_SAVED} from:body`,
          'hx-swap': 'outerHTML',
        }
      : {}
  const state = running ? m.live.chargingFor(formatDuration(props.now - tx.startedAt)) : m.live.ended
  const figures = { energyWh: props.energyWh, cost: props.cost, powerW: props.powerW, running, m }
  return (
    <section class="card" id="drive-live" {...poll}>
      <h1 safe>{props.chargerLabel ?? tx.chargerId}</h1>
      <p class="muted" safe>
        {m.live.connector(tx.evseId, state)}
      </p>
      <table class="driver-facts">
        {stream ? (
          <LiveFigures {...figures} {...stream} />
        ) : (
          <tbody>
            <FigureRows {...figures} />
          </tbody>
        )}
        <tbody>
          {props.socPct === null ? (
            ''
          ) : (
            <Row label={m.live.battery} name="soc" text={`${Math.round(props.socPct)} %`} />
          )}
          <Row label={m.live.departure} name="departure" text={departureText(tx, m)} />
          <Row
            label={m.live.need}
            name="need"
            text={tx.energyNeedWh === null ? m.live.notSet : formatKwh(tx.energyNeedWh)}
          />
          {running ? <Expected session={props.session} departureAt={tx.departureAt} m={m} /> : ''}
        </tbody>
      </table>
    </section>
  )
}

/** The figures a session's updates change: energy, cost so far (or final) and, while it runs, power. */
export interface FigureProps {
  energyWh: number | null
  /** The cost with its currency, e.g. `12.50 SEK`; null under no tariff. */
  cost: string | null
  powerW: number | null
  running: boolean
  m: Messages
}

/** The server-sent event that carries one session's {@link LiveFigures}. */
export const sessionEvent = (transactionId: number) => `session-${transactionId}`

/**
 * A session's live figures on `/me` and when they were updated; the page's event stream replaces the
 * whole group (`sse-swap`, outerHTML) with each `session.updated`, so the figures never disagree.
 */
export function LiveFigures(props: FigureProps & { transactionId: number; at: number }) {
  const { m } = props
  const when = props.running ? formatTime(props.at) : `${formatTime(props.at)} (${m.live.ended})`
  return (
    <tbody
      class="live-figures"
      id={`figures-${props.transactionId}`}
      sse-swap={sessionEvent(props.transactionId)}
      hx-swap="outerHTML"
    >
      <FigureRows {...props} />
      <Row label={m.live.updated} name="updated" text={when} />
    </tbody>
  )
}

function FigureRows(props: FigureProps) {
  const { m } = props
  return (
    <>
      <Row label={m.live.energy} name="energy" text={formatKwh(props.energyWh)} />
      <Row label={m.live.cost} name="cost" text={props.cost ?? m.live.noTariff} />
      {props.running ? <Row label={m.live.power} name="power" text={formatKw(props.powerW)} /> : ''}
    </>
  )
}

function Row(props: { label: string; name: string; text: string }) {
  return (
    <tr>
      <th safe>{props.label}</th>
      <td class={props.name} safe>
        {props.text}
      </td>
    </tr>
  )
}

/** The departure and where it came from, in words. */
function departureText(tx: DriverSessionView, m: Messages): string {
  if (tx.departureAt === null) return m.live.source.default
  const source = (tx.departureSource ?? 'default') as keyof Messages['live']['source']
  return `${formatDateTime(tx.departureAt)} (${m.live.source[source] ?? source})`
}

function Expected(props: {
  session: SiteSessionStatus | undefined
  departureAt: number | null
  m: Messages
}) {
  const s = props.session
  const late = s?.expectedDoneAt != null && props.departureAt !== null && s.expectedDoneAt > props.departureAt
  return (
    <tr>
      <th safe>{props.m.live.expected}</th>
      <td class={`expected ${late ? 'error' : ''}`} safe>
        {s?.expectedDoneAt == null
          ? props.m.live.notKnown
          : `${formatDateTime(s.expectedDoneAt)}${late ? props.m.live.late : ''}`}
      </td>
    </tr>
  )
}

/**
 * The QR-code page of a connector when no car is charging there; polls its own address (the code
 * included) until one starts, which then leads to the session's page.
 */
export function NoSessionPage(props: {
  self: string
  chargerId: string
  evseId: number
  chargerLabel: string | null
  /** The price a session here would start under. */
  price: PriceView
  m: Messages
}) {
  return (
    <Layout title={props.m.title} lang={props.m.lang}>
      <div class="driver">
        <section
          class="card"
          id="no-session"
          hx-get={props.self}
          hx-trigger={REFRESH}
          hx-swap="outerHTML"
          hx-select="#no-session"
        >
          <h1 safe>{props.chargerLabel ?? props.chargerId}</h1>
          <p safe>{props.m.qr.noCar(props.evseId)}</p>
          <p class="muted" safe>
            {props.m.qr.plugIn}
          </p>
          <PriceBox price={props.price} m={props.m} where={props.m.now.prices} />
        </section>
      </div>
    </Layout>
  )
}

/**
 * What anyone who knows a charger id and connector number may see: whether the connector is busy.
 * The session itself is only for whoever scanned the code on the connector.
 */
export function ConnectorStatusPage(props: {
  chargerId: string
  evseId: number
  chargerLabel: string | null
  busy: boolean
}) {
  const state = props.busy ? 'A car is charging' : 'No car is charging'
  return (
    <Layout title="Charging">
      <div class="driver">
        <section class="card" id="connector-status">
          <h1 safe>{props.chargerLabel ?? props.chargerId}</h1>
          <p safe>{`${state} at connector ${props.evseId}.`}</p>
          <p class="muted">To follow your charging, scan the code on the connector.</p>
        </section>
      </div>
    </Layout>
  )
}

/** A driver link that leads nowhere (unknown token or charger). */
export function DriverNotFound(props: { message: string }) {
  return (
    <Layout title="Not found">
      <div class="driver">
        <section class="card">
          <h1>Not found</h1>
          <p safe>{props.message}</p>
        </section>
      </div>
    </Layout>
  )
}
