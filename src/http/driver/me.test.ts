import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { sha256Hex } from '@src/lib/ids'
import { DRIVER_SESSION_MS, LINK_MS, LINKS_PER_EMAIL } from '@src/services/driver-sign-in'
import { eventually } from '@src/sim/sim-test-kit'
import { runningSession } from '@src/testing/driver-sessions'
import { type DriverWorld, seedDriverWorld } from '@src/testing/driver-world'
import { JumpingClock } from '@src/testing/jumping-clock'
import { linkIn, type MailServer, startMailServer } from '@src/testing/mail-server'
import { startTestNode, type TestNode } from '@src/testing/node'
import { firstOfStream } from '@src/testing/sse-client'
import { endedTransaction } from '@src/testing/transactions'
import { DRIVER_COOKIE } from './driver-cookies'

let node: TestNode
let mail: MailServer
let world: DriverWorld
let annaTx: number
let boTx: number
const clock = new JumpingClock(Date.now())
/** Each test asks from its own address (the limits count per address). */
let address = 0

beforeAll(async () => {
  mail = await startMailServer()
  node = await startTestNode(
    { CSMS_SMTP_URL: mail.url, CSMS_PUBLIC_URL: PUBLIC_URL, CSMS_TRUST_PROXY: '1' },
    { clock },
  )
  world = await seedDriverWorld(node)
  annaTx = await runningSession(node, {
    chargerId: 'ANNA-BAY',
    label: 'Bay of Anna',
    card: 'ANNA-CARD',
    startWh: 1000,
    nowWh: 11_000,
  })
  boTx = await runningSession(node, {
    chargerId: 'BO-BAY',
    label: 'Bay of Bo',
    card: 'BO-CARD',
    startWh: 0,
    nowWh: 4000,
  })
})
afterAll(async () => {
  await node?.dispose()
  await mail?.close()
})

const request = (
  method: string,
  path: string,
  o: { cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
) => {
  const headers: Record<string, string> = { 'x-forwarded-for': `192.0.2.${address}`, ...o.headers }
  if (o.cookie) headers.cookie = o.cookie
  let body: string | undefined
  if (o.form) {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(o.form)) for (const one of [v].flat()) p.append(k, one)
    body = p.toString()
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['content-length'] = String(Buffer.byteLength(body))
    headers.origin ??= 'http://localhost'
  }
  return node.app.handle(
    new Request(`http://localhost${path}`, { method, headers, body, redirect: 'manual' }),
  )
}

/** A driver session made directly (the sign-in itself is tested below). */
async function sessionOf(email: string): Promise<string> {
  const secret = `test-session-${email.replace(/\W/g, '-')}-${Math.random().toString(36).slice(2, 12)}`
  const now = node.deps.clock.now()
  await node.deps.writer.write([
    node.deps.repos.driverAccounts.addSession({
      hash: sha256Hex(secret),
      email,
      createdAt: now,
      expiresAt: now + DRIVER_SESSION_MS,
    }),
  ])
  return `${DRIVER_COOKIE}=${secret}`
}

/** Where mailed links point: the configured public URL, never the Host a request names. */
const PUBLIC_URL = 'https://csms.example.test'

