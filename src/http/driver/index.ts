import type { TransactionRow } from '@src/db/repos/transactions'
import type { Deps } from '@src/deps'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { DEPARTURE_SAVED, DepartureForm, type DepartureFormProps } from '@views/driver/departure-form'
import type { Messages } from '@views/driver/messages'
import {
  ConnectorStatusPage,
  DriverLive,
  DriverNotFound,
  DriverPage,
  NoSessionPage,
} from '@views/driver/session'
import { Elysia } from 'elysia'
import { sameOrigin, wantsFragment } from '../admin/auth'
import { formFields, html } from '../admin/render'
import { bodyTooLarge, hasNoBody, PUBLIC_FORM_BODY_BYTES, pathOf } from '../body-limit'
import { connectorPath, isConnectorCode } from './connector-code'
import { departureFields, parseDepartureForm } from './departure-form'
import { driverSecretOf, messagesOf } from './driver-cookies'
import { driverTokenOf, loadDriverLive } from './driver-data'
import { priceView } from './price-view'

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/
/** The one post of the driver pages: a session's departure. */
const DEPARTURE_POST = /^\/drive\/s\/([^/]+)\/departure$/
const notFound = (message: string) => html(DriverNotFound({ message }), 404)
const gone = () => notFound('This link is not valid (any more). Scan the code on the charger again.')
const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/** The departure form filled with what the transaction has, or tomorrow 07:00. */
function formOf(
  tx: TransactionRow,
  token: string,
  now: number,
  timeZone: string,
  m: Messages,
): DepartureFormProps {
  const values: Record<string, string> = {}
  if (tx.departureAt !== null && tx.departureAt > now)
    Object.assign(values, departureFields(now, tx.departureAt, timeZone))
  if (tx.energyNeedWh !== null) values.energyKwh = String(tx.energyNeedWh / 1000)
  return { token, now, timeZone, values, errors: {}, m }
}

/**
 * The driver pages, without an operator login. Only the session's driver may set its departure and
 * energy need, the most trusted priority source of the site loop:
 *
 * - `/drive/<charger>/<evse>/<code>` is what the QR code on the connector points to; its code
 *   ({@link isConnectorCode}) is the proof of standing at the connector. It leads to the running
 *   session's own page `/drive/s/<token>` (the token is created on the first visit), where the driver
 *   follows the charging and sets when they leave and how much energy they want;
 * - `/drive/<charger>/<evse>`, which anyone who knows a charger id can type, says whether the
 *   connector is busy, no more.
 *
 * The departure post is checked (origin, session token, size) before its body is read.
 */
export function driverController(deps: Deps) {
  const { transactions, chargers, sites } = deps.repos
  /** The time zone of the site the transaction's connector is on (the default off any site). */
  const zoneOf = async (tx: TransactionRow) => {
    const siteId = await sites.siteOf(tx.chargerId, tx.evseId)
    return (siteId ? await sites.find(siteId) : undefined)?.timeZone ?? DEFAULT_TIME_ZONE
  }
  const byToken = (token: string) => (TOKEN.test(token) ? transactions.findByDriverToken(token) : undefined)
  const connector = async (params: { chargerId: string; evseId: string }) => {
    const evseId = Number(params.evseId)
    const charger = Number.isInteger(evseId) && evseId > 0 ? await chargers.find(params.chargerId) : undefined
    return charger ? { charger, evseId } : undefined
  }
  return new Elysia({ prefix: '/drive' })
    .onRequest(async ({ request }) => {
      if (hasNoBody(request.method)) return
      const token = DEPARTURE_POST.exec(pathOf(request.url))?.[1]
      if (token === undefined) return
      if (!sameOrigin(request)) return plain(403, 'cross-site request refused')
      if (!(await byToken(token))) return gone()
      const tooLarge = bodyTooLarge(request, PUBLIC_FORM_BODY_BYTES)
      if (tooLarge) return plain(413, tooLarge)
    })
    .get('/:chargerId/:evseId', async ({ params }) => {
      const found = await connector(params)
      if (!found) return notFound('There is no such charger here.')
      const { charger, evseId } = found
      const busy = (await transactions.openOn(charger.id, evseId)) !== undefined
      return html(ConnectorStatusPage({ chargerId: charger.id, evseId, chargerLabel: charger.label, busy }))
    })
    .get('/:chargerId/:evseId/:code', async ({ params, headers, request }) => {
      const found = await connector(params)
      if (!found || !(await isConnectorCode(deps, found.charger.id, found.evseId, params.code)))
        return notFound('This code is not valid (any more). Scan the code on the connector again.')
      const { charger, evseId } = found
      const tx = await transactions.openOn(charger.id, evseId)
      if (!tx) {
        const self = connectorPath(charger.id, evseId, params.code)
        const m = messagesOf(request)
        const price = await priceView(deps, charger.id, evseId, driverSecretOf(request), m.lang)
        return html(
          NoSessionPage({ self, evseId, chargerId: charger.id, chargerLabel: charger.label, price, m }),
        )
      }
      const href = `/drive/s/${await driverTokenOf(deps, tx)}`
      if (headers['hx-request'] === 'true')
        return new Response(null, { status: 200, headers: { 'hx-redirect': href } })
      return new Response(null, { status: 303, headers: { location: href } })
    })
    .get('/s/:token', async ({ params, request }) => {
      const tx = await byToken(params.token)
      if (!tx) return gone()
      const live = await loadDriverLive(deps, tx, params.token, messagesOf(request))
      return html(DriverPage({ live, form: formOf(tx, params.token, live.now, await zoneOf(tx), live.m) }))
    })
    .get('/s/:token/live', async ({ params, request }) => {
      const tx = await byToken(params.token)
      return tx ? html(DriverLive(await loadDriverLive(deps, tx, params.token, messagesOf(request)))) : gone()
    })
    .post('/s/:token/departure', async ({ params, body, headers, request }) => {
      const tx = await byToken(params.token)
      if (!tx) return gone()
      const m = messagesOf(request)
      const now = deps.clock.now()
      const timeZone = await zoneOf(tx)
      const values = formFields(body)
      const answer = (status: number, errors: Record<string, string>, notice?: string) =>
        html(
          DepartureForm({
            m,
            token: params.token,
            now,
            timeZone,
            values,
            errors,
            ...(notice ? { notice } : {}),
          }),
          status,
          {
            ...(notice ? { 'hx-trigger': DEPARTURE_SAVED } : {}),
          },
        )
      const form = parseDepartureForm(values, now, timeZone)
      if (!form.ok) return answer(400, form.errors)
      const outcome = await deps.services.departures.set(tx, { ...form, source: 'driver' })
      if (!outcome.ok)
        return answer(
          outcome.status,
          outcome.status === 409
            ? { form: m.departure.ended }
            : { time: Object.values(outcome.errors).join('; ') },
        )
      if (!wantsFragment(headers))
        return new Response(null, { status: 303, headers: { location: `/drive/s/${params.token}` } })
      return answer(200, {}, m.departure.saved)
    })
}
