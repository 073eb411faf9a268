import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

let node: TestNode
let api: ReturnType<typeof apiClient>
beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  await api('POST', '/organizations', { id: 'brf', name: 'BRF Eken' })
})
afterAll(() => node.dispose())

const complex = {
  currency: 'EUR',
  elements: [
    { price_components: [{ type: 'FLAT', price: 2.5, vat: 15, step_size: 1 }] },
    {
      price_components: [{ type: 'TIME', price: 1, vat: 20, step_size: 900 }],
      restrictions: { max_current: 32 },
    },
    {
      price_components: [{ type: 'PARKING_TIME', price: 5, vat: 10, step_size: 300 }],
      restrictions: {
        start_time: '09:00',
        end_time: '18:00',
        day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'],
      },
    },
  ],
}
const residents = {
  currency: 'SEK',
  elements: [{ price_components: [{ type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 }] }],
}

describe('tariffs', () => {
  test('a tariff is created as version 1 of an OCPI tariff, with the party, id and last_updated filled in', async () => {
    const res = await api('POST', '/tariffs', {
      id: 'residents',
      name: 'Residents',
      organizationId: 'brf',
      tariff: residents,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: 'residents',
      organizationId: 'brf',
      currentVersion: 1,
      tariff: { country_code: 'SE', party_id: 'CSM', id: 'residents', currency: 'SEK' },
      rounding: { scale: 2, mode: 'halfUp', level: 'total' },
    })
    expect(Date.parse(res.body.tariff.last_updated)).toBeGreaterThan(0)
    expect(
      (
        await api('POST', '/tariffs', {
          id: 'residents',
          name: 'Again',
          organizationId: 'brf',
          tariff: residents,
        })
      ).status,
    ).toBe(409)
  })

  test('a wrong price, a VAT given as a fraction over 100 or a bad time are refused with the field named', async () => {
    const bad = (tariff: unknown) => api('POST', '/tariffs', { name: 'Bad', organizationId: 'brf', tariff })
    const price = await bad({
      currency: 'SEK',
      elements: [{ price_components: [{ type: 'ENERGY', price: '2,40', step_size: 1 }] }],
    })
    expect(price.status).toBe(400)
    expect(JSON.stringify(price.body)).toContain('a non-negative amount with at most 4 decimals')
    const vat = await bad({
      currency: 'SEK',
      elements: [{ price_components: [{ type: 'ENERGY', price: 1, vat: 125, step_size: 1 }] }],
    })
    expect(JSON.stringify(vat.body)).toContain('a VAT percentage from 0 to 100')
    const time = await bad({
      currency: 'SEK',
      elements: [
        {
          price_components: [{ type: 'TIME', price: 1, step_size: 60 }],
          restrictions: { start_time: '25:00' },
        },
      ],
    })
    expect(JSON.stringify(time.body)).toContain('a time HH:MM')
    expect((await api('GET', '/tariffs?search=Bad')).body.total).toBe(0)
  })

  test('a revision is a new version; the old one stays as it was, and the database refuses to change it', async () => {
    const revised = {
      ...residents,
      elements: [{ price_components: [{ type: 'ENERGY', price: '2.60', vat: 25, step_size: 1 }] }],
    }
    const res = await api('PUT', '/tariffs/residents', { name: 'Residents 2027', tariff: revised })
    expect(res.body).toMatchObject({ currentVersion: 2, name: 'Residents 2027' })
    const v1 = await api('GET', '/tariffs/residents/versions/1')
    expect(v1.body.tariff.elements[0].price_components[0].price).toBe('2.40')
    const one = await api('GET', '/tariffs/residents')
    expect(one.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1])
    const db = node.deps.database.db
    /** The database's own refusal (drizzle wraps it as the cause). */
    const refusal = (q: ReturnType<typeof sql>) =>
      (async () => db.run(q))().then(
        () => 'done',
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      )
    expect(
      await refusal(sql`UPDATE tariff_versions SET body = '{}' WHERE tariff_id = 'residents'`),
    ).toContain('immutable')
    expect(await refusal(sql`DELETE FROM tariff_versions WHERE tariff_id = 'residents'`)).toContain('kept')
    const audit = await db.all<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity_id = 'residents' ORDER BY id`,
    )
    expect(audit.map((a) => a.action)).toEqual(['tariff.created', 'tariff.revised'])
  })

  test('a preview prices a described session: the spec complex example, Monday 09:30, is 9.00 / 10.30', async () => {
    await api('POST', '/tariffs', { id: 'complex', name: 'Complex', organizationId: 'brf', tariff: complex })
    const res = await api('POST', '/tariffs/complex/preview', {
      start: '2026-12-07T09:30:00+01:00',
      parts: [{ minutes: 165, kwh: 10, currentA: 16 }, { parkMinutes: 42 }],
      timeZone: 'Europe/Amsterdam',
    })
    expect(res.status).toBe(200)
    expect(res.body.billed).toEqual({ exclVat: '9', vat: '1.3', inclVat: '10.3' })
    expect(res.body.lines.map((l: { why: string }) => l.why)).toEqual([
      'always',
      'under 32 A',
      '09:00–18:00, weekdays',
    ])
    expect(res.body.cdr.total_cost).toEqual({ excl_vat: 9, incl_vat: 10.3 })
  })

  test('price groups: set, listed; a tariff a price group charges is not archived until the group moves', async () => {
    expect((await api('PUT', '/price-groups/residents', { tariffId: 'residents' })).status).toBe(201)
    expect((await api('PUT', '/price-groups/residents', { tariffId: 'complex' })).status).toBe(200)
    expect((await api('GET', '/price-groups')).body.items).toMatchObject([
      { organizationId: 'brf', name: 'residents', tariffId: 'complex' },
    ])
    const refused = await api('DELETE', '/tariffs/complex')
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('price group residents')
    expect((await api('DELETE', '/price-groups/residents?organizationId=brf')).status).toBe(204)
    const archived = await api('DELETE', '/tariffs/complex')
    expect(archived.body.archivedAt).not.toBeNull()
    expect((await api('PUT', '/tariffs/complex', { name: 'x', tariff: complex })).status).toBe(409)
    expect((await api('PUT', '/price-groups/visitors', { tariffId: 'complex' })).status).toBe(409)
  })

  test('an unknown tariff is a 404, never an empty answer', async () => {
    expect((await api('GET', '/tariffs/nope')).status).toBe(404)
    expect(
      (
        await api('POST', '/tariffs/nope/preview', {
          start: '2026-12-07T09:30:00Z',
          parts: [{ minutes: 1, kwh: 1 }],
        })
      ).status,
    ).toBe(404)
    expect((await api('PUT', '/price-groups/x', { tariffId: 'nope' })).status).toBe(400)
  })
})