describe('signing in with a link by mail', () => {
  test('the mailed link signs the driver in once; the cookie is HttpOnly and SameSite=Lax', async () => {
    address = 1
    const asked = await request('POST', '/me/sign-in', { form: { email: 'Anna@Example.com' } })
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain('a sign-in link is on its way')
    const link = new URL(linkIn(await mail.next('anna@example.com')))
    expect(link.origin).toBe(PUBLIC_URL)
    const confirm = await request('GET', link.pathname)
    expect(confirm.status).toBe(200)
    const used = await request('POST', link.pathname, { form: {} })
    expect(used.status).toBe(303)
    expect(used.headers.get('location')).toBe('/me')
    const cookie = used.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(
      new RegExp(`^${DRIVER_COOKIE}=[A-Za-z0-9_-]{40,}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`),
    )
    const me = await request('GET', '/me', { cookie: cookie.split(';')[0] })
    expect(me.status).toBe(200)
    expect(await me.text()).toContain('anna@example.com')
    expect((await request('POST', link.pathname, { form: {} })).status).toBe(410)
    expect((await request('GET', link.pathname)).status).toBe(410)
  })

  test('only the hash of the link is stored', async () => {
    address = 2
    await request('POST', '/me/sign-in', { form: { email: 'bo@example.com' } })
    const secret = linkIn(await mail.next('bo@example.com'))
      .split('/')
      .at(-1)!
    const rows = await node.deps.database.db.all<{ hash: string }>(
      `SELECT hash FROM driver_sign_in_links` as never,
    )
    expect(rows.some((r) => r.hash === sha256Hex(secret))).toBe(true)
    expect(rows.some((r) => r.hash === secret)).toBe(false)
  })

  test('an email no driver has gets the same answer, and no mail', async () => {
    address = 3
    const unknown = await request('POST', '/me/sign-in', { form: { email: 'nobody@example.com' } })
    const known = await request('POST', '/me/sign-in', { form: { email: 'anna@example.com' } })
    expect(unknown.status).toBe(known.status)
    expect(await unknown.text()).toBe(await known.text())
    await mail.next('anna@example.com')
    expect(mail.received.filter((m) => m.to === 'nobody@example.com')).toEqual([])
  })

  test('a malformed email is refused with a message', async () => {
    address = 4
    const res = await request('POST', '/me/sign-in', { form: { email: 'not an email' } })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Enter an email address')
  })

  test(`links are limited to ${LINKS_PER_EMAIL} per email, whether a driver has it or not, and per address`, async () => {
    for (const email of ['cecilia@example.com', 'anna.limit@example.com']) {
      for (let i = 0; i < LINKS_PER_EMAIL; i++) {
        address = 10 + i
        expect((await request('POST', '/me/sign-in', { form: { email } })).status).toBe(200)
      }
      address = 20
      const limited = await request('POST', '/me/sign-in', { form: { email } })
      expect(limited.status).toBe(429)
      expect(await limited.text()).toContain('Too many links')
    }
    address = 30
    const answers: number[] = []
    for (let i = 0; i < 11; i++)
      answers.push((await request('POST', '/me/sign-in', { form: { email: `many${i}@example.com` } })).status)
    expect(answers.slice(0, 10).every((s) => s === 200)).toBe(true)
    expect(answers[10]).toBe(429)
  })

  test('signing out ends the session; signing out everywhere ends every browser of the email', async () => {
    const one = await sessionOf('bo@example.com')
    const two = await sessionOf('bo@example.com')
    const out = await request('POST', '/me/sign-out', { cookie: one, form: {} })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0')
    expect((await request('GET', '/me', { cookie: one })).headers.get('location')).toBe('/me/sign-in')
    expect((await request('GET', '/me', { cookie: two })).status).toBe(200)
    const three = await sessionOf('bo@example.com')
    await request('POST', '/me/sign-out-everywhere', { cookie: two, form: {} })
    expect((await request('GET', '/me', { cookie: two })).status).toBe(303)
    expect((await request('GET', '/me', { cookie: three })).status).toBe(303)
  })
})

