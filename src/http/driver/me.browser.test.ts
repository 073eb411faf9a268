import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser } from '@src/testing/browser'
import { runningSession } from '@src/testing/driver-sessions'
import { type DriverWorld, seedDriverWorld } from '@src/testing/driver-world'
import { linkIn, type MailServer, startMailServer } from '@src/testing/mail-server'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

/** Where mailed links point; the browser follows their path on the test node. */
const PUBLIC_URL = 'http://csms.example.test'

describe.skipIf(!hasChromium)("the driver's own pages on a phone", () => {
  let mail: MailServer
  let node: TestNode
  let world: DriverWorld
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    mail = await startMailServer()
    node = await startTestNode({ CSMS_SMTP_URL: mail.url, CSMS_PUBLIC_URL: PUBLIC_URL })
    world = await seedDriverWorld(node)
    await runningSession(node, {
      chargerId: 'PHONE-BAY',
      label: 'Garage bay 3',
      card: 'ANNA-CARD',
      startWh: 2000,
      nowWh: 14_000,
    })
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: 'en-GB' })
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('dialog', (d) => void d.accept())
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
    await mail?.close()
  })

  const narrow = () => page.evaluate(() => document.documentElement.scrollWidth)

  test('the driver signs in with the link from the mail and sees the running session’s cost', async () => {
    await page.goto(`${node.url}/me/sign-in`)
    await page.fill('input[name=email]', world.anna.email)
    await page.click('#sign-in button[type=submit]')
    await page.waitForSelector('#sign-in .notice.ok')
    const link = linkIn(await mail.next(world.anna.email))
    expect(link.startsWith(`${PUBLIC_URL}/me/link/`)).toBe(true)
    await page.goto(`${node.url}${new URL(link).pathname}`)
    await page.click('#sign-in-link button[type=submit]')
    await page.waitForURL(/\/me$/)
    expect(await page.textContent('#drive-live .energy')).toBe('12.00 kWh')
    expect(await page.textContent('#drive-live .cost')).toBe('36.00 SEK') // 12 kWh × 2.40 + 25 % VAT
    expect(await page.textContent('#prices')).toContain('3.00 SEK per kWh')
    expect(await narrow()).toBeLessThanOrEqual(375)
  })

  test('the driver sets a weekly plan: weekdays 07:15', async () => {
    await page.click('.driver-tabs a[href="/me/plan"]')
    await page.waitForSelector('#plan-form')
    expect(await page.isChecked('input[name=days][value="1"]')).toBe(true)
    expect(await page.isChecked('input[name=days][value="6"]')).toBe(false)
    await page.fill('input[name=time]', '07:15')
    await page.click('#plan-form button[value=save]')
    await page.waitForSelector('#plan-form .notice.ok')
    expect(await page.textContent('#plan-form .current')).toBe('Your plan: weekdays 07:15')
    expect(await node.deps.repos.driverAccounts.planOf(world.anna.id)).toMatchObject({
      days: '1,2,3,4,5',
      time: '07:15',
    })
  })

  test('the driver blocks a lost card', async () => {
    await page.click('.driver-tabs a[href="/me/cards"]')
    await page.waitForSelector('#cards')
    await page.click('#card-ANNA-SPARE button')
    await page.waitForSelector('#card-ANNA-SPARE .notice.ok')
    expect(await page.textContent('#card-ANNA-SPARE .status')).toBe('blocked')
    expect(await page.$('#card-ANNA-SPARE button')).toBeNull()
    expect((await node.deps.repos.tokens.find(world.anna.spare))?.status).toBe('Blocked')
    expect(await page.textContent('#card-ANNA-CARD .status')).toBe('works')
  })

  test('the driver switches to Swedish, and it stays Swedish', async () => {
    await page.click('.driver-language button')
    await page.waitForFunction(() => document.documentElement.lang === 'sv')
    expect(await page.textContent('#cards h1')).toBe('Dina kort')
    await page.click('.driver-tabs a[href="/me"]')
    await page.waitForSelector('#drive-live')
    expect(await page.textContent('main h1')).toBe('Laddar nu')
    expect(await page.textContent('#drive-live')).toContain('Kostnad hittills')
  })

  test('no page raised a script error', () => {
    expect(errors).toEqual([])
  })
})
