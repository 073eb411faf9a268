import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { startTestNode, type TestNode } from '@src/testing/node'
import { collect, fakeSession, fakeSiteStatus, nextMessage } from '@src/testing/site-status'

let node: TestNode
let cookie: string

beforeAll(async () => {
  node = await startTestNode()
  await node.deps.writer.write([node.deps.repos.chargers.upsert({ id: 'ADM-CP', now: Date.now() })])
  const res = await post('/admin/login', { email: 'admin@example.com', password: 'admin-password' }, false)
  cookie = res.headers.get('set-cookie')!.split(';')[0]!
})
afterAll(() => node.dispose())

async function post(path: string, fields: Record<string, string>, htmx = true) {
  return node.app.handle(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        ...(cookie ? { cookie } : {}),
        ...(htmx ? { 'hx-request': 'true' } : {}),
      },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    }),
  )
}

const get = (path: string) => node.app.handle(new Request(`http://localhost${path}`, { headers: { cookie } }))

const settings = (over: Record<string, string> = {}) => ({
  name: 'Garage',
  mainFuseA: '63',
  phases: '3',
  voltageV: '230',
  safetyMarginA: '2',
  buildingMaxA: '',
  buildingMeter: 'none',
  buildingMeterChargerId: '',
  peakTargetKw: '',
  loopIntervalMs: '500',
  failSafeA: '',
  objective: 'vehicles',
  ...over,
})

