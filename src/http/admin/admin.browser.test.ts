import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('the admin in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  let cp: OcppClient
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode()
    const { tokens, chargers } = node.deps.repos
    await node.deps.writer.write([
      tokens.upsert('WEB-TAG', { type: 'RFID', status: 'Accepted' }, Date.now()),
      chargers.upsert({ id: 'WEB-XSS', label: '"><img src=x onerror="window.pwned=1">', now: Date.now() }),
    ])
    cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'WEB-1', protocols: ['ocpp1.6'] })
    await cp.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Wallbox' })
    await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' })
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await cp?.close()
    await node?.dispose()
  })

  test('the chargers list shows each charger and updates a row live when its status changes', async () => {
    await page.goto(`${node.url}/admin/chargers`)
    expect(await page.textContent('#row-WEB-1')).toContain('Available')
    expect(await page.textContent('.summary')).toContain('1 of 2 chargers online')
    await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' })
    await page.waitForSelector('#row-WEB-1 .badge.busy', { timeout: 5000 })
    expect(await page.textContent('#row-WEB-1 .connectors')).toContain('Charging')
  })

  test('search narrows the list without reloading the page', async () => {
    await page.goto(`${node.url}/admin/chargers`)
    await page.fill('input[type=search]', 'XSS')
    await page.waitForFunction(() => !document.querySelector('#row-WEB-1'))
    expect(await page.locator('tbody tr').count()).toBe(1)
  })

  test('a label full of markup is shown as text, never run', async () => {
    await page.goto(`${node.url}/admin/chargers/WEB-XSS`)
    expect(await page.locator('img[src=x]').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
    expect(await page.textContent('h1')).toContain('<img src=x')
  })

  test('the charger page shows connectors, the running transaction with its power, and meter values, live', async () => {
    await page.goto(`${node.url}/admin/chargers/WEB-1`)
    expect(await page.textContent('#charger-live')).toContain('No transaction running')
    const ts = () => new Date().toISOString()
    const start = await cp.call('StartTransaction', {
      connectorId: 1,
      idTag: 'WEB-TAG',
      meterStart: 0,
      timestamp: ts(),
    })
    const transactionId = start.kind === 'result' ? start.payload.transactionId : 0
    for (const [wh, w] of [
      [100, 7000],
      [300, 7200],
      [600, 7400],
    ]) {
      const sampledValue = [
        { value: String(wh) },
        { value: String(w), measurand: 'Power.Active.Import', unit: 'W' },
      ]
      await cp.call('MeterValues', {
        connectorId: 1,
        transactionId,
        meterValue: [{ timestamp: ts(), sampledValue }],
      })
    }
    await page.waitForSelector('#charger-live svg.chart', { timeout: 5000 })
    expect(await page.textContent('#charger-live')).toContain('WEB-TAG')
    await page.reload()
    expect(await page.textContent('body')).toContain('Power.Active.Import')
  })

  test('settings validate with a clear message', async () => {
    await page.goto(`${node.url}/admin/chargers/WEB-1`)
    await page.fill('#charger-settings input[name=password]', 'too-short')
    await page.click('#charger-settings button[type=submit]')
    await page.waitForSelector('#charger-settings .error')
    expect(await page.textContent('#charger-settings .error')).toContain('16 to 40 characters')
  })

  test('no page raised a script error', () => {
    expect(errors).toEqual([])
  })
})
