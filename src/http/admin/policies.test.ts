import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { sites } from '@src/db/schema'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
let htmx: Awaited<ReturnType<typeof adminSession>>
let visitors = ''

/** The form of "Visitors evenings": every day 18:00–08:00 for the visitors group on the garage. */
const evenings = () => {
  const f: Record<string, string> = {
    name: 'Visitors evenings',
    organizationId: 'coop',
    effect: 'allow',
    enabled: 'on',
    who: `group:${visitors}`,
    where: 'site:garage',
    w0from: '18:00',
    w0to: '08:00',
    holidays: 'ignore',
    priceGroup: 'visitor',
    priorityTier: '7',
    maxSessionMinutes: '600',
  }
  for (let d = 1; d <= 7; d++) f[`w0d${d}`] = 'on'
  return f
}

beforeAll(async () => {
  node = await startTestNode()
  const api = apiClient(node)
  const ok = async (method: string, path: string, body: unknown) => {
    const res = await api(method, path, body)
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  await ok('POST', '/organizations', { id: 'coop', name: 'Brf Solrosen' })
  await ok('PUT', '/chargers/GARAGE-1', { organizationId: 'coop', label: 'Garage 1' })
  await ok('PUT', '/sites/garage', { name: 'Solrosen garage', mainFuseA: 63, organizationId: 'coop' })
  await ok('PUT', '/sites/garage/connectors/GARAGE-1/1', { maxA: 16, wiring: 'L1,L2,L3' })
  await node.deps.database.db.update(sites).set({ accessDefault: 'deny' }).where(eq(sites.id, 'garage'))
  await ok('PUT', '/tokens/GUEST-7', { type: 'ISO14443', status: 'Accepted', organizationId: 'coop' })
  visitors = (await ok('POST', '/groups', { name: 'Visitors', kind: 'visitors', organizationId: 'coop' })).id
  await ok('POST', `/groups/${visitors}/members`, { kind: 'token', id: 'GUEST-7' })
  admin = await adminSession(node)
  htmx = await adminSession(node, { htmx: true })
})
afterAll(() => node.dispose())

/** A GET as htmx sends it (for a fragment). */
const fragment = (path: string) =>
  node.app.handle(
    new Request(`http://localhost${path}`, { headers: { cookie: htmx.cookie, 'hx-request': 'true' } }),
  )

/** A form with no window at all. */
const always = (f: Record<string, string>) =>
  Object.fromEntries(Object.entries(f).filter(([k]) => !/^w\d/.test(k)))

const policyIds = async () => (await node.deps.repos.accessPolicies.list()).map((p) => p.id)

describe('the policy form', () => {
  test('offers the organization’s who and where, window rows, validity, holidays and with-what', async () => {
    const page = await (await admin.get('/admin/policies/new')).text()
    expect(page).toContain('href="/admin/policies"')
    expect(page).toContain(`value="group:${visitors}"`)
    expect(page).toContain('Visitors (visitors)')
    expect(page).toContain('value="token:GUEST-7"')
    expect(page).toContain('value="site:garage"')
    expect(page).toContain('value="evse:GARAGE-1:1"')
    for (const name of [
      'w0d1',
      'w3to',
      'validFrom',
      'validUntil',
      'holidays',
      'priorityTier',
      'monthlyKwhBudget',
      'maxSessionMinutes',
    ])
      expect(page).toContain(`name="${name}"`)
  })

  test('a form missing who, with a window without times, comes back with messages and what was typed', async () => {
    const res = await admin.post('/admin/policies', {
      ...evenings(),
      who: '',
      w1d3: 'on',
      name: 'Half "done"',
    })
    expect(res.status).toBe(422)
    const page = await res.text()
    expect(page).toContain('Choose who this policy is for.')
    expect(page).toContain('Give the window a from and a to time.')
    expect(page).toContain('value="Half &#34;done&#34;"')
    expect(page).toContain('name="w1d3" checked')
    expect(await policyIds()).toEqual([])
  })

  test('a group that is not in the organization is refused beside Who', async () => {
    const res = await admin.post('/admin/policies', { ...evenings(), who: 'group:grp_gone' })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('no group grp_gone in organization coop')
  })

  test('a valid form creates the policy and the list shows it in words', async () => {
    const res = await admin.post('/admin/policies', evenings())
    expect(res.status).toBe(303)
    const list = await (await admin.get('/admin/policies')).text()
    expect(list).toContain('Visitors evenings')
    expect(list).toContain('every day 18:00–08:00')
    expect(list).toContain('price visitor, tier 7, at most 600 min')
    expect(list).toContain('Solrosen garage')
  })

  test('the edit form shows the stored policy and saves a change', async () => {
    const [id] = await policyIds()
    const page = await (await admin.get(`/admin/policies/${id}`)).text()
    expect(page).toContain('name="w0d7" checked')
    expect(page).toContain('value="18:00"')
    expect(page).toContain('<option value="7" selected')
    const res = await admin.post(`/admin/policies/${id}`, { ...evenings(), w0from: '17:30' })
    expect(res.status).toBe(303)
    const [row] = await node.deps.repos.accessPolicies.list()
    expect(row?.windows).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], from: '17:30', to: '08:00' }])
    await admin.post(`/admin/policies/${id}`, evenings())
  })
})

