import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('the tariff editor, its preview and a CDR in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode()
    await node.deps.writer.write([
      node.deps.repos.cdrs.insert({
        id: 'cdr-browser',
        transactionId: -1,
        organizationId: 'platform',
        chargerId: 'GARAGE-1',
        evseId: 1,
        idTag: 'TAG-7',
        startedAt: Date.parse('2026-12-07T18:00:00+01:00'),
        endedAt: Date.parse('2026-12-07T20:00:00+01:00'),
        tariffId: null,
        tariffVersion: null,
        currency: null,
        totalExclVat: '0',
        totalInclVat: '0',
        energyWh: 20_000,
        flags: 'noTariff',
        body: { charging_periods: [] },
        createdAt: Date.now(),
      }),
    ])
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
  })

  test('a tariff with two elements is made, an element added with htmx keeping what was typed', async () => {
    await page.goto(`${node.url}/admin/tariffs`)
    await Promise.all([page.waitForURL('**/admin/tariffs/new'), page.click('a[href="/admin/tariffs/new"]')])
    await page.fill('#tariff-form input[name=name]', 'Residents day and night')
    await page.fill('#tariff-form input[name=e0c0price]', '2.00')
    await page.fill('#tariff-form input[name=e0from]', '06:00')
    await page.fill('#tariff-form input[name=e0to]', '22:00')
    for (let d = 0; d < 5; d++) await page.check(`#tariff-form input[name=e0day${d}]`)
    await page.click('#tariff-form button[value=add-element]')
    await page.waitForSelector('#tariff-form [data-element="1"]')
    expect(page.url()).toEndWith('/admin/tariffs/new')
    expect(await page.inputValue('#tariff-form input[name=name]')).toBe('Residents day and night')
    expect(await page.isChecked('#tariff-form input[name=e0day4]')).toBe(true)
    await page.fill('#tariff-form input[name=e1c0price]', 'one twenty')
    await page.click('#tariff-form button[type=submit]:not([name])')
    await page.waitForSelector('#tariff-form .has-error .error')
    expect(await page.textContent('#tariff-form')).toContain('a non-negative amount with at most 4 decimals')
    await page.fill('#tariff-form input[name=e1c0price]', '1.20')
    await Promise.all([
      page.waitForURL(/\/admin\/tariffs\/trf_/),
      page.click('#tariff-form button[type=submit]:not([name])'),
    ])
    const elements = await page.locator('.tariff-elements li').allTextContents()
    expect(elements).toEqual([
      '06:00–22:00, weekdays: 2.50 SEK/kWh incl. VAT (2.00 excl. 25 % VAT)',
      'Always: 1.50 SEK/kWh incl. VAT (1.20 excl. 25 % VAT)',
    ])
  })

  test('the week chart is drawn and the 20 kWh question is answered with its lines', async () => {
    expect(await page.getAttribute('svg.chart', 'aria-label')).toContain('from Monday to Sunday')
    expect(await page.locator('svg.chart path[data-series="energy price"]').count()).toBe(1)
    expect(await page.inputValue('.preview-form input[name=kwh]')).toBe('20')
    await page.fill('.preview-form input[name=start]', '2026-12-07T21:00')
    await page.fill('.preview-form input[name=hours]', '3')
    await page.click('.preview-form button[type=submit]')
    await page.waitForFunction(() =>
      document.querySelector('#preview-result .preview-total')?.textContent?.includes('41.00'),
    )
    const result = (await page.textContent('#preview-result')) ?? ''
    // 11 kWh 21:00–22:00 at 2.00 and 9 kWh after at 1.20: 32.80 excl., 41.00 incl. VAT
    expect(result).toContain('41.00 SEK incl. VAT')
    expect(result).toContain('32.80 excl.')
    expect(result).toContain('element 1: 06:00–22:00, weekdays')
    expect(result).toContain('element 2: always')
  })

  test('a CDR is opened from the list', async () => {
    await page.goto(`${node.url}/admin/cdrs`)
    await Promise.all([
      page.waitForURL('**/admin/cdrs/cdr-browser'),
      page.click('a[href="/admin/cdrs/cdr-browser"]'),
    ])
    expect(await page.textContent('h1')).toBe('CDR cdr-browser')
    expect(await page.textContent('.cdr-flags')).toContain('No tariff applied')
    expect(errors).toEqual([])
  })
})
