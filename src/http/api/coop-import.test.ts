import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  const api = apiClient(node)
  await api('POST', '/organizations', { id: 'brf', name: 'BRF Eken' })
  for (const [name, kind] of [
    ['Residents', 'tenants'],
    ['Visitors', 'visitors'],
    ['Board', 'custom'],
  ])
    expect((await api('POST', '/groups', { name, kind, organizationId: 'brf' })).status).toBe(201)
})
afterAll(() => node.dispose())

/** 40 apartments, 60 cards: every apartment a resident card, every other one a second card, 5 board members' and 15 visitors'. */
function coopCsv(): string {
  const lines = ['apartment;parking_space;name;email;phone;token_uid;token_type;group']
  for (let a = 1; a <= 40; a++) {
    const apt = String(1100 + a)
    lines.push(`${apt};P${a};Resident ${a};r${a}@example.se;;CARD-${apt}-A;;Residents`)
    if (a % 2 === 0)
      lines.push(
        `${apt};P${a};Resident ${a};r${a}@example.se;;CARD-${apt}-B;;${a <= 10 ? 'Board' : 'Visitors'}`,
      )
  }
  return lines.join('\n')
}

async function importCsv(csv: string, query: string) {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1/people/import?organizationId=brf&${query}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-api-key-0123456789', 'content-type': 'text/csv' },
      body: csv,
    }),
  )
  return { status: res.status, body: await res.json() }
}

describe('a co-op of 40 apartments', () => {
  test('a file with mistakes gives exactly the expected per-row errors; strict imports nothing', async () => {
    const bad = [
      'apartment;parking_space;name;email;phone;token_uid;token_type;group',
      '1101;P1;Ok Person;ok@example.se;;BAD-1;;Residents',
      '1102;P2;;x@example.se;;BAD-2;;Residents',
      '1103;P3;Mail Wrong;mail@;;BAD-3;;Residents',
      '1104;P4;Dup Card;;;BAD-1;;Residents',
      '1105;P5;No Group;;;BAD-5;;Tenants',
      '1106;P6;Phone Bad;;0701234567;BAD-6;Barcode;',
    ].join('\n')
    const strict = await importCsv(bad, 'dryRun=false&strict=true')
    expect(strict.status).toBe(422)
    expect(strict.body.errors).toEqual([
      { line: 3, errors: ['name: Enter a name.'] },
      { line: 4, errors: ['email: Enter an email like name@example.se.'] },
      { line: 5, errors: ['token_uid: BAD-1 is also on line 2.'] },
      { line: 6, errors: ['group: there is no group called Tenants.'] },
      {
        line: 7,
        errors: [
          'phone: Enter a phone number with country code, like +46701234567.',
          'token_type: Barcode is not a token type.',
        ],
      },
    ])
    expect((await apiClient(node)('GET', '/drivers')).body.total).toBe(0)
  })

  test('imports cleanly: 40 households, 40 drivers, 60 tokens, their groups; again changes nothing', async () => {
    const first = await importCsv(coopCsv(), 'dryRun=false&strict=true')
    expect(first.body.errors).toEqual([])
    expect(first.body.counts).toEqual({
      householdsCreated: 40,
      householdsUpdated: 0,
      driversCreated: 40,
      driversUpdated: 0,
      tokensCreated: 60,
      tokensUpdated: 0,
      membershipsAdded: 60,
      rowsRefused: 0,
    })
    const again = await importCsv(coopCsv(), 'dryRun=false&strict=true')
    expect(again.body.imported).toBe(false)
    expect(Object.values(again.body.counts).every((n) => n === 0)).toBe(true)
    const groups = (await apiClient(node)('GET', '/groups')).body.items
    expect(groups.map((g: { name: string; members: number }) => [g.name, g.members])).toEqual([
      ['Board', 5],
      ['Residents', 40],
      ['Visitors', 15],
    ])
  })

  test('the admin blocks a card in one click and the list shows it Blocked', async () => {
    const admin = await adminSession(node, { htmx: true })
    const res = await admin.post('/admin/tokens/CARD-1101-A/block', {})
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Unblock')
    const page = await (await admin.get('/admin/tokens?search=CARD-1101-A')).text()
    expect(page).toContain('Blocked')
    expect(page).not.toContain('CARD-1102-A')
  })
})
