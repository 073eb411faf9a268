import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'
import { accessOf, ROUTE_ACCESS } from './route-access'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode({})
})
afterAll(() => node.dispose())

describe('route access', () => {
  test('every route of the app declares its access, and the table names no route that is gone', () => {
    const routes = node.app.routes.map((r) => `${r.method} ${r.path}`)
    expect(routes.filter((r) => ROUTE_ACCESS[r] === undefined)).toEqual([])
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !routes.includes(k))).toEqual([])
  })

  test('a request finds its route: parameters take one non-empty segment, * the rest, literals win', () => {
    expect(accessOf('PUT', '/api/v1/tokens/CARD-1')).toBe('tokens:write')
    expect(accessOf('HEAD', '/api/v1/tokens/CARD-1')).toBe('tokens:read')
    expect(accessOf('GET', '/api/v1/tokens/')).toBeUndefined()
    expect(accessOf('GET', '/api/v1/tokens/a/b')).toBeUndefined()
    expect(accessOf('GET', '/static/js/htmx.min.js')).toBe('public')
    expect(accessOf('GET', '/admin/sites/s1/config')).toBe('sites:read')
    expect(accessOf('POST', '/admin/sites/s1/circuits/c1/delete')).toBe('sites:write')
    expect(accessOf('PATCH', '/api/v1/tokens/CARD-1')).toBeUndefined()
  })
})
