import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import { meterReading, startedTransaction } from '@src/testing/transactions'
import type { Browser, Page } from 'playwright-core'
import { connectorCode, connectorPath } from './connector-code'
import { localDeparture } from './departure-form'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('the driver page on a phone', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  let txId: number
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode()
    const { chargers, transactions } = node.deps.repos
    const now = Date.now()
    await node.deps.writer.write([chargers.upsert({ id: 'PHONE-CP', label: 'Visitor bay', now })])
    const [[row]] = await node.deps.writer.write([
      startedTransaction(transactions, {
        chargerId: 'PHONE-CP',
        evseId: 1,
        connectorId: 1,
        idTag: 'PHONE',
        startStatus: 'Accepted',
        reservationId: null,
        startedAt: now - 600_000,
        meterStartWh: 0,
        ocppTxId: 'phone-1',
        now,
      }),
    ] as const)
    txId = row!.id
    await node.deps.writer.write([meterReading(transactions, txId, 2500, now, now)])
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 375, height: 740 } })
    page.on('pageerror', (e) => errors.push(e.message))
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
  })

  test("the QR code's link shows the session, and the driver sets when they leave", async () => {
    const code = await connectorCode(node.deps, 'PHONE-CP', 1)
    await page.goto(`${node.url}${connectorPath('PHONE-CP', 1, code)}`)
    expect(page.url()).toMatch(/\/drive\/s\/[A-Za-z0-9_-]+$/)
    expect(await page.textContent('#drive-live')).toContain('2.50 kWh')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.selectOption('select[name=day]', '1')
    await page.fill('input[name=time]', '07:30')
    await page.fill('input[name=energyKwh]', '15')
    await page.click('#departure-form button[type=submit]')
    await page.waitForSelector('#departure-form .notice.ok')
    await page.waitForFunction(() =>
      document.querySelector('#drive-live .departure')?.textContent?.includes('set by you'),
    )
    const tx = await node.deps.repos.transactions.find(txId)
    expect(tx).toMatchObject({ energyNeedWh: 15_000, departureSource: 'driver' })
    expect(tx?.departureAt).toBe(localDeparture(Date.now(), 1, '07:30', 'Europe/Stockholm')!)
  })

  test('a departure in the past is refused with a message, keeping what was typed', async () => {
    await page.selectOption('select[name=day]', '0')
    await page.fill('input[name=time]', '00:00')
    await page.fill('input[name=energyKwh]', '12')
    await page.click('#departure-form button[type=submit]')
    await page.waitForSelector('#departure-form .error')
    expect(await page.textContent('#departure-form .error')).toContain('choose a time in the future')
    expect(await page.inputValue('input[name=energyKwh]')).toBe('12')
  })

  test('no page raised a script error', () => {
    expect(errors).toEqual([])
  })
})
