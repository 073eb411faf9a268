import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

/** A day of Nord Pool SE3 quarters in SEK/MWh, as a plain CSV: 96 lines, 400 + 10 × the quarter. */
function dayOfQuarters(): string {
  const start = Date.parse('2026-12-08T00:00:00+01:00')
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  const lines = Array.from({ length: 96 }, (_, i) => {
    const from = start + i * 900_000
    return `${iso(from)},${iso(from + 900_000)},${400 + 10 * i}`
  })
  return ['start,end,price', ...lines].join('\n')
}

describe.skipIf(!hasChromium)('price series: a CSV uploaded, previewed, then imported, in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  let dir = ''
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode()
    dir = mkdtempSync(join(tmpdir(), 'price-series-'))
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  test('a series is made from the tariffs page', async () => {
    await page.goto(`${node.url}/admin/tariffs`)
    await Promise.all([page.waitForURL('**/admin/price-series'), page.click('a[href="/admin/price-series"]')])
    await page.fill('#new-series input[name=name]', 'Nord Pool SE3')
    await page.fill('#new-series input[name=zone]', 'SE3')
    await page.selectOption('#new-series select[name=slotMinutes]', '15')
    await Promise.all([
      page.waitForURL(/\/admin\/price-series\/ps_/),
      page.click('#new-series button[type=submit]'),
    ])
    expect(await page.textContent('h1')).toBe('Nord Pool SE3')
    expect(await page.textContent('main')).toContain('No slots imported yet.')
  })

  test('a file with bad lines is refused with each line named, and nothing can be imported', async () => {
    const bad = join(dir, 'bad.csv')
    writeFileSync(
      bad,
      `${dayOfQuarters()}\n2026-12-09T00:00+01:00,2026-12-09T01:00+01:00,400\n2026-12-09 01:00,x,1\n`,
    )
    await page.setInputFiles('#upload input[type=file]', bad)
    await page.click('#upload button[type=submit]')
    await page.waitForSelector('#upload-report')
    const report = (await page.textContent('#upload-report')) ?? ''
    expect(report).toContain('Nothing can be imported')
    expect(await page.locator('#upload-report .upload-errors tbody tr').allTextContents()).toEqual([
      '98a slot of this series is 15 minutes long',
      '99start and end must be ISO instants with an offset, e.g. 2026-11-02T00:00+01:00',
    ])
    expect(await page.locator('#import-confirm').count()).toBe(0)
  })

  test('a good file is previewed (count and first slots), imported, and drawn', async () => {
    const good = join(dir, 'se3.csv')
    writeFileSync(good, dayOfQuarters())
    await page.setInputFiles('#upload input[type=file]', good)
    await page.click('#upload button[type=submit]')
    await page.waitForFunction(() =>
      document.querySelector('#upload-report h2')?.textContent?.startsWith('Preview'),
    )
    expect(await page.textContent('#upload-report h2')).toBe('Preview: nothing is imported yet')
    expect(await page.textContent('#upload-report')).toContain('96 slots: 96 new, 0 revised')
    const first = await page.locator('#upload-report .upload-slots tbody tr').first().allTextContents()
    expect(first[0]).toBe('2026-12-08 00:002026-12-08 00:150.4')
    expect(await node.deps.repos.priceSeries.extent(page.url().split('/').at(-2) ?? '')).toMatchObject({
      slots: 0,
    })
    await page.click('#import-confirm button[type=submit]')
    await page.waitForFunction(() => document.querySelector('#upload-report h2')?.textContent === 'Imported')
    await page.goto(page.url().replace(/\/import$/, ''))
    expect(await page.textContent('main')).toContain('96 slots, 2026-12-08 00:00 to 2026-12-09 00:00')
    expect(await page.locator('svg.chart path[data-series="spot price"]').count()).toBe(1)
  })

  test('the tariff editor makes a tariff follow the series with a markup and a fallback', async () => {
    await page.goto(`${node.url}/admin/tariffs/new`)
    await page.fill('#tariff-form input[name=name]', 'Visitors spot')
    await page.selectOption('#tariff-form select[name=e0c0type]', 'FLAT')
    await page.fill('#tariff-form input[name=e0c0price]', '5')
    await page.selectOption('#tariff-form select[name=spot]', { label: 'Nord Pool SE3 (SE3, SEK)' })
    await page.fill('#tariff-form input[name=spotMarkup]', '0.45')
    await page.fill('#tariff-form input[name=spotFallback]', '2.50')
    await Promise.all([
      page.waitForURL(/\/admin\/tariffs\/trf_/),
      page.click('#tariff-form button[type=submit]:not([name])'),
    ])
    const facts = (await page.textContent('.tariff-facts')) ?? ''
    expect(facts).toContain('plus 0.45 SEK/kWh excl. VAT; a slot the series does not have costs 2.5 SEK/kWh')
    expect(errors).toEqual([])
  })
})