describe('the sites admin', () => {
  test('needs a signed-in operator', async () => {
    const res = await node.app.handle(new Request('http://localhost/admin/sites'))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain('/admin/login')
  })

  test('adding a site validates each field, keeps what was typed, and stores nothing until valid', async () => {
    const bad = await post('/admin/sites', { id: 'has space', name: '', mainFuseA: 'lots', phases: '2' })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('use 1–48 letters, digits')
    expect(html).toContain('enter a name')
    expect(html).toContain('enter a number from 1 to 5000 A')
    expect(html).toContain('choose 1 or 3 phases')
    expect(html).toContain('value="has space"')
    expect(html).toContain('value="lots"')
    expect(await node.deps.repos.sites.list()).toEqual([])
    const listed = nextMessage(node.deps.bus, subjects.sitesChanged)
    const ok = await post('/admin/sites', { id: 'garage', name: 'Garage', mainFuseA: '63', phases: '3' })
    expect(ok.headers.get('hx-redirect')).toBe('/admin/sites/garage')
    expect(await listed).toEqual({})
    expect(await node.deps.repos.sites.find('garage')).toMatchObject({ mainFuseA: 63, loopIntervalMs: 500 })
    expect((await post('/admin/sites', { id: 'garage', name: 'Again', mainFuseA: '10' })).status).toBe(409)
  })

  test('settings validate across fields, and only a valid change is saved and told to the loop', async () => {
    const seen = collect(node.deps.bus, subjects.siteChanged('garage'))
    const bad = await post(
      '/admin/sites/garage/settings',
      settings({ safetyMarginA: '70', loopIntervalMs: '50' }),
    )
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('must be less than the main fuse')
    expect(html).toContain('enter a number from 100 to 60000 ms')
    expect(html).toContain('value="70"')
    expect(seen.seen).toEqual([])
    expect((await node.deps.repos.sites.find('garage'))?.safetyMarginA).toBe(0)
    const ok = await post('/admin/sites/garage/settings', settings({ peakTargetKw: '25,5', failSafeA: '8' }))
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Saved.')
    seen.stop()
    expect(seen.seen).toEqual([{}])
    expect(await node.deps.repos.sites.find('garage')).toMatchObject({
      peakTargetKw: 25.5,
      failSafeA: 8,
      safetyMarginA: 2,
    })
  })

  test('the objective: a select with a line per option; an unknown one is refused, a valid one saved', async () => {
    const page = await (await get('/admin/sites/garage')).text()
    expect(page).toContain('name="objective"')
    expect(page).toContain('Most cars finished')
    expect(page).toContain('every car that cannot be finished gets the same share of what it asked for')
    const bad = await post('/admin/sites/garage/settings', settings({ objective: 'luck' }))
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('choose vehicles, fair or energy')
    expect((await node.deps.repos.sites.find('garage'))?.objective).toBe('vehicles')
    const ok = await post('/admin/sites/garage/settings', settings({ objective: 'fair' }))
    expect(ok.status).toBe(200)
    expect((await node.deps.repos.sites.find('garage'))?.objective).toBe('fair')
    expect(await ok.text()).toMatch(/<option value="fair" selected/)
  })

  test('circuits: unknown parents and loops are refused with a message; a circuit in use cannot be removed', async () => {
    const unknown = await post('/admin/sites/garage/circuits', {
      circuitId: 'row-a',
      name: 'Row A',
      parentId: 'nope',
      limitA: '32',
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('no circuit nope on this site')
    expect(
      (
        await post('/admin/sites/garage/circuits', {
          circuitId: 'row-a',
          name: 'Row A',
          parentId: '',
          limitA: '32',
        })
      ).status,
    ).toBe(200)
    const self = await post('/admin/sites/garage/circuits', {
      circuitId: 'row-a',
      name: 'Row A',
      parentId: 'row-a',
      limitA: '32',
    })
    expect(await self.text()).toContain('cannot hang under itself')
    const noLimit = await post('/admin/sites/garage/circuits', {
      circuitId: 'main',
      name: '',
      parentId: '',
      limitA: '',
    })
    const text = await noLimit.text()
    expect(text).toContain('&quot;main&quot; is the main fuse')
    expect(text).toContain('enter a name')
    expect(text).toContain('enter a number from 1 to 5000 A')
    const changed = nextMessage(node.deps.bus, subjects.siteChanged('garage'))
    const assigned = await post('/admin/sites/garage/connectors', {
      chargerId: 'ADM-CP',
      evseId: '1',
      circuitId: 'row-a',
      maxA: '16',
      wiring: 'L2,L3,L1',
    })
    expect(await assigned.text()).toContain('ADM-CP EVSE 1 is on this site.')
    expect(await changed).toEqual({})
    const inUse = await post('/admin/sites/garage/circuits/row-a/delete', {})
    expect(inUse.status).toBe(409)
    expect(await inUse.text()).toContain('ADM-CP EVSE 1 still hang under it')
  })

  test('connectors: the charger must be registered and the wiring valid, with a hint', async () => {
    const bad = await post('/admin/sites/garage/connectors', {
      chargerId: 'ADM-CP',
      evseId: '0',
      circuitId: '',
      maxA: '2',
      wiring: 'L1,L4',
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('enter the EVSE number, 1 or more')
    expect(html).toContain('enter a number from 6 to 500 A')
    const wiring = await post('/admin/sites/garage/connectors', {
      chargerId: 'ADM-CP',
      evseId: '2',
      circuitId: '',
      maxA: '16',
      wiring: 'L1,L4',
    })
    expect(await wiring.text()).toContain('rotated L2,L3,L1')
    const unknown = await post('/admin/sites/garage/connectors', {
      chargerId: 'NOPE',
      evseId: '2',
      circuitId: '',
      maxA: '16',
      wiring: 'L1',
    })
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('no charger NOPE is registered')
    expect((await node.deps.repos.sites.config('garage'))?.connectors).toHaveLength(1)
    const removed = await post('/admin/sites/garage/connectors/ADM-CP/1/delete', {})
    expect(await removed.text()).toContain('Took ADM-CP EVSE 1 off the site.')
    expect((await node.deps.repos.sites.config('garage'))?.connectors).toHaveLength(0)
  })

  test('the site page and the list show the latest status: load, sessions, problems, peak, guarantee', async () => {
    await post('/admin/sites', { id: 'xss', name: '<script>alert(1)</script>', mainFuseA: '40' })
    const status = fakeSiteStatus('garage', Date.now() + 3_600_000, {
      health: 'degraded',
      problems: ['building meter stale <b>'],
      sessions: [
        fakeSession({
          chargerId: 'ADM-CP',
          transactionId: 77,
          departureSource: 'driver',
          problem: 'setpoint refused',
        }),
      ],
      peak: { targetKw: 25.5, reachedKw: 21.2, capKw: 24 },
    })
    const seen = nextMessage(node.deps.bus, subjects.siteStatus('garage'))
    node.deps.bus.publish(subjects.siteStatus('garage'), status)
    await seen
    const page = await (await get('/admin/sites/garage')).text()
    expect(page).toContain('building meter stale &lt;b&gt;')
    expect(page).toContain('id="session-77"')
    expect(page).toContain('setpoint refused')
    expect(page).toContain('21.2 kW reached · cap 24.0 kW')
    expect(page).toContain('aria-label="Current per phase against the limit"')
    expect(page).toContain('What the loop guarantees')
    expect(page).toContain('5 s (longest gap 6 s)')
    const list = await (await get('/admin/sites')).text()
    expect(list).toContain('L1 30/60 A')
    expect(list).toContain('degraded')
    expect(list).not.toContain('<script>alert(1)')
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  test('deleting a site sends the operator back to the list', async () => {
    const res = await post('/admin/sites/xss/delete', {})
    expect(res.headers.get('hx-redirect')).toBe('/admin/sites')
    expect(await node.deps.repos.sites.find('xss')).toBeUndefined()
    expect((await get('/admin/sites/xss')).status).toBe(404)
  })
})
