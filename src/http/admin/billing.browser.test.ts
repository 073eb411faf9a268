import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { readFile } from 'node:fs/promises'
import { testCdr } from '@src/testing/billing-fixtures'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { pdfPages, requirePdftotext } from '@src/testing/pdf-text'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

const NOW = Date.parse('2026-12-04T12:00:00Z')
const NOV = Date.parse('2026-11-15T12:00:00Z')

describe.skipIf(!hasChromium)('billing in a browser: profile, run, invoice, payment, credit', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode({}, { clock: new JumpingClock(NOW) })
    await node.deps.writer.write([
      node.deps.repos.people.insertDriver({
        id: 'drv-browser',
        organizationId: 'platform',
        name: 'Åsa Öberg',
        email: null,
        phone: null,
        language: null,
        householdId: null,
        businessAccountId: null,
        costCentre: null,
        createdAt: NOW,
        updatedAt: NOW,
      }),
      node.deps.repos.cdrs.insert(
        testCdr({ organizationId: 'platform', payer: 'driver:drv-browser', endedAt: NOV, id: 'cdr-b1' }),
      ),
      node.deps.repos.cdrs.insert(
        testCdr({
          organizationId: 'platform',
          payer: 'driver:drv-browser',
          endedAt: NOV + 86_400_000,
          excl: '10.00',
          incl: '12.50',
          id: 'cdr-b2',
        }),
      ),
      node.deps.repos.cdrs.insert(
        testCdr({ organizationId: 'platform', payer: null, endedAt: NOV, id: 'cdr-lost' }),
      ),
    ])
    browser = await launchBrowser()
    page = await browser.newPage({ acceptDownloads: true })
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
  })

  test('the seller profile: a bad field is named beside it with htmx, then it is saved', async () => {
    await page.goto(`${node.url}/admin/billing`)
    const form = '#billing-profile'
    await page.fill(`${form} input[name=legalName]`, 'BRF Eken')
    await page.fill(`${form} input[name=companyNumber]`, '769600-1234')
    await page.fill(`${form} input[name=vatNumber]`, 'SE769600123401')
    await page.fill(`${form} textarea[name=addressLines]`, 'Ekvägen 1\n123 45 Stockholm')
    await page.fill(`${form} input[name=bankgiro]`, '123 4567')
    await page.fill(`${form} input[name=invoicePrefix]`, 'EK-')
    await page.click(`${form} button[type=submit]`)
    await page.waitForSelector(`${form} .has-error .error`)
    expect(await page.textContent(form)).toContain('e.g. 123-4567 or 5050-1055')
    expect(await page.inputValue(`${form} textarea[name=addressLines]`)).toBe('Ekvägen 1\n123 45 Stockholm')
    await page.fill(`${form} input[name=bankgiro]`, '123-4567')
    await page.click(`${form} button[type=submit]`)
    await page.waitForSelector(`${form} .notice.ok`)
    expect(await page.textContent(form)).toContain('Profile saved.')
  })

  test('billing is run for the previous month: its report names what was left out', async () => {
    expect(await page.inputValue('#billing-run input[name=month]')).toBe('2026-11')
    await page.click('#billing-run button[type=submit]')
    await page.waitForSelector('#run-report')
    const report = await page.textContent('#run-report')
    expect(report).toContain('1 invoices issued')
    expect(report).toContain('to pay 63.00 SEK')
    expect(report).toContain('No payer (the card has no owner): 1')
    expect(await page.getAttribute('#run-report a[href^="/admin/cdrs/"]', 'href')).toBe(
      '/admin/cdrs/cdr-lost',
    )
  })

  test('the invoice opens from the run; a payment is recorded and it is paid', async () => {
    await Promise.all([page.waitForURL(/\/admin\/invoices\?run=/), page.click('#run-report a[href*="run="]')])
    await Promise.all([page.waitForURL(/\/admin\/invoices\/inv-/), page.click('table.invoices a')])
    expect(await page.textContent('h1')).toBe('Invoice EK-000001')
    expect(await page.textContent('main')).toContain('Åsa Öberg')
    await page.fill('#invoice-actions input[name=paidOn]', '2026-12-03')
    await page.fill('#invoice-actions input[name=amount]', '63,00')
    await Promise.all([
      page.waitForURL(/done=payment/),
      page.click('#invoice-actions form[action$="/payments"] button'),
    ])
    expect(await page.textContent('.notice.ok')).toBe('Payment recorded.')
    expect(await page.textContent('main .badge')).toBe('paid')
    expect(await page.textContent('.payments')).toContain('2026-12-03: 63.00 SEK')
  })

  test.if(requirePdftotext('the admin invoice PDF in a browser'))(
    'the PDF downloads and reads back',
    async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$=".pdf"]')])
      const path = await download.path()
      const text = (await pdfPages(new Uint8Array(await readFile(path)))).join('\n')
      expect(text).toContain('EK-000001')
      expect(text).toContain('Åsa Öberg')
    },
  )

  test('it is credited once ticked: the credit note is shown, and the invoice links to it', async () => {
    const invoiceUrl = page.url().replace(/\?.*$/, '')
    await page.click('#invoice-actions form[action$="/credit"] button')
    await page.waitForSelector('.has-error .error')
    expect(await page.textContent('.has-error .error')).toContain('Tick to confirm')
    await page.check('#invoice-actions input[name=confirm]')
    await Promise.all([
      page.waitForURL(/done=credit/),
      page.click('#invoice-actions form[action$="/credit"] button'),
    ])
    expect(await page.textContent('h1')).toBe('Credit note EK-000002')
    expect(await page.textContent('.invoice-total')).toBe('-63.00 SEK')
    await page.goto(invoiceUrl)
    expect(await page.textContent('.credited')).toContain('EK-000002')
    expect(errors).toEqual([])
  })
})
