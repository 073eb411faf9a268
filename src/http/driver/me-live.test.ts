import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { sha256Hex } from '@src/lib/ids'
import { driverCookieOf, runningSession } from '@src/testing/driver-sessions'
import { type DriverWorld, seedDriverWorld } from '@src/testing/driver-world'
import { startTestNode, type TestNode } from '@src/testing/node'
import { SseClient } from '@src/testing/sse-client'
import { DRIVER_COOKIE } from './driver-cookies'

let node: TestNode
let world: DriverWorld
let annaTx: number
let boTx: number
let ceciliaTx: number
const open: SseClient[] = []

beforeAll(async () => {
  node = await startTestNode({ CSMS_SSE_KEEPALIVE_S: '1' })
  world = await seedDriverWorld(node)
  const session = (chargerId: string, card: string, nowWh: number) =>
    runningSession(node, { chargerId, label: `Bay ${chargerId}`, card, startWh: 0, nowWh })
  annaTx = await session('ANNA-BAY', world.anna.card, 10_000)
  boTx = await session('BO-BAY', world.bo.card, 4000)
  ceciliaTx = await session('CECI-BAY', world.cecilia.card, 2000)
})
afterAll(async () => {
  for (const s of open) s.close()
  await node?.dispose()
})

async function stream(email: string) {
  const cookie = await driverCookieOf(node, email)
  const sse = await SseClient.open(`${node.url}/me/live`, { cookie })
  open.push(sse)
  return { sse, cookie }
}

/** A session actor's update, as it publishes one. */
function update(tx: number, card: string, over: Partial<LiveSession>): LiveSession {
  const view: LiveSession = {
    type: 'session.updated',
    transactionId: tx,
    organizationId: 'platform',
    chargerId: 'X',
    evseId: 1,
    idTag: card,
    startedAt: 0,
    energyWh: 0,
    powerW: null,
    cost: null,
    departureAt: null,
    state: 'running',
    at: node.deps.clock.now(),
    ...over,
  }
  node.deps.bus.publish(subjects.sessionUpdated(tx), view)
  return view
}

const cost = (inclVat: string) => ({
  tariffId: 'home',
  tariffVersion: 1,
  currency: 'SEK',
  exclVat: inclVat,
  inclVat,
  pricedUntil: 0,
})

describe('/me/live', () => {
  test("opens with the driver's running sessions as they are now, and only theirs", async () => {
    const { sse } = await stream(world.anna.email)
    expect(sse.status).toBe(200)
    await sse.readUntil(() => sse.events.length > 0, 5000)
    expect(sse.names()).toEqual([`session-${annaTx}`])
    expect(sse.events[0]?.data).toContain('10.00 kWh')
    // 10 kWh at 2.40 SEK + 25 % VAT
    expect(sse.events[0]?.data).toContain('30.00 SEK')
  })

  test("a driver's stream carries their sessions' updates and never another driver's, nor a household member's", async () => {
    const anna = (await stream(world.anna.email)).sse
    const bo = (await stream(world.bo.email)).sse
    await anna.readUntil(() => anna.events.length === 1, 5000)
    await bo.readUntil(() => bo.events.length === 1, 5000)
    update(boTx, world.bo.card, { energyWh: 5000, cost: cost('15.125') })
    update(ceciliaTx, world.cecilia.card, { energyWh: 3000, cost: cost('9') })
    update(annaTx, world.anna.card, { energyWh: 12_000, powerW: 7400, cost: cost('36.004') })
    await anna.readUntil(() => anna.events.length === 2, 5000)
    await bo.readUntil(() => bo.events.length === 2, 5000)
    expect(anna.names()).toEqual([`session-${annaTx}`, `session-${annaTx}`])
    expect(anna.events[1]?.data).toContain('12.00 kWh')
    expect(anna.events[1]?.data).toContain('36.00 SEK')
    expect(anna.events[1]?.data).toContain('7.4 kW')
    expect(bo.names()).toEqual([`session-${boTx}`, `session-${boTx}`])
    // half-up to öre, as the page and the history show it
    expect(bo.events[1]?.data).toContain('15.13 SEK')
    const all = [...anna.events, ...bo.events].map((e) => e.data).join('')
    expect(all).not.toContain('9.00 SEK')
    expect(anna.events.map((e) => e.data).join('')).not.toContain('15.13')
    // the page shows Cecilia's session to no one but her (she has no sign-in): the stream neither
    const page = await node.app.handle(
      new Request('http://localhost/me', {
        headers: { cookie: await driverCookieOf(node, world.anna.email) },
      }),
    )
    expect(await page.text()).not.toContain('Bay CECI-BAY')
  })

  test('a session of the driver that starts while the page is open makes the page read its list again', async () => {
    const { sse } = await stream(world.bo.email)
    await sse.readUntil(() => sse.events.length === 1, 5000)
    const tx = await runningSession(node, {
      chargerId: 'BO-SECOND',
      label: 'Second',
      card: world.bo.card,
      startWh: 0,
      nowWh: 0,
    })
    update(tx, world.bo.card, {})
    await sse.readUntil(() => sse.events.length === 2, 5000)
    expect(sse.events[1]).toMatchObject({ event: 'new-session', data: String(tx) })
  })

  test('an older view arriving after a newer one is not shown', async () => {
    const { sse } = await stream(world.anna.email)
    await sse.readUntil(() => sse.events.length === 1, 5000)
    const now = node.deps.clock.now()
    update(annaTx, world.anna.card, { energyWh: 20_000, at: now + 10_000 })
    update(annaTx, world.anna.card, { energyWh: 15_000, at: now + 5_000 })
    update(annaTx, world.anna.card, { energyWh: 21_000, at: now + 15_000 })
    await sse.readUntil(() => sse.events.length === 3, 5000)
    expect(sse.events.slice(1).map((e) => e.data.match(/(\d+\.\d+) kWh/)?.[1])).toEqual(['20.00', '21.00'])
  })

  test('signing out ends the stream, after telling the page; a stream without a session is a 401', async () => {
    const { sse, cookie } = await stream(world.bo.email)
    await sse.readUntil(() => sse.events.length > 0, 5000)
    const out = await node.app.handle(
      new Request('http://localhost/me/sign-out', {
        method: 'POST',
        headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      }),
    )
    expect(out.status).toBe(303)
    expect(await sse.readUntil(() => sse.ended, 5000)).toBe(true)
    expect(sse.names().at(-1)).toBe('signed-out')
    expect(sse.events.at(-1)?.data).toContain('/me/sign-in')
    const again = await fetch(`${node.url}/me/live`, { headers: { cookie } })
    expect(again.status).toBe(401)
    expect((await fetch(`${node.url}/me/live`)).status).toBe(401)
  })

  test('an expired driver session ends the stream at the next keepalive', async () => {
    const secret = 'test-session-expiring-0123456789'
    const now = node.deps.clock.now()
    await node.deps.writer.write([
      node.deps.repos.driverAccounts.addSession({
        hash: sha256Hex(secret),
        email: world.bo.email,
        createdAt: now,
        expiresAt: now + 1500,
      }),
    ])
    const sse = await SseClient.open(`${node.url}/me/live`, { cookie: `${DRIVER_COOKIE}=${secret}` })
    open.push(sse)
    expect(sse.status).toBe(200)
    expect(await sse.readUntil(() => sse.ended, 5000)).toBe(true)
    expect(sse.names().at(-1)).toBe('signed-out')
    expect(sse.comments).toContain('keepalive')
  })
})
