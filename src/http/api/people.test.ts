import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
let api: ReturnType<typeof apiClient>
/** Organizations announced on `accessChanged`, in order. */
const announced: string[] = []

beforeAll(async () => {
  node = await startTestNode()
  api = apiClient(node)
  node.deps.bus.subscribe(subjects.accessChanged, (p) =>
    announced.push((p as { organizationId: string }).organizationId),
  )
  for (const id of ['coop', 'office'])
    expect((await api('POST', '/organizations', { id, name: id })).status).toBe(201)
})
afterAll(() => node.dispose())

/** Posts a CSV body to the import. */
async function importCsv(csv: string, query: string) {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1/people/import?${query}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-api-key-0123456789', 'content-type': 'text/csv' },
      body: csv,
    }),
  )
  return { status: res.status, body: await res.json() }
}

/** The announcements made while `fn` ran. */
async function announcing(fn: () => Promise<unknown>): Promise<string[]> {
  const from = announced.length
  await fn()
  return announced.slice(from)
}

describe('drivers, households and business accounts', () => {
  test('a household, a driver in it and a token of the driver are found by apartment and token uid', async () => {
    const h = await api('POST', '/households', {
      apartment: '1101',
      parkingSpace: 'P12',
      organizationId: 'coop',
    })
    expect(h.status).toBe(201)
    const d = await api('POST', '/drivers', {
      name: 'Åsa Berg',
      email: 'Asa@Example.se',
      householdId: h.body.id,
      organizationId: 'coop',
    })
    expect(d.status).toBe(201)
    expect(d.body.email).toBe('asa@example.se')
    const t = await api('PUT', '/tokens/CARD-1101', {
      type: 'RFID',
      status: 'Accepted',
      driverId: d.body.id,
      organizationId: 'coop',
    })
    expect(t.status).toBe(201)
    expect(t.body.driverId).toBe(d.body.id)
    for (const search of ['1101', 'CARD-1101', 'asa@', 'Berg']) {
      const list = await api('GET', `/drivers?search=${encodeURIComponent(search)}`)
      expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(['Åsa Berg'])
      expect(list.body.items[0].apartment).toBe('1101')
    }
    expect((await api('GET', '/drivers?search=nobody')).body.total).toBe(0)
    const detail = await api('GET', `/drivers/${d.body.id}`)
    expect(detail.body.tokens.map((x: { uid: string }) => x.uid)).toEqual(['CARD-1101'])
    const household = await api('GET', `/households/${h.body.id}`)
    expect(household.body.drivers.map((x: { name: string }) => x.name)).toEqual(['Åsa Berg'])
  })

  test('a search for % or _ matches them literally', async () => {
    expect((await api('GET', '/drivers?search=%25')).body.total).toBe(0)
    expect((await api('GET', '/drivers?search=_')).body.total).toBe(0)
  })

  test("a driver's household of another organization is refused as unknown, naming only the id given", async () => {
    const other = await api('POST', '/households', { apartment: '9', organizationId: 'office' })
    const res = await api('POST', '/drivers', {
      name: 'X',
      householdId: other.body.id,
      organizationId: 'coop',
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(`no household ${other.body.id} in this organization`)
  })

  test("a token's owner of another organization is refused", async () => {
    const d = await api('POST', '/drivers', { name: 'Office Person', organizationId: 'office' })
    const res = await api('PUT', '/tokens/CARD-X', {
      type: 'RFID',
      status: 'Accepted',
      driverId: d.body.id,
      organizationId: 'coop',
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(`no driver ${d.body.id} in this organization`)
  })

  test('an apartment is one household per organization; an email one driver', async () => {
    const dup = await api('POST', '/households', { apartment: '1101', organizationId: 'coop' })
    expect(dup.status).toBe(409)
    const email = await api('POST', '/drivers', {
      name: 'Other',
      email: 'asa@example.se',
      organizationId: 'coop',
    })
    expect(email.status).toBe(409)
    expect(email.body.error.message).toContain('Åsa Berg')
  })

  test('bad fields are refused with the field rule', async () => {
    const res = await api('POST', '/drivers', { name: 'A', phone: '0701234567', organizationId: 'coop' })
    expect(res.status).toBe(400)
  })

  test('a driver with tokens is not removed; without them it is, with its memberships', async () => {
    const d = await api('POST', '/drivers', { name: 'Leaving', organizationId: 'coop' })
    await api('PUT', '/tokens/CARD-LEAVE', {
      type: 'RFID',
      status: 'Accepted',
      driverId: d.body.id,
      organizationId: 'coop',
    })
    const refused = await api('DELETE', `/drivers/${d.body.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('1 token(s)')
    expect((await api('DELETE', '/tokens/CARD-LEAVE')).status).toBe(204)
    expect((await api('DELETE', `/drivers/${d.body.id}`)).status).toBe(204)
    expect((await api('GET', `/drivers/${d.body.id}`)).status).toBe(404)
  })

  test('a business account keeps its cost centres; a used one is not removed', async () => {
    const b = await api('POST', '/business-accounts', {
      name: 'Kontor AB',
      companyNumber: '556677-8899',
      costCentres: [
        { code: 'sales', name: 'Sales' },
        { code: 'ops', name: 'Operations' },
      ],
      organizationId: 'office',
    })
    expect(b.status).toBe(201)
    const d = await api('POST', '/drivers', {
      name: 'Employee',
      businessAccountId: b.body.id,
      costCentre: 'SALES',
      organizationId: 'office',
    })
    expect(d.status).toBe(201)
    const wrong = await api('POST', '/drivers', {
      name: 'E2',
      businessAccountId: b.body.id,
      costCentre: 'HR',
      organizationId: 'office',
    })
    expect(wrong.body.error.message).toBe('the business account has no cost centre HR')
    const drop = await api('PUT', `/business-accounts/${b.body.id}`, {
      name: 'Kontor AB',
      costCentres: [{ code: 'OPS', name: 'Ops' }],
    })
    expect(drop.status).toBe(409)
    const detail = await api('GET', `/business-accounts/${b.body.id}`)
    expect(detail.body.costCentres).toEqual([
      { code: 'OPS', name: 'Operations' },
      { code: 'SALES', name: 'Sales' },
    ])
    expect(detail.body.employees.map((e: { name: string }) => e.name)).toEqual(['Employee'])
  })
})

describe('groups', () => {
  test('members are added and removed; one of another organization is refused', async () => {
    const g = await api('POST', '/groups', { name: 'Visitors', kind: 'visitors', organizationId: 'coop' })
    expect(g.status).toBe(201)
    expect(
      (await api('POST', '/groups', { name: 'visitors', kind: 'custom', organizationId: 'coop' })).status,
    ).toBe(409)
    const add = await api('POST', `/groups/${g.body.id}/members`, { kind: 'token', id: 'CARD-1101' })
    expect(add.status).toBe(201)
    const office = await api('POST', '/drivers', { name: 'Stranger', organizationId: 'office' })
    const foreign = await api('POST', `/groups/${g.body.id}/members`, { kind: 'driver', id: office.body.id })
    expect(foreign.status).toBe(400)
    const detail = await api('GET', `/groups/${g.body.id}`)
    expect(detail.body.members.map((m: { id: string }) => m.id)).toEqual(['CARD-1101'])
    expect((await api('GET', '/groups?search=visit')).body.items[0].members).toBe(1)
    expect((await api('DELETE', `/groups/${g.body.id}/members/token/CARD-1101`)).status).toBe(204)
    expect((await api('DELETE', `/groups/${g.body.id}/members/token/CARD-1101`)).status).toBe(404)
  })

  test("a token's groups are set with its PUT, and only groups of its organization", async () => {
    const g = await api('POST', '/groups', { name: 'Board', kind: 'custom', organizationId: 'coop' })
    const put = await api('PUT', '/tokens/CARD-1101', {
      type: 'RFID',
      status: 'Accepted',
      groupIds: [g.body.id],
    })
    expect(put.status).toBe(200)
    expect(put.body.driverId).not.toBeNull()
    expect((await api('GET', `/groups/${g.body.id}`)).body.members.map((m: { id: string }) => m.id)).toEqual([
      'CARD-1101',
    ])
    const og = await api('POST', '/groups', { name: 'Staff', kind: 'employees', organizationId: 'office' })
    const bad = await api('PUT', '/tokens/CARD-1101', {
      type: 'RFID',
      status: 'Accepted',
      groupIds: [og.body.id],
    })
    expect(bad.status).toBe(400)
    await api('PUT', '/tokens/CARD-1101', { type: 'RFID', status: 'Accepted', groupIds: [] })
    expect((await api('GET', `/groups/${g.body.id}`)).body.members).toEqual([])
  })
})

describe('block', () => {
  test('one call blocks a card, audited and announced; unblock accepts it again', async () => {
    let res: { status: number; body: { status: string } } | undefined
    const news = await announcing(async () => {
      res = await api('POST', '/tokens/CARD-1101/block')
    })
    expect(res?.status).toBe(200)
    expect(res?.body.status).toBe('Blocked')
    expect(news).toEqual(['coop'])
    const audit = await api('GET', '/audit?entity=token')
    expect(JSON.stringify(audit.body)).toContain('token.blocked')
    expect((await api('POST', '/tokens/CARD-1101/unblock')).body.status).toBe('Accepted')
    expect((await api('POST', '/tokens/NO-SUCH/block')).status).toBe(404)
  })

  test('every token, driver and group write announces its organization', async () => {
    const news = await announcing(async () => {
      await api('PUT', '/tokens/CARD-NEWS', { type: 'RFID', status: 'Accepted', organizationId: 'office' })
      await api('DELETE', '/tokens/CARD-NEWS')
      await api('POST', '/drivers', { name: 'News', organizationId: 'office' })
      await api('POST', '/groups', { name: 'News', kind: 'custom', organizationId: 'office' })
    })
    expect(news).toEqual(['office', 'office', 'office', 'office'])
  })
})

describe('CSV import and export', () => {
  const csv = [
    'apartment;parking_space;name;email;phone;token_uid;token_type;group',
    '2201;P1;Bo Ek;bo@example.se;+46701112233;IMP-1;;Board',
    '2201;P1;Bo Ek;bo@example.se;;IMP-2;ISO14443;',
    '2202;;Cy Al;;;IMP-3;;nosuch',
  ].join('\n')

  test('a dry run previews rows and errors and writes nothing; strict refuses a file with errors', async () => {
    const preview = await importCsv(csv, 'organizationId=coop&dryRun=true&strict=false')
    expect(preview.status).toBe(200)
    expect(preview.body.imported).toBe(false)
    expect(preview.body.errors).toEqual([{ line: 4, errors: ['group: there is no group called nosuch.'] }])
    expect(preview.body.counts).toMatchObject({
      householdsCreated: 1,
      driversCreated: 1,
      tokensCreated: 2,
      membershipsAdded: 1,
    })
    const strict = await importCsv(csv, 'organizationId=coop&dryRun=false&strict=true')
    expect(strict.status).toBe(422)
    expect(strict.body.imported).toBe(false)
    expect((await api('GET', '/drivers?search=Bo Ek')).body.total).toBe(0)
  })

  test('an import writes the valid rows once; the same file again changes nothing', async () => {
    const first = await importCsv(csv, 'organizationId=coop&dryRun=false&strict=false')
    expect(first.body.imported).toBe(true)
    const again = await importCsv(csv, 'organizationId=coop&dryRun=false&strict=false')
    expect(again.body.imported).toBe(false)
    expect(again.body.rows.flatMap((r: { changes: string[] }) => r.changes)).toEqual([])
    const bo = (await api('GET', '/drivers?search=bo@example.se')).body.items
    expect(bo).toHaveLength(1)
    expect(bo[0]).toMatchObject({ apartment: '2201', parkingSpace: 'P1', phone: '+46701112233' })
  })

  test('the export re-imports without a change', async () => {
    const res = await node.app.handle(
      new Request('http://localhost/api/v1/drivers.csv', {
        headers: { authorization: 'Bearer test-api-key-0123456789' },
      }),
    )
    expect(res.headers.get('content-type')).toContain('text/csv')
    const exported = await res.text()
    expect(exported).toContain("'+46701112233")
    expect(exported.split('\r\n')[0]).toBe(
      'apartment,parking_space,name,email,phone,token_uid,token_type,group',
    )
    const coopOnly = exported
      .split('\r\n')
      .filter((l, i) => i === 0 || l.includes('IMP-') || l.includes('Bo Ek'))
      .join('\n')
    const again = await importCsv(coopOnly, 'organizationId=coop&dryRun=false&strict=true')
    expect(again.body.errors).toEqual([])
    expect(again.body.rows.flatMap((r: { changes: string[] }) => r.changes)).toEqual([])
  })

  test('an unusable file is a 400 with the reason', async () => {
    const res = await importCsv('shoe_size\n42', 'organizationId=coop')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe('Unknown columns: shoe_size.')
  })
})
