import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { MAX_IDENTITY_LENGTH } from '@src/ocpp/identity'
import { startTestNode, type TestNode } from '@src/testing/node'

/** `API-0000` … `API-1099`: more than the 1,000 a search counts. */
const ids = Array.from({ length: 1100 }, (_, i) => `API-${String(i).padStart(4, '0')}`)

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  const { chargers } = node.deps.repos
  await node.deps.writer.write([
    ...ids.toReversed().map((id) => chargers.upsert({ id, now: 1 })),
    chargers.upsert({ id: 'OTHER-1', label: 'Loading dock', now: 1 }),
  ])
})
afterAll(() => node.dispose())

interface ListBody {
  items: { id: string }[]
  total: number
  totalCapped: boolean
  error?: { code: string; message: string }
}

async function list(query: string): Promise<{ status: number; body: ListBody; ids: string[] }> {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1/chargers?${query}`, {
      headers: { authorization: 'Bearer test-api-key-0123456789' },
    }),
  )
  const body = (await res.json()) as ListBody
  return { status: res.status, body, ids: body.items?.map((c) => c.id) ?? [] }
}

describe('GET /chargers', () => {
  test('`after` pages through every charger once, in id order', async () => {
    const seen: string[] = []
    for (;;) {
      const page = await list(`limit=300${seen.length ? `&after=${seen.at(-1)}` : ''}`)
      expect(page.body).toMatchObject({ total: 1101, totalCapped: false })
      seen.push(...page.ids)
      if (page.ids.length < 300) break
    }
    expect(seen).toEqual([...ids, 'OTHER-1'])
  })

  test('`after` wins over `offset`, and combines with a search', async () => {
    expect((await list('after=API-0009&offset=500&limit=3')).ids).toEqual([
      'API-0010',
      'API-0011',
      'API-0012',
    ])
    const page = await list('search=api-10&after=API-1094&limit=100')
    expect(page.ids).toEqual(['API-1095', 'API-1096', 'API-1097', 'API-1098', 'API-1099'])
    expect(page.body).toMatchObject({ total: 100, totalCapped: false })
  })

  test('a search counts no further than 1000 and says so with totalCapped', async () => {
    const wide = await list('search=API-&limit=2')
    expect(wide.body).toMatchObject({ total: 1000, totalCapped: true })
    expect(wide.ids).toEqual(['API-0000', 'API-0001'])
    expect((await list('search=ap&limit=1')).body).toMatchObject({ total: 1000, totalCapped: true })
    expect((await list('search=dock')).body).toMatchObject({ total: 1, totalCapped: false })
    expect((await list('search=dock')).ids).toEqual(['OTHER-1'])
  })

  test('an `after` longer than any charger id is a 400 that names it', async () => {
    const page = await list(`after=${'x'.repeat(MAX_IDENTITY_LENGTH + 1)}`)
    expect(page.status).toBe(400)
    expect(page.body.error?.code).toBe('INVALID_INPUT')
    expect(page.body.error?.message).toContain('after')
    const spaced = await list('after=has%20space')
    expect(spaced.status).toBe(400)
    expect(spaced.body.error?.message).toContain('after: no spaces')
    const empty = await list('after=')
    expect(empty.status).toBe(400)
    expect(empty.body.error?.message).toContain('after: Too small')
    expect(empty.body.error?.message).not.toContain('no spaces')
  })

  test('an `after` at the longest id length is accepted', async () => {
    const page = await list(`after=${'A'.repeat(MAX_IDENTITY_LENGTH)}&limit=1`)
    expect(page.status).toBe(200)
    expect(page.ids).toEqual(['API-0000'])
  })
})
