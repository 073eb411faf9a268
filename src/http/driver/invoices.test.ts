import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { sha256Hex } from '@src/lib/ids'
import { DRIVER_SESSION_MS } from '@src/services/driver-sign-in'
import { testCdr, testProfile } from '@src/testing/billing-fixtures'
import { type DriverWorld, seedDriverWorld } from '@src/testing/driver-world'
import { startTestNode, type TestNode } from '@src/testing/node'
import { pdfPages, requirePdftotext } from '@src/testing/pdf-text'
import { DRIVER_COOKIE } from './driver-cookies'

const scope = systemScope('driver invoices test', new Set(PERMISSIONS))
const NOV = Date.parse('2026-11-15T12:00:00Z')
let node: TestNode
let world: DriverWorld
/** Invoice ids by buyer: Anna's own, her household's (with Cecilia), Bo's, and a business account's. */
const ids: Record<'anna' | 'household' | 'bo' | 'business', string> = {
  anna: '',
  household: '',
  bo: '',
  business: '',
}
const numbers: Record<keyof typeof ids, string> = { anna: '', household: '', bo: '', business: '' }

async function sessionOf(email: string): Promise<string> {
  const secret = `invoices-session-${Math.random().toString(36).slice(2, 14)}`
  const now = node.deps.clock.now()
  await node.deps.writer.write([
    node.deps.repos.driverAccounts.addSession({
      hash: sha256Hex(secret),
      email,
      createdAt: now,
      expiresAt: now + DRIVER_SESSION_MS,
    }),
  ])
  return `${DRIVER_COOKIE}=${secret}`
}

const get = (path: string, cookie?: string) =>
  node.app.handle(
    new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' }),
  )

beforeAll(async () => {
  node = await startTestNode()
  world = await seedDriverWorld(node)
  await node.deps.services.billingProfiles.put(scope, 'platform', testProfile({ invoicePrefix: 'D-' }))
  const payers = {
    anna: `driver:${world.anna.id}`,
    household: `household:${world.household}`,
    bo: `driver:${world.bo.id}`,
    business: 'businessAccount:ba-employer',
  }
  await node.deps.writer.write(
    Object.entries(payers).map(([who, payer]) =>
      node.deps.repos.cdrs.insert(
        testCdr({ organizationId: 'platform', payer, endedAt: NOV, id: `cdr-${who}` }),
      ),
    ),
  )
  await node.deps.services.billingRuns.run(scope, 'platform', '2026-11')
  for (const [who, payer] of Object.entries(payers) as [keyof typeof ids, string][]) {
    const [kind, id] = payer.split(':') as [string, string]
    const { rows } = await node.deps.repos.invoices.list({
      buyerKind: kind,
      buyerId: id,
      limit: 1,
      offset: 0,
    })
    ids[who] = rows[0]?.id ?? ''
    numbers[who] = rows[0]?.number ?? ''
  }
})
afterAll(() => node.dispose())

describe("/me/invoices: the driver's own invoices", () => {
  test("Anna sees her own and her household's invoices, never Bo's nor an employer's", async () => {
    const page = await (await get('/me/invoices', await sessionOf(world.anna.email))).text()
    expect(page).toContain('href="/me/invoices"')
    expect(page).toContain(numbers.anna)
    expect(page).toContain(numbers.household)
    expect(page).not.toContain(numbers.bo)
    expect(page).not.toContain(numbers.business)
    expect(page).toContain('50.00 SEK')
  })

  test('in Swedish when the driver chose it', async () => {
    const cookie = `${await sessionOf(world.anna.email)}; csms_lang=sv`
    const page = await (await get('/me/invoices', cookie)).text()
    expect(page).toContain('Dina fakturor')
    expect(page).toContain('att betala')
  })

  test.if(requirePdftotext('the driver invoice PDF'))(
    'each is a PDF download that reads back as the invoice',
    async () => {
      const res = await get(`/me/invoices/${ids.household}.pdf`, await sessionOf(world.anna.email))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const text = (await pdfPages(new Uint8Array(await res.arrayBuffer()))).join('\n')
      expect(text).toContain(numbers.household)
    },
  )

  test("another driver's invoice is 404, as is the employer's and one that does not exist", async () => {
    const bo = await sessionOf(world.bo.email)
    for (const id of [ids.anna, ids.household, ids.business, 'inv-none']) {
      const res = await get(`/me/invoices/${id}.pdf`, bo)
      expect([id, res.status]).toEqual([id, 404])
    }
    expect((await get(`/me/invoices/${ids.bo}.pdf`, bo)).status).toBe(200)
    expect((await get(`/me/invoices/${ids.bo}`, bo)).status).toBe(404)
    const page = await (await get('/me/invoices', bo)).text()
    expect(page).toContain(numbers.bo)
    expect(page).not.toContain(numbers.household)
  })

  test('without a driver session: to the sign-in page, no invoice', async () => {
    for (const path of ['/me/invoices', `/me/invoices/${ids.anna}.pdf`]) {
      const res = await get(path)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/me/sign-in')
    }
  })
})
