import { afterAll, beforeAll, expect, spyOn, test } from 'bun:test'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

test('fetching the OpenAPI document writes nothing but JSON log lines, and describes parsed fields as sent', async () => {
  const writes = [
    spyOn(console, 'warn'),
    spyOn(console, 'error'),
    spyOn(console, 'log'),
    spyOn(process.stderr, 'write'),
    spyOn(process.stdout, 'write'),
  ]
  const before = node.logs.length
  try {
    const res = await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))
    expect(res.status).toBe(200)
    const doc = JSON.stringify(await res.json())
    expect(doc).toContain('"format":"date-time"')
  } finally {
    for (const w of writes) w.mockRestore()
  }
  for (const w of writes) expect(w.mock.calls).toEqual([])
  for (const line of node.logs.slice(before)) expect(() => JSON.parse(line)).not.toThrow()
})
