import type { Deps } from '@src/deps'
import { isLanguage } from '@src/domain/driver-pages/language'
import { parsePlanForm, WEEKDAYS } from '@src/domain/driver-pages/weekly-plan'
import { addressKey } from '@src/lib/client-address'
import type { DriverIdentity } from '@src/services/driver-accounts'
import { DRIVER_SESSION_MS } from '@src/services/driver-sign-in'
import { CardRow, CardsPage, HistoryPage, HouseholdPage, NowPage } from '@views/driver/me-pages'
import { PlanForm, type PlanFormProps, PlanPage } from '@views/driver/me-plan'
import { LinkPage, SignInPage } from '@views/driver/me-shell'
import { type Messages, planLabel } from '@views/driver/messages'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { sameOrigin, wantsFragment } from '../admin/auth'
import { formFields, html } from '../admin/render'
import { bodyTooLarge, hasNoBody, PUBLIC_FORM_BODY_BYTES, pathOf } from '../body-limit'
import { driverCookie, driverSecretOf, languageCookie, messagesOf } from './driver-cookies'
import { driverInvoicesController } from './invoices'
import { cardView, historyRows, householdViews, nowData } from './me-data'

/** Posts anyone may send (no driver session yet): asking for a link, using one, the language switch. */
const PUBLIC_POST = /^\/me\/(sign-in|sign-out|language|link\/[^/]+)$/
const SECRET = /^[A-Za-z0-9_-]{20,64}$/
const email = z.email().max(200)
/** Only the driver pages are a target of the language switch (no open redirect). */
const safeBack = (back: string) => (/^\/(me|drive)(\/|$)/.test(back) && !back.startsWith('//') ? back : '/me')

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
const seeOther = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ location })
  for (const c of cookies) headers.append('set-cookie', c)
  return new Response(null, { status: 303, headers })
}