describe('order, timetable and try a token', () => {
  test('moving a policy up swaps the list fragment in the new order', async () => {
    await admin.post('/admin/policies', { ...always(evenings()), name: 'Board any time' })
    const [, second] = await policyIds()
    const res = await htmx.post(`/admin/policies/${second}/move`, { direction: 'up' })
    expect(res.status).toBe(200)
    const fragment = await res.text()
    expect(fragment).toStartWith('<section id="policy-list">')
    expect(fragment.indexOf('Board any time')).toBeLessThan(fragment.indexOf('Visitors evenings'))
    expect(fragment).toContain('to 1.')
  })

  test("the timetable shows the visitors allowed at 19:00 and refused at 14:00 on the site's default", async () => {
    const del = await admin.post(`/admin/policies/${(await policyIds())[0]}/delete`, {})
    expect(del.status).toBe(303)
    const page = await (await admin.get('/admin/policies/timetable?siteId=garage')).text()
    expect(page).toContain('Visitors (visitors)')
    expect(page).toContain('Anyone with an accepted token (the site default)')
    expect(page).toContain(
      'data-day="2" data-slot="38" data-allowed="true" title="Tue 19:00–19:30: allowed by &#34;Visitors evenings&#34;"',
    )
    expect(page).toContain(
      'data-day="2" data-slot="28" data-allowed="false" title="Tue 14:00–14:30: denied by the site default"',
    )
  })

  test('trying the card at 14:00 and 19:00 gives the refusal and the acceptance with why', async () => {
    const ask = (at: string) =>
      fragment(`/admin/policies/try?uid=GUEST-7&chargerId=GARAGE-1&evseId=1&at=${encodeURIComponent(at)}`)
    const day = await (await ask('2026-12-01T14:00')).text()
    expect(day).toContain('data-allowed="false"')
    expect(day).toContain('OCPP 2.0.1 NotAtThisTime, OCPP 1.6 Blocked')
    expect(day).toContain('&quot;Visitors evenings&quot; allows this token here, but not at this time')
    const evening = await (await ask('2026-12-01T19:00')).text()
    expect(evening).toContain('data-allowed="true"')
    expect(evening).toContain('policy &quot;Visitors evenings&quot; decided: Accepted')
  })

  test('a try without a card says what to fill in; an unknown charger is not found', async () => {
    const missing = await fragment('/admin/policies/try?uid=&chargerId=GARAGE-1')
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('Enter the token (card) id.')
    const unknown = await fragment('/admin/policies/try?uid=GUEST-7&chargerId=NOPE')
    expect(unknown.status).toBe(404)
  })
})
