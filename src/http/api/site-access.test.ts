import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { auditLog } from '@src/db/schema'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'

let node: TestNode
let api: ReturnType<typeof apiClient>
const changed: string[] = []
beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  node.deps.services.accessChanges.listen((org) => changed.push(org))
})
afterAll(() => node.dispose())

const base = { name: 'Eken', mainFuseA: 63 }

describe("a site's access default and holidays through the API", () => {
  test('a new site lets any accepted token charge and has no holidays', async () => {
    expect((await api('PUT', '/sites/plain', base)).status).toBe(201)
    expect((await api('GET', '/sites/plain')).body).toMatchObject({
      accessDefault: 'allowAccepted',
      holidays: [],
    })
  })

  test('PUT sets them (holidays once each, in date order), audited, and the local lists are told', async () => {
    changed.length = 0
    const res = await api('PUT', '/sites/eken', {
      ...base,
      accessDefault: 'deny',
      holidays: ['2026-12-25', '2026-12-24', '2026-12-25'],
    })
    expect(res.status).toBe(201)
    const site = (await api('GET', '/sites/eken')).body
    expect(site).toMatchObject({ accessDefault: 'deny', holidays: ['2026-12-24', '2026-12-25'] })
    expect(changed).toEqual(['platform'])
    const [entry] = await node.deps.database.db.select().from(auditLog).where(eq(auditLog.entityId, 'eken'))
    expect(entry?.after).toMatchObject({ accessDefault: 'deny', holidays: ['2026-12-24', '2026-12-25'] })
    // The access evaluator reads the site's settings for its chargers.
    await api('PUT', '/chargers/CP-E', { label: 'garage' })
    await api('PUT', '/sites/eken/connectors/CP-E/1', { maxA: 16, wiring: 'L1,L2,L3' })
    expect((await node.deps.repos.accessFacts.placesOf('CP-E'))?.site).toMatchObject({
      accessDefault: 'deny',
      holidays: ['2026-12-24', '2026-12-25'],
    })
  })

  test('a date that does not exist is a 400 naming it, and nothing changes', async () => {
    const res = await api('PUT', '/sites/eken', { ...base, holidays: ['2026-12-24', '2026-02-30'] })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('holidays')
    expect(res.body.error.message).toContain('2026-02-30 is not a date')
    const bad = await api('PUT', '/sites/eken', { ...base, holidays: '2026-12-24' })
    expect(bad.status).toBe(400)
    expect((await api('GET', '/sites/eken')).body.holidays).toEqual(['2026-12-24', '2026-12-25'])
  })

  test('an unknown default is a 400 saying what to choose', async () => {
    const res = await api('PUT', '/sites/eken', { ...base, accessDefault: 'maybe' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('choose allowAccepted (any accepted token) or deny')
    expect((await api('GET', '/sites/eken')).body.accessDefault).toBe('deny')
  })
})
