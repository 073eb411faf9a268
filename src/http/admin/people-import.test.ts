import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { drivers, households, tokens } from '@src/db/schema'
import { startTestNode, type TestNode } from '@src/testing/node'
import { peopleAdmin, type Session } from '@src/testing/people-admin'
import { eq } from 'drizzle-orm'

let node: TestNode
let coop: Session
let office: Session

beforeAll(async () => {
  node = await startTestNode()
  const w = await peopleAdmin(node, ['coop', 'office'])
  coop = w.orgs.coop!
  office = w.orgs.office!
  await coop.post('/admin/groups', { name: 'Residents', kind: 'tenants' })
})
afterAll(() => node.dispose())

const CSV = [
  'apartment;parking_space;name;email;phone;token_uid;token_type;group',
  '1101;P1;Anna Lind;anna@coop.example;;IMP-A;;Residents',
  '1102;P2;Olof Berg;;;IMP-B;ISO14443;',
  '1103;;Bad Row;not-an-email;;IMP-C;;Nosuch',
].join('\n')

const coopDrivers = async () =>
  (await node.deps.database.db.select().from(drivers).where(eq(drivers.organizationId, 'coop'))).map(
    (d) => d.name,
  )

/** A multipart post, as the browser sends the upload form. */
function upload(session: Session, form: FormData) {
  return node.app.handle(
    new Request('http://localhost/admin/people/import', {
      method: 'POST',
      headers: { origin: 'http://localhost', cookie: session.cookie },
      body: form,
    }),
  )
}

describe('the people import page', () => {
  test('shows the upload form with the columns and the export link', async () => {
    const page = await (await coop.get('/admin/people/import')).text()
    expect(page).toContain('enctype="multipart/form-data"')
    expect(page).toContain('apartment, parking_space, name')
    expect(page).toContain('href="/admin/people.csv"')
  })

  test('a preview of an uploaded file lists each row and the bad one, and writes nothing', async () => {
    const form = new FormData()
    form.set('step', 'preview')
    form.set('strict', 'on')
    form.set('file', new File([CSV], 'people.csv', { type: 'text/csv' }))
    const res = await upload(coop, form)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('Preview: nothing is imported yet')
    expect(page).toContain('Anna Lind')
    expect(page).toContain('Olof Berg')
    expect(page).toMatch(/<tr><td>4<\/td><td>[^<]*email/)
    expect(page).toContain('1 row(s) have errors: nothing was imported (strict)')
    expect(page).toContain('name="step" value="import"')
    expect(page).toContain(
      'value="apartment;parking_space;name;email;phone;token_uid;token_type;group\n1101;',
    )
    expect(await coopDrivers()).toEqual([])
  })

  test('strict refuses the whole file; without strict the good rows import, once', async () => {
    const strict = await coop.post('/admin/people/import', { step: 'import', text: CSV, strict: 'on' })
    expect(strict.status).toBe(422)
    expect(await coopDrivers()).toEqual([])
    const res = await coop.post('/admin/people/import', { step: 'import', text: CSV })
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<h2>Imported</h2>')
    expect(page).toContain('2 drivers created')
    expect((await coopDrivers()).sort()).toEqual(['Anna Lind', 'Olof Berg'])
    const [card] = await node.deps.database.db.select().from(tokens).where(eq(tokens.uid, 'IMP-A'))
    expect(card?.organizationId).toBe('coop')
    const again = await (await coop.post('/admin/people/import', { step: 'import', text: CSV })).text()
    expect(again).toContain('0 drivers created')
    expect(
      await node.deps.database.db.select().from(households).where(eq(households.organizationId, 'coop')),
    ).toHaveLength(2)
  })

  test('an empty post and an unusable file say so, with the text kept', async () => {
    const empty = await coop.post('/admin/people/import', { step: 'preview', text: '' })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('Choose a file or paste its rows.')
    const noName = await coop.post('/admin/people/import', { step: 'preview', text: 'apartment\n12' })
    expect(noName.status).toBe(400)
    const page = await noName.text()
    expect(page).toContain('class="notice bad"')
    expect(page).toContain('apartment\n12</textarea>')
  })

  test("an import into another tenant's organization is refused and writes nothing there", async () => {
    const res = await coop.post('/admin/people/import', {
      step: 'import',
      text: CSV,
      organizationId: 'office',
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('you cannot add to organization office')
    const officeRows = await node.deps.database.db
      .select()
      .from(drivers)
      .where(eq(drivers.organizationId, 'office'))
    expect(officeRows).toEqual([])
    expect(await (await office.get('/admin/drivers')).text()).not.toContain('Anna Lind')
  })

  test('a file larger than the form limit is refused before it is read', async () => {
    const big = `${CSV}\n${'9999;;Filler Name;;;;;\n'.repeat(4000)}`
    const body = new URLSearchParams({ step: 'preview', text: big }).toString()
    const res = await node.app.handle(
      new Request('http://localhost/admin/people/import', {
        method: 'POST',
        headers: {
          origin: 'http://localhost',
          cookie: coop.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(body.length),
        },
        body,
      }),
    )
    expect(res.status).toBe(413)
    expect(await coopDrivers()).not.toContain('Filler Name')
  })
})
