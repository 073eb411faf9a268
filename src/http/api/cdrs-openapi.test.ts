import { expect, test } from 'bun:test'
import { startTestNode } from '@src/testing/node'

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }

test('the OpenAPI document describes the CDR routes’ and a transaction’s cost 200 body and the 404 error body', async () => {
  const node = await startTestNode()
  try {
    const res = await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> }
    const schemaOf = (path: string, status: string) =>
      doc.paths[path]?.get?.responses?.[status]?.content?.['application/json']?.schema
    expect(JSON.stringify(schemaOf('/api/v1/cdrs', '200'))).toContain('totalExclVat')
    expect(JSON.stringify(schemaOf('/api/v1/cdrs/{id}', '200'))).toContain('totalInclVat')
    expect(JSON.stringify(schemaOf('/api/v1/cdrs/{id}', '404'))).toContain('message')
    expect(JSON.stringify(schemaOf('/api/v1/transactions/{id}', '200'))).toContain('pricedUntil')
  } finally {
    await node.dispose()
  }
})

test('every money route in the OpenAPI document has a success body schema and declared error bodies', async () => {
  const node = await startTestNode()
  try {
    const res = await node.app.handle(new Request('http://localhost/api/v1/openapi.json'))
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>> }
    const money = Object.entries(doc.paths)
      .filter(([path]) => /^\/api\/v1\/(tariffs|price-groups|cdrs|sessions)(\/|$)/.test(path))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ route: `${method} ${path}`, op })),
      )
    expect(money.length).toBeGreaterThanOrEqual(12)
    const gaps = money.flatMap(({ route, op }) => {
      const responses = op.responses ?? {}
      const success = ['200', '201', '204'].filter((s) => responses[s]?.content)
      const errors = Object.keys(responses).filter(
        (s) =>
          /^4\d\d$/.test(s) &&
          JSON.stringify(responses[s]?.content?.['application/json']?.schema).includes('message'),
      )
      return [
        ...(success.length === 0 ? [`${route}: no 200/201/204 response`] : []),
        ...(errors.length === 0 ? [`${route}: no declared error body`] : []),
      ]
    })
    expect(gaps).toEqual([])
  } finally {
    await node.dispose()
  }
})

test('a stored CDR passes its response schema: totals stay decimal text, flags a list, 404 names the id', async () => {
  const node = await startTestNode()
  const auth = { authorization: 'Bearer test-api-key-0123456789' }
  try {
    await node.deps.writer.write([
      node.deps.repos.cdrs.insert({
        id: 'cdr-schema',
        transactionId: 1,
        organizationId: 'org-x',
        chargerId: 'CP-X',
        evseId: 1,
        idTag: null,
        startedAt: 0,
        endedAt: 3_600_000,
        tariffId: null,
        tariffVersion: null,
        currency: 'SEK',
        totalExclVat: '24.10',
        totalInclVat: '30.13',
        energyWh: 10_000,
        flags: 'stopLost,powerLoss',
        body: { id: 'cdr-schema' },
        createdAt: 0,
      }),
    ])
    const one = await node.app.handle(
      new Request('http://localhost/api/v1/cdrs/cdr-schema', { headers: auth }),
    )
    expect(one.status).toBe(200)
    expect(await one.json()).toMatchObject({ totalExclVat: '24.10', flags: ['stopLost', 'powerLoss'] })
    const list = await node.app.handle(new Request('http://localhost/api/v1/cdrs', { headers: auth }))
    expect(await list.json()).toMatchObject({ total: 1, items: [{ id: 'cdr-schema' }] })
    const none = await node.app.handle(new Request('http://localhost/api/v1/cdrs/nope', { headers: auth }))
    expect(none.status).toBe(404)
    expect(await none.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no CDR nope' } })
  } finally {
    await node.dispose()
  }
})
