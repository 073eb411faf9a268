import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { collect, fakeSiteStatus, nextMessage } from '@src/testing/site-status'

let node: TestNode

beforeAll(async () => {
  node = await startTestNode()
  await node.deps.writer.write([
    node.deps.repos.chargers.upsert({ id: 'SITE-CP', now: Date.now() }),
    node.deps.repos.chargers.upsert({ id: 'METER-1', now: Date.now() }),
  ])
})
afterAll(() => node.dispose())

const api = (method: string, path: string, body?: unknown) => apiClient(node)(method, path, body)

const bus = () => node.deps.bus

describe('sites', () => {
  test('PUT creates a site with defaults (201), tells the loop, and GET reads it with problems and fail-safe', async () => {
    const changed = nextMessage(bus(), subjects.siteChanged('coop'))
    const listed = nextMessage(bus(), subjects.sitesChanged)
    const res = await api('PUT', '/sites/coop', { name: 'Co-op', mainFuseA: 63 })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: 'coop',
      voltageV: 230,
      phases: 3,
      loopIntervalMs: 500,
      problems: [],
    })
    expect(await changed).toEqual({})
    expect(await listed).toEqual({})
    const again = collect(bus(), subjects.sitesChanged)
    expect((await api('PUT', '/sites/coop', { name: 'Co-op 2', mainFuseA: 63, failSafeA: 8 })).status).toBe(
      200,
    )
    again.stop()
    expect(again.seen).toEqual([])
    const got = await api('GET', '/sites/coop')
    expect(got.body).toMatchObject({ name: 'Co-op 2', failSafeA: 8, effectiveFailSafeA: 8 })
    expect((await api('GET', '/sites')).body.items.map((s: { id: string }) => s.id)).toContain('coop')
  })

  test('bad settings are a 400 naming each field, and nothing is stored', async () => {
    const res = await api('PUT', '/sites/bad', {
      name: '',
      mainFuseA: 0,
      phases: 2,
      loopIntervalMs: 50,
      extra: 1,
    })
    expect(res.status).toBe(400)
    for (const field of ['name', 'mainFuseA', 'phases', 'loopIntervalMs', 'extra'])
      expect(res.body.error.message).toContain(field)
    const cross = await api('PUT', '/sites/bad', {
      name: 'B',
      mainFuseA: 20,
      safetyMarginA: 25,
      buildingMeter: 'ocpp',
    })
    expect(cross.status).toBe(400)
    expect(cross.body.error.message).toContain('safetyMarginA: must be less than the main fuse')
    expect(cross.body.error.message).toContain('buildingMeterChargerId')
    const unknownMeter = await api('PUT', '/sites/bad', {
      name: 'B',
      mainFuseA: 20,
      buildingMeter: 'ocpp',
      buildingMeterChargerId: 'NOPE',
    })
    expect(unknownMeter.body.error.message).toContain('buildingMeterChargerId: no charger NOPE')
    expect((await api('PUT', '/sites/has space', { name: 'B', mainFuseA: 20 })).status).toBe(400)
    expect((await api('GET', '/sites/bad')).status).toBe(404)
  })

  test('the objective: vehicles by default, another one stored and shown, an unknown one a 400', async () => {
    const created = await api('PUT', '/sites/depot', { name: 'Depot', mainFuseA: 70 })
    expect(created.body.objective).toBe('vehicles')
    const fair = await api('PUT', '/sites/depot', { name: 'Depot', mainFuseA: 70, objective: 'fair' })
    expect(fair.status).toBe(200)
    expect((await api('GET', '/sites/depot')).body.objective).toBe('fair')
    const bad = await api('PUT', '/sites/depot', { name: 'Depot', mainFuseA: 70, objective: 'luck' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('objective: choose vehicles, fair or energy')
    expect((await node.deps.repos.sites.find('depot'))?.objective).toBe('fair')
  })

  test('DELETE removes a site and tells every node; again is 404', async () => {
    await api('PUT', '/sites/gone', { name: 'Gone', mainFuseA: 25 })
    const listed = nextMessage(bus(), subjects.sitesChanged)
    expect((await api('DELETE', '/sites/gone')).status).toBe(204)
    expect(await listed).toEqual({})
    expect((await api('DELETE', '/sites/gone')).status).toBe(404)
  })

  test('GET includes the latest status the site loop published', async () => {
    const status = fakeSiteStatus('coop', Date.now() + 3_600_000, {
      health: 'degraded',
      problems: ['meter stale'],
    })
    const seen = nextMessage(bus(), subjects.siteStatus('coop'))
    bus().publish(subjects.siteStatus('coop'), status)
    await seen
    const got = await api('GET', '/sites/coop')
    expect(got.body.status).toMatchObject({
      health: 'degraded',
      problems: ['meter stale'],
      loadA: [30, 20, 25],
    })
  })
})

