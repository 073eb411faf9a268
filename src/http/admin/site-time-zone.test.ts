import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>

beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node, { htmx: true })
})
afterAll(() => node.dispose())

const post = (path: string, fields: Record<string, string>) => admin.post(path, fields)

describe('a site time zone', () => {
  test('the add form refuses an unknown zone with a message and keeps what was typed', async () => {
    const bad = await post('/admin/sites', {
      id: 'tz',
      name: 'Zoned',
      mainFuseA: '63',
      timeZone: 'Mars/Olympus',
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('enter a time zone like Europe/Stockholm')
    expect(html).toContain('value="Mars/Olympus"')
    expect(await node.deps.repos.sites.find('tz')).toBeUndefined()
  })

  test('a valid zone is saved, shown on the settings form and in the API', async () => {
    const ok = await post('/admin/sites', {
      id: 'tz',
      name: 'Zoned',
      mainFuseA: '63',
      timeZone: 'Europe/Helsinki',
    })
    expect(ok.headers.get('hx-redirect')).toBe('/admin/sites/tz')
    expect((await node.deps.repos.sites.find('tz'))?.timeZone).toBe('Europe/Helsinki')
    const page = await (await admin.get('/admin/sites/tz')).text()
    expect(page).toContain('name="timeZone" value="Europe/Helsinki"')
    const api = apiClient(node)
    expect((await api('GET', '/sites/tz')).body.timeZone).toBe('Europe/Helsinki')
  })

  test('the API validates the zone, and an omitted one is the default', async () => {
    const api = apiClient(node)
    const bad = await api('PUT', '/sites/api-tz', { name: 'A', mainFuseA: 40, timeZone: 'Nowhere/Land' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('time zone')
    expect((await api('PUT', '/sites/api-tz', { name: 'A', mainFuseA: 40 })).status).toBeLessThan(300)
    expect((await api('GET', '/sites/api-tz')).body.timeZone).toBe('Europe/Stockholm')
  })
})
