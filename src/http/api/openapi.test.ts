import { expect, spyOn, test } from 'bun:test'
import { startTestNode } from '@src/testing/node'

test('starting a node and fetching the OpenAPI document write nothing but JSON log lines', async () => {
  const writes = [spyOn(console, 'warn'), spyOn(console, 'error'), spyOn(console, 'log')]
  const node = await startTestNode()
  let written: unknown[][] = []
  try {
    const res = await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))
    expect(res.status).toBe(200)
    expect(JSON.stringify(await res.json())).toContain('"format":"date-time"')
    written = writes.flatMap((w) => w.mock.calls)
  } finally {
    for (const w of writes) w.mockRestore()
    await node.dispose()
  }
  expect(written).toEqual([])
  for (const line of node.logs) expect(() => JSON.parse(line)).not.toThrow()
})