/** Values of a form field that may repeat (ticked checkboxes). */
function fieldValues(body: unknown, key: string): string[] {
  const v = (body as Record<string, unknown> | null)?.[key]
  if (typeof v === 'string') return [v]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

/** Sends a driver who is not signed in to the sign-in page (htmx gets an `HX-Redirect`). */
function signInFirst(request: Request): Response {
  if (request.headers.get('hx-request') === 'true')
    return new Response('sign in again', { status: 401, headers: { 'hx-redirect': '/me/sign-in' } })
  return seeOther('/me/sign-in')
}

/**
 * The driver's own pages under `/me`, signed in by a mailed one-time link (`DriverSignIn`): the
 * running sessions with live energy and cost, the history with costs, the cards (block a lost one),
 * the weekly departure plan and the household. Every page resolves the signed-in driver from the
 * session cookie and reads only through `DriverAccounts`, which limits everything to what the
 * driver's own rows own. Every post is checked before its body is read: same origin (CSRF), a live
 * driver session except for the sign-in posts, at most {@link PUBLIC_FORM_BODY_BYTES}.
 */
export function meController(deps: Deps) {
  const { driverSignIn, driverAccounts } = deps.services
  const secure = (request: Request) => deps.peers.secure(request)
  const identity = async (request: Request): Promise<DriverIdentity | undefined> => {
    const signedIn = await driverSignIn.emailOf(driverSecretOf(request))
    return signedIn ? driverAccounts.identity(signedIn) : undefined
  }
  /** A signed-in page: its handler gets the driver and the texts, everyone else the sign-in page. */
  const page =
    (render: (me: DriverIdentity, m: Messages, request: Request) => Promise<Response>) =>
    async ({ request }: { request: Request }) => {
      const me = await identity(request)
      return me ? render(me, messagesOf(request), request) : signInFirst(request)
    }
  const signInAnswer = (m: Messages, status: number, v: Parameters<typeof SignInPage>[0]) =>
    html(SignInPage({ ...v, m }), status)
  const planForm = async (me: DriverIdentity, m: Messages): Promise<PlanFormProps> => {
    const plan = await driverAccounts.plan(me)
    return {
      m,
      days: plan?.days ?? WEEKDAYS,
      time: plan?.time ?? '07:15',
      energyKwh: plan?.energyNeedWh ? String(plan.energyNeedWh / 1000) : '',
      errors: {},
      current: plan ? planLabel(m, plan) : null,
    }
  }

  return (
    new Elysia({ name: 'driver-me' })
      .onRequest(async ({ request }) => {
        if (hasNoBody(request.method)) return
        const path = pathOf(request.url)
        if (!path.startsWith('/me/')) return
        if (!sameOrigin(request)) return plain(403, messagesOf(request).crossSite)
        if (!PUBLIC_POST.test(path) && !(await identity(request))) return signInFirst(request)
        const tooLarge = bodyTooLarge(request, PUBLIC_FORM_BODY_BYTES)
        if (tooLarge) return plain(413, tooLarge)
      })
      .get('/me/sign-in', async ({ request }) => {
        if (await identity(request)) return seeOther('/me')
        const m = messagesOf(request)
        return signInAnswer(m, 200, { m, email: '' })
      })
      .post('/me/sign-in', async ({ body, request }) => {
        const m = messagesOf(request)
        const typed = formFields(body).email?.trim() ?? ''
        const parsed = email.safeParse(typed)
        if (!parsed.success) return signInAnswer(m, 400, { m, email: typed, error: m.signIn.badEmail })
        const out = await driverSignIn.request({
          email: parsed.data,
          client: addressKey(deps.peers.address(request)),
          linkBase: deps.config.publicUrl ?? new URL(request.url).origin,
          language: m.lang,
        })
        if (!out.ok)
          return signInAnswer(m, 429, { m, email: typed, notice: { tone: 'bad', text: m.signIn.tooMany } })
        return signInAnswer(m, 200, { m, email: '', notice: { tone: 'ok', text: m.signIn.sent } })
      })
      .get('/me/link/:secret', async ({ params, request }) => {
        const live = SECRET.test(params.secret) && (await driverSignIn.linkIsLive(params.secret))
        return html(LinkPage({ m: messagesOf(request), secret: params.secret, live }), live ? 200 : 410)
      })
      .post('/me/link/:secret', async ({ params, request }) => {
        const session = SECRET.test(params.secret) ? await driverSignIn.useLink(params.secret) : undefined
        if (!session)
          return html(LinkPage({ m: messagesOf(request), secret: params.secret, live: false }), 410)
        return seeOther('/me', [driverCookie(session, DRIVER_SESSION_MS / 1000, secure(request))])
      })
      .post('/me/sign-out', async ({ request }) => {
        const secret = driverSecretOf(request)
        if (secret) await driverSignIn.signOut(secret)
        return seeOther('/me/sign-in', [driverCookie('', 0, secure(request))])
      })
      .post(
        '/me/sign-out-everywhere',
        page(async (me, _m, request) => {
          await driverSignIn.signOutEverywhere(me.email)
          return seeOther('/me/sign-in', [driverCookie('', 0, secure(request))])
        }),
      )
      .post('/me/language', ({ body, request }) => {
        const f = formFields(body)
        const back = safeBack(f.back ?? '')
        return isLanguage(f.lang) ? seeOther(back, [languageCookie(f.lang, secure(request))]) : seeOther(back)
      })
      .get(
        '/me',
        page(async (me, m) => html(NowPage({ m, email: me.email, ...(await nowData(deps, me, m)) }))),
      )
      .get(
        '/me/history',
        page(async (me, m) =>
          html(HistoryPage({ m, email: me.email, rows: await historyRows(deps, me, m) })),
        ),
      )
      .get(
        '/me/cards',
        page(async (me, m) =>
          html(CardsPage({ m, email: me.email, cards: (await driverAccounts.tokens(me)).map(cardView) })),
        ),
      )
      .post('/me/cards/:uid/block', async ({ params, request, headers }) => {
        const me = await identity(request)
        if (!me) return signInFirst(request)
        const m = messagesOf(request)
        const out = await driverAccounts.block(me, params.uid)
        if (!out.ok) return plain(out.status, m.cards.noSuchCard)
        if (!wantsFragment(headers)) return seeOther('/me/cards')
        return html(CardRow({ m, card: cardView(out.token), notice: m.cards.blocked }))
      })
      .get(
        '/me/plan',
        page(async (me, m) => html(PlanPage({ ...(await planForm(me, m)), email: me.email }))),
      )
      .post('/me/plan', async ({ body, request, headers }) => {
        const me = await identity(request)
        if (!me) return signInFirst(request)
        const m = messagesOf(request)
        const f = formFields(body)
        const answer = async (status: number, props: PlanFormProps) =>
          wantsFragment(headers) || status !== 200 ? html(PlanForm(props), status) : seeOther('/me/plan')
        if (f.action === 'remove') {
          await driverAccounts.savePlan(me, undefined)
          return answer(200, { ...(await planForm(me, m)), notice: m.plan.removed })
        }
        const typed = { days: fieldValues(body, 'days'), time: f.time ?? '', energyKwh: f.energyKwh ?? '' }
        const form = parsePlanForm(typed)
        if (!form.ok) {
          const errors = Object.fromEntries(
            Object.entries(form.errors).map(([field, key]) => [field, m.plan.errors[key]]),
          )
          const current = (await planForm(me, m)).current
          return answer(400, { m, ...typed, days: typed.days.map(Number), errors, current })
        }
        await driverAccounts.savePlan(me, form.plan)
        return answer(200, { ...(await planForm(me, m)), notice: m.plan.saved })
      })
      .get(
        '/me/household',
        page(async (me, m) =>
          html(HouseholdPage({ m, email: me.email, households: await householdViews(deps, me, m) })),
        ),
      )
      // billing admin: the "Invoices" tab and the invoices' PDFs
      .use(driverInvoicesController(deps))
  )
}
