import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { dec } from '@src/domain/tariffs/decimal'
import { SimCharger } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { apiClient } from '@src/testing/api'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser } from '@src/testing/browser'
import { driverCookieOf } from '@src/testing/driver-sessions'
import { type DriverWorld, seedDriverWorld } from '@src/testing/driver-world'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'
import { DRIVER_COOKIE } from './driver-cookies'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS * 3)

/** The cost on the page in öre, e.g. `36.00 SEK` → 3600 (exact: the page shows two decimals). */
const ore = (text: string | null) =>
  dec((text ?? '').split(' ')[0] || '0')
    .mul(100)
    .toNumber()

describe.skipIf(!hasChromium)("the driver's page follows a charging session live", () => {
  let node: TestNode
  let world: DriverWorld
  let browser: Browser
  let page: Page
  let cp: SimCharger
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode()
    world = await seedDriverWorld(node)
    cp = new SimCharger({
      url: node.ocppUrl,
      id: 'LIVE-BAY',
      protocol: 'ocpp2.0.1',
      connectors: 1,
      meterIntervalS: 1,
    })
    await cp.start()
    await cp.whenAccepted()
    browser = await launchBrowser()
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'en-GB' })
    const cookie = (await driverCookieOf(node, world.anna.email)).slice(DRIVER_COOKIE.length + 1)
    await context.addCookies([{ name: DRIVER_COOKIE, value: cookie, url: node.url }])
    page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
  })
  afterAll(async () => {
    await cp?.stop()
    await browser?.close()
    await node?.dispose()
  })

  test('the cost rises without a reload while the car charges, and ends at the CDR’s total', async () => {
    await page.goto(`${node.url}/me`)
    await page.waitForSelector('#no-running')
    await page.evaluate(() => {
      ;(window as unknown as { loadedOnce: boolean }).loadedOnce = true
    })
    cp.plugIn(1, testEv({ maxCurrentA: 32 }))
    expect((await cp.startCharging(1, world.anna.card)).status).toBe('Accepted')
    // the new session appears on its own, then its cost rises
    await page.waitForSelector('#drive-live .cost', { timeout: 15_000 })
    const first = ore(await page.textContent('#drive-live .cost'))
    await page.waitForFunction(
      (before) =>
        Number.parseFloat(document.querySelector('#drive-live .cost')?.textContent ?? '') * 100 > before,
      first,
      { timeout: 20_000 },
    )
    expect(await page.textContent('#drive-live .updated')).toMatch(/^\d\d:\d\d:\d\d$/)
    await cp.stopCharging(1)
    const api = apiClient(node)
    const cdr = await eventually(
      'the CDR',
      async () =>
        (await api('GET', '/cdrs?chargerId=LIVE-BAY')).body.items[0] as { totalInclVat: string } | undefined,
      10_000,
    )
    const total = `${dec(cdr.totalInclVat).toFixed(2)} SEK`
    await page.waitForFunction(
      (want) => document.querySelector('#drive-live .cost')?.textContent === want,
      total,
      { timeout: 15_000 },
    )
    expect(await page.textContent('#drive-live .updated')).toContain('ended')
    expect(ore(total)).toBeGreaterThan(first)
    expect(await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true)
  })

  test('no page raised a script error', () => {
    expect(errors).toEqual([])
  })
})