describe('what a signed-in driver sees', () => {
  test('the running session with its energy and cost so far, and the price where they charge', async () => {
    const page = await (await request('GET', '/me', { cookie: await sessionOf('anna@example.com') })).text()
    expect(page).toContain('Bay of Anna')
    expect(page).toContain('10.00 kWh')
    expect(page).toContain('30.00 SEK') // 10 kWh × 2.40 + 25 % VAT
    expect(page).toContain('Home charging at cost')
    expect(page).toContain('3.00 SEK per kWh')
    expect(page).not.toContain('Bay of Bo')
  })

  test('the history lists the sessions of their own cards with the CDR total once ended', async () => {
    const now = node.deps.clock.now()
    await node.deps.writer.write([
      endedTransaction(node.deps.repos.transactions, boTx, {
        endedAt: now,
        meterStopWh: 4000,
        energyWh: 4000,
        stopReason: 'Local',
        stopIdTag: null,
        now,
      }),
    ])
    const cdr = await node.deps.services.cdrWriter.write(boTx)
    expect(cdr?.totalInclVat).toBe('12')
    const page = await (
      await request('GET', '/me/history', { cookie: await sessionOf('bo@example.com') })
    ).text()
    expect(page).toContain('Bay of Bo')
    expect(page).toContain('12.00 SEK')
    expect(page).not.toContain('Bay of Anna')
  })

  test('the household shows its members and their cards, read-only', async () => {
    const page = await (
      await request('GET', '/me/household', { cookie: await sessionOf('anna@example.com') })
    ).text()
    expect(page).toContain('Apartment 1101 · parking space P7')
    expect(page).toContain('Cecilia Andersson')
    expect(page).toContain('Cecilia card')
    expect(page).not.toContain('/block')
    const bo = await (
      await request('GET', '/me/household', { cookie: await sessionOf('bo@example.com') })
    ).text()
    expect(bo).toContain('You are in no household.')
  })

  test('a lost card is blocked through the token service: the token is Blocked, and the audit log names the driver', async () => {
    const cookie = await sessionOf('anna@example.com')
    const res = await request('POST', `/me/cards/${world.anna.spare}/block`, {
      cookie,
      form: {},
      headers: { 'hx-request': 'true' },
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('blocked')
    expect((await node.deps.repos.tokens.find(world.anna.spare))?.status).toBe('Blocked')
    const audit = await node.deps.database.db.all<{ actor_kind: string; actor_id: string; action: string }>(
      `SELECT actor_kind, actor_id, action FROM audit_log WHERE entity_id = 'ANNA-SPARE' AND action = 'token.blocked'` as never,
    )
    expect(audit).toEqual([{ actor_kind: 'driver', actor_id: 'anna@example.com', action: 'token.blocked' }])
  })

  test('the weekly plan is saved, shown in words, and refused with messages when wrong', async () => {
    const cookie = await sessionOf('anna@example.com')
    const bad = await request('POST', '/me/plan', { cookie, form: { time: '25:00', energyKwh: '0' } })
    expect(bad.status).toBe(400)
    const badText = await bad.text()
    expect(badText).toContain('tick at least one day')
    expect(badText).toContain('enter a time like 07:15')
    const saved = await request('POST', '/me/plan', {
      cookie,
      form: { days: ['1', '2', '3', '4', '5'], time: '07:15', energyKwh: '20' },
      headers: { 'hx-request': 'true' },
    })
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Your plan: weekdays 07:15')
    expect(await node.deps.repos.driverAccounts.planOf(world.anna.id)).toMatchObject({
      days: '1,2,3,4,5',
      time: '07:15',
      energyNeedWh: 20_000,
    })
  })

  test("a new session of the driver's card gets its departure from the plan", async () => {
    const tx = await runningSession(node, {
      chargerId: 'ANNA-PLAN',
      label: 'Plan bay',
      card: world.anna.card,
      startWh: 0,
      nowWh: 0,
    })
    const at = await node.deps.services.driverPlans.apply(tx)
    expect(at).toBeDefined()
    const row = await node.deps.repos.transactions.find(tx)
    expect(row).toMatchObject({ departureAt: at, departureSource: 'driver', energyNeedWh: 20_000 })
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Stockholm',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at)
    expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 07:15$/)
  })

  test('the node applies the plan when the charger actor announces the start (transactionStarted)', async () => {
    const tx = await runningSession(node, {
      chargerId: 'ANNA-BUS',
      label: 'Bus bay',
      card: world.anna.card,
      startWh: 0,
      nowWh: 0,
    })
    node.deps.bus.publish(subjects.chargerEvent('ANNA-BUS', 'transactionStarted'), { transactionId: tx })
    const row = await eventually(
      'the planned departure stored',
      async () => {
        const r = await node.deps.repos.transactions.find(tx)
        return r?.departureAt ? r : undefined
      },
      5000,
    )
    expect(row).toMatchObject({ departureSource: 'driver', energyNeedWh: 20_000 })
  })

  test('a card of a driver without a plan, or of no driver, gets no departure from one', async () => {
    for (const card of [world.bo.card, 'NOBODY']) {
      const tx = await runningSession(node, {
        chargerId: `NP-${card}`,
        label: 'x',
        card,
        startWh: 0,
        nowWh: 0,
      })
      expect(await node.deps.services.driverPlans.apply(tx)).toBeUndefined()
      expect((await node.deps.repos.transactions.find(tx))?.departureAt).toBeNull()
    }
  })

  test('Swedish by the browser, English by the switch, kept in a cookie', async () => {
    const cookie = await sessionOf('anna@example.com')
    const sv = await (
      await request('GET', '/me', { cookie, headers: { 'accept-language': 'sv-SE,sv;q=0.9' } })
    ).text()
    expect(sv).toContain('<html lang="sv">')
    expect(sv).toContain('Laddar nu')
    expect(sv).toContain('Hemmaladdning till självkostnad')
    const switched = await request('POST', '/me/language', {
      cookie,
      form: { lang: 'en', back: '/me/cards' },
    })
    expect(switched.status).toBe(303)
    expect(switched.headers.get('location')).toBe('/me/cards')
    const lang = (switched.headers.get('set-cookie') ?? '').split(';')[0]!
    const en = await (
      await request('GET', '/me', { cookie: `${cookie}; ${lang}`, headers: { 'accept-language': 'sv' } })
    ).text()
    expect(en).toContain('Charging now')
    const away = await request('POST', '/me/language', {
      cookie,
      form: { lang: 'sv', back: '//evil.example/' },
    })
    expect(away.headers.get('location')).toBe('/me')
  })

  test("the session's own page and its departure form speak Swedish too", async () => {
    const now = await (await request('GET', '/me', { cookie: await sessionOf('anna@example.com') })).text()
    const href = /href="(\/drive\/s\/[A-Za-z0-9_-]+)"/.exec(now)?.[1]
    expect(href).toBeDefined()
    const sv = { 'accept-language': 'sv' }
    const page = await (await request('GET', href!, { headers: sv })).text()
    expect(page).toContain('När åker du?')
    expect(page).toContain('I morgon')
    expect(page).toContain('Kostnad hittills')
    const bad = await request('POST', `${href}/departure`, {
      form: { day: '1', time: 'soon' },
      headers: { ...sv, 'hx-request': 'true' },
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('skriv en tid som 07:30')
  })

  test('the connector’s QR page shows the price before charging', async () => {
    const { connectorCode, connectorPath } = await import('./connector-code')
    const code = await connectorCode(node.deps, 'BO-BAY', 1)
    const page = await (
      await request('GET', connectorPath('BO-BAY', 1, code), { headers: { 'accept-language': 'sv' } })
    ).text()
    expect(page).toContain('Hemmaladdning till självkostnad')
    expect(page).toContain('3.00 SEK per kWh')
  })

  test(`a link expires after ${LINK_MS / 60_000} minutes`, async () => {
    address = 40
    await request('POST', '/me/sign-in', { form: { email: 'bo@example.com' } })
    const link = new URL(linkIn(await mail.next('bo@example.com')))
    await clock.jumpTo(clock.now() + LINK_MS + 1000)
    expect((await request('POST', link.pathname, { form: {} })).status).toBe(410)
  })
})

describe("one driver cannot reach another's things", () => {
  test('without a session every page leads to the sign-in, and every post too', async () => {
    for (const path of ['/me', '/me/history', '/me/cards', '/me/plan', '/me/household']) {
      const res = await request('GET', path)
      expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, '/me/sign-in'])
    }
    for (const path of ['/me/plan', `/me/cards/${world.anna.card}/block`, '/me/sign-out-everywhere']) {
      const res = await request('POST', path, { form: { days: '1', time: '07:00' } })
      expect([path, res.status]).toEqual([path, 303])
    }
    expect((await node.deps.repos.tokens.find(world.anna.card))?.status).toBe('Accepted')
  })

  test('a cross-site post is refused before its body is read, and a large one too', async () => {
    const cookie = await sessionOf('anna@example.com')
    const cross = await request('POST', `/me/cards/${world.anna.card}/block`, {
      cookie,
      form: {},
      headers: { origin: 'https://evil.example' },
    })
    expect(cross.status).toBe(403)
    const signIn = await request('POST', '/me/sign-in', {
      form: { email: 'anna@example.com' },
      headers: { origin: 'https://evil.example' },
    })
    expect(signIn.status).toBe(403)
    const big = await request('POST', '/me/plan', { cookie, form: { time: 'x'.repeat(20_000) } })
    expect(big.status).toBe(413)
    expect((await node.deps.repos.tokens.find(world.anna.card))?.status).toBe('Accepted')
  })

  test("Bo, walking every driver route with Anna's ids, sees and changes none of Anna's things", async () => {
    const { ROUTE_ACCESS } = await import('../route-access')
    const routes = Object.keys(ROUTE_ACCESS).filter((r) => r.split(' ')[1]!.startsWith('/me'))
    expect(routes.length).toBeGreaterThanOrEqual(14)
    const annaState = async () => ({
      cards: (
        await node.deps.services.driverAccounts.tokens(
          (await node.deps.services.driverAccounts.identity(world.anna.email))!,
        )
      ).map((t) => [t.uid, t.status]),
      plan: await node.deps.repos.driverAccounts.planOf(world.anna.id),
      tx: (await node.deps.repos.transactions.find(annaTx))?.departureAt,
    })
    const before = await annaState()
    const body: Record<string, Record<string, string | string[]>> = {
      'POST /me/sign-in': { email: world.bo.email },
      'POST /me/plan': { days: ['6'], time: '05:00' },
      'POST /me/language': { lang: 'sv', back: '/me' },
    }
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string]
      const path = template.replace(':uid', world.anna.card).replace(':secret', 'not-a-live-link-secret-0000')
      const res = await request(method, path, {
        cookie: await sessionOf(world.bo.email),
        ...(method === 'POST' ? { form: body[route] ?? {} } : {}),
      })
      const text = route === 'GET /me/live' ? await firstOfStream(res) : await res.text()
      for (const secret of [
        'ANNA-CARD',
        'Key fob',
        'Anna Andersson',
        'Cecilia',
        'Bay of Anna',
        'anna@example.com',
      ])
        expect([route, text.includes(secret)]).toEqual([route, false])
      if (route === 'POST /me/cards/:uid/block') expect(res.status).toBe(404)
    }
    expect(await annaState()).toEqual(before)
  })
})
