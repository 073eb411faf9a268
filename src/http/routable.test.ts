import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { routable } from './routable'

describe('a request whose path the router and the guards would read differently', () => {
  test('is recognised by its URL: a host shorter than the router assumes', () => {
    expect(routable('http://x/xx/api/v1/chargers')).toBe(false)
    expect(routable('http://a.b/api/v1/chargers')).toBe(false)
    expect(routable('https://ab/admin')).toBe(false)
    expect(routable('http://a.bc/api/v1/chargers')).toBe(true)
    expect(routable('http://x:8080/api/v1/chargers')).toBe(true)
    expect(routable('http://localhost/admin?x=/y')).toBe(true)
    expect(routable('https://csms.example.com/')).toBe(true)
  })

  let node: TestNode
  beforeAll(async () => {
    node = await startTestNode()
  })
  afterAll(() => node.dispose())

  test('cannot reach the API without its key by a short Host header (over a real socket)', async () => {
    const res = await fetch(`${node.url}/xx/api/v1/chargers`, { headers: { host: 'x' } })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Host header')
    const admin = await node.app.handle(new Request('http://x/xx/admin/chargers'))
    expect(admin.status).toBe(400)
  })

  test('an ordinary request is served as before', async () => {
    const res = await fetch(`${node.url}/api/v1/chargers`)
    expect(res.status).toBe(401)
    expect((await fetch(`${node.url}/health`)).status).toBe(200)
  })
})
