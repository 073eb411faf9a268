import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

const CSV = [
  'apartment,parking_space,name,email,phone,token_uid,token_type,group',
  '2201,P21,Bo Ek,bo@example.se,,IMP-1,,Visitors',
  '2202,P22,Cy Al,,,IMP-2,ISO14443,',
  '2203,,Bad Row,not-an-email,,IMP-3,,',
].join('\n')

describe.skipIf(!hasChromium)('the people pages in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  const errors: string[] = []
  let householdUrl = ''
  let driverUrl = ''

  beforeAll(async () => {
    node = await startTestNode()
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
  })

  /** Submits a form by its button and waits for the page the post leads to. */
  async function submit(button: string, then: string) {
    await page.click(button)
    await page.waitForSelector(then)
  }

  test('a household with two drivers and a card', async () => {
    await page.goto(`${node.url}/admin/drivers`)
    await page.click('nav.tabs a:has-text("Households")')
    await page.waitForSelector('h1:has-text("Households")')
    await page.fill('#household-form input[name=apartment]', '1101')
    await page.fill('#household-form input[name=parkingSpace]', 'P12')
    await submit('#household-form button.primary', 'h1:has-text("Apartment 1101")')
    householdUrl = page.url()
    await page.fill('#quick-driver input[name=name]', 'Anna Lind')
    await submit('#quick-driver button.primary', 'h1:has-text("Anna Lind")')
    await page.goto(householdUrl)
    await page.fill('#quick-driver input[name=name]', 'Olof Lind')
    await submit('#quick-driver button.primary', 'h1:has-text("Olof Lind")')
    driverUrl = page.url()
    await page.fill('#card-form input[name=uid]', 'LIND-1')
    await submit('#card-form button.primary', '#driver-tokens td:has-text("LIND-1")')
    await page.goto(householdUrl)
    const drivers = await page.textContent('#household-drivers')
    expect(drivers).toContain('Anna Lind')
    expect(drivers).toContain('Olof Lind')
    expect(drivers).toContain('LIND-1')
  })

  test('the card put in a "Visitors" group with the picker', async () => {
    await page.goto(`${node.url}/admin/groups`)
    await page.fill('#group-form input[name=name]', 'Visitors')
    await page.selectOption('#group-form select[name=kind]', 'visitors')
    await submit('#group-form button.primary', 'h1:has-text("Visitors")')
    await page.selectOption('#add-token select[name=id]', 'LIND-1')
    await submit('#add-token button', '#group-members td:has-text("LIND-1")')
    expect(await page.textContent('#group-members')).toContain('Card')
  })

  test('a 3-row CSV with one bad row: preview first, then import the good rows', async () => {
    await page.goto(`${node.url}/admin/people/import`)
    await page.setInputFiles('#import-upload input[type=file]', {
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    })
    await submit('#import-upload button.primary', '#import-report')
    expect(await page.textContent('#import-report h2')).toContain('Preview')
    expect(await page.textContent('#import-errors')).toContain('4')
    const rows = await page.textContent('#import-rows')
    expect(rows).toContain('Bo Ek')
    expect(rows).toContain('Cy Al')
    expect(await node.deps.repos.tokens.find('IMP-1')).toBeUndefined()
    await page.uncheck('#import-confirm input[name=strict]')
    await page.click('#import-confirm button.primary')
    await page.waitForSelector('#import-report h2:has-text("Imported")')
    expect(await page.textContent('#import-report')).toContain('2 drivers created')
    expect((await node.deps.repos.tokens.find('IMP-1'))?.status).toBe('Accepted')
    expect(await node.deps.repos.tokens.find('IMP-3')).toBeUndefined()
    await page.goto(`${node.url}/admin/drivers?search=Bo`)
    expect(await page.textContent('#drivers')).toContain('IMP-1')
  })

  test('a card blocked in one click from the driver page', async () => {
    await page.goto(driverUrl)
    await page.click('#driver-tokens button[data-uid="LIND-1"]')
    await page.waitForSelector('#driver-tokens button[data-uid="LIND-1"]:has-text("Unblock")')
    expect((await node.deps.repos.tokens.find('LIND-1'))?.status).toBe('Blocked')
    expect(errors).toEqual([])
  })
})