describe('circuits and connectors', () => {
  test('a circuit needs a known parent, may not form a loop, and "main" is reserved', async () => {
    await api('PUT', '/sites/tree', { name: 'Tree', mainFuseA: 100 })
    expect((await api('PUT', '/sites/tree/circuits/garage', { name: 'Garage', limitA: 50 })).status).toBe(201)
    expect(
      (await api('PUT', '/sites/tree/circuits/row-a', { name: 'Row A', limitA: 32, parentId: 'garage' }))
        .status,
    ).toBe(201)
    const unknown = await api('PUT', '/sites/tree/circuits/x', { name: 'X', limitA: 16, parentId: 'nope' })
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('parentId') } },
    })
    const loop = await api('PUT', '/sites/tree/circuits/garage', {
      name: 'Garage',
      limitA: 50,
      parentId: 'row-a',
    })
    expect(loop.body.error.message).toContain('loop')
    expect((await api('PUT', '/sites/tree/circuits/main', { name: 'M', limitA: 16 })).status).toBe(400)
    expect(
      (await api('PUT', '/sites/tree/circuits/y', { name: 'Y', limitA: -1 })).body.error.message,
    ).toContain('limitA')
    const circuits = (await api('GET', '/sites/tree')).body.circuits
    expect(circuits.map((c: { id: string }) => c.id)).toEqual(['garage', 'row-a'])
    expect((await api('DELETE', '/sites/tree/circuits/garage')).status).toBe(409)
    expect((await api('DELETE', '/sites/tree/circuits/row-a')).status).toBe(204)
    expect((await api('DELETE', '/sites/tree/circuits/row-a')).status).toBe(404)
  })

  test('a connector needs a registered charger, a circuit of the site and valid wiring', async () => {
    const put = (body: unknown, charger = 'SITE-CP') =>
      api('PUT', `/sites/tree/connectors/${charger}/1`, body)
    expect((await put({ maxA: 16, wiring: 'L1,L2,L3' }, 'UNKNOWN')).status).toBe(404)
    const bad = await put({ maxA: 3, wiring: 'L1,L1', circuitId: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('maxA')
    const badRefs = await put({ maxA: 16, wiring: 'L1,L1', circuitId: 'nope' })
    expect(badRefs.body.error.message).toContain('wiring')
    expect(badRefs.body.error.message).toContain('circuitId: no circuit nope')
    expect((await api('GET', '/sites/tree')).body.connectors).toEqual([])
    const changed = nextMessage(bus(), subjects.siteChanged('tree'))
    const ok = await put({ maxA: 16, wiring: 'l2, l3, l1', circuitId: 'garage' })
    expect(ok).toMatchObject({ status: 201, body: { wiring: 'L2,L3,L1', circuitId: 'garage' } })
    expect(await changed).toEqual({})
  })

  test('moving a connector to another site tells both sites; DELETE takes it off', async () => {
    await api('PUT', '/sites/other', { name: 'Other', mainFuseA: 40 })
    const old = nextMessage(bus(), subjects.siteChanged('tree'))
    const moved = await api('PUT', '/sites/other/connectors/SITE-CP/1', { maxA: 16, wiring: 'L3' })
    expect(moved.status).toBe(201)
    expect(await old).toEqual({})
    expect((await api('GET', '/sites/tree')).body.connectors).toEqual([])
    expect((await api('DELETE', '/sites/other/connectors/SITE-CP/1')).status).toBe(204)
    expect((await api('DELETE', '/sites/other/connectors/SITE-CP/1')).status).toBe(404)
  })
})
