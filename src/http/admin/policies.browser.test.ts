import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { sites } from '@src/db/schema'
import { apiClient } from '@src/testing/api'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('access policies in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  let visitors = ''
  const errors: string[] = []

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
    visitors = (await ok('POST', '/groups', { name: 'Visitors', kind: 'visitors', organizationId: 'coop' }))
      .id
    await ok('POST', `/groups/${visitors}/members`, { kind: 'token', id: 'GUEST-7' })
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
  })

  test('"Visitors evenings" is made through the form, after a message for what was missing', async () => {
    await page.goto(`${node.url}/admin/policies`)
    await Promise.all([page.waitForURL('**/admin/policies/new'), page.click('a[href="/admin/policies/new"]')])
    await page.fill('#policy-form input[name=name]', 'Visitors evenings')
    await page.selectOption('#policy-form select[name=organizationId]', 'coop')
    await page.selectOption('#policy-form select[name=where]', 'site:garage')
    for (let d = 1; d <= 7; d++) await page.check(`#policy-form input[name=w0d${d}]`)
    await page.fill('#policy-form input[name=w0from]', '18:00')
    await page.evaluate(() => document.querySelector('select[name=who]')?.removeAttribute('required'))
    await page.click('#policy-form button[type=submit]')
    await page.waitForSelector('#policy-form .has-error .error')
    expect(await page.textContent('#policy-form')).toContain('Choose who this policy is for.')
    expect(await page.textContent('#policy-form')).toContain('Give the window a from and a to time.')
    expect(await page.inputValue('#policy-form input[name=name]')).toBe('Visitors evenings')
    expect(await page.isChecked('#policy-form input[name=w0d3]')).toBe(true)
    await page.selectOption('#policy-form select[name=who]', `group:${visitors}`)
    await page.fill('#policy-form input[name=w0to]', '08:00')
    await Promise.all([page.waitForURL('**/admin/policies'), page.click('#policy-form button[type=submit]')])
    const list = await page.textContent('#policy-list')
    expect(list).toContain('Visitors evenings')
    expect(list).toContain('every day 18:00–08:00')
    expect(list).toContain('Visitors (visitors)')
  })

  test('the timetable shows the visitors allowed in the evening and refused in the afternoon', async () => {
    await page.goto(`${node.url}/admin/policies/timetable?siteId=garage`)
    const row = 'table.timetable[data-row="Visitors (visitors)"]'
    expect(await page.getAttribute(`${row} td[data-day="2"][data-slot="38"]`, 'data-allowed')).toBe('true')
    expect(await page.getAttribute(`${row} td[data-day="2"][data-slot="28"]`, 'data-allowed')).toBe('false')
    expect(await page.getAttribute(`${row} td[data-day="2"][data-slot="38"]`, 'title')).toContain(
      'allowed by "Visitors evenings"',
    )
  })

  test('trying the card at 14:00 is refused with why, at 19:00 accepted', async () => {
    await page.goto(`${node.url}/admin/policies`)
    const tryAt = async (at: string) => {
      await page.fill('#try-token input[name=uid]', 'GUEST-7')
      await page.selectOption('#try-token select[name=chargerId]', 'GARAGE-1')
      await page.fill('#try-token input[name=evseId]', '1')
      await page.fill('#try-token input[name=at]', at)
      await page.click('#try-token button[type=submit]')
      await page.waitForSelector(`#try-result .try-answer:has-text("${at.replace('T', ' ')}")`)
      return (await page.textContent('#try-result')) ?? ''
    }
    const afternoon = await tryAt('2026-12-01T14:00')
    expect(afternoon).toContain('Refused')
    expect(afternoon).toContain('OCPP 2.0.1 NotAtThisTime, OCPP 1.6 Blocked')
    expect(afternoon).toContain('"Visitors evenings" allows this token here, but not at this time')
    const evening = await tryAt('2026-12-01T19:00')
    expect(evening).toContain('Accepted')
    expect(evening).toContain('policy "Visitors evenings" decided: Accepted')
    expect(errors).toEqual([])
  })
})
