import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { subjects } from '@src/bus/subjects'
import type { SiteSettings } from '@src/domain/site/site-config'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import { fakeSession, fakeSiteStatus } from '@src/testing/site-status'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('the site pages in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  const errors: string[] = []
  /** Fake statuses are dated ahead of the real site loop's, so theirs never replace them. */
  const base = Date.now() + 3_600_000
  const publish = (i: number, over: Parameters<typeof fakeSiteStatus>[2] = {}) =>
    node.deps.bus.publish(subjects.siteStatus('br'), fakeSiteStatus('br', base + i * 5000, over))

  beforeAll(async () => {
    node = await startTestNode()
    const now = Date.now()
    const { sites, chargers } = node.deps.repos
    await node.deps.writer.write([
      chargers.upsert({ id: 'BR-CP', now }),
      sites.upsert('br', { ...defaults(), name: 'Live site', mainFuseA: 63 }, now),
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

  test('the site page draws the fuse load and shows sessions live as statuses arrive', async () => {
    await page.goto(`${node.url}/admin/sites/br`)
    expect(await page.textContent('#site-live')).toContain('No car is charging on this site.')
    await sseOpen(page)
    for (let i = 0; i < 3; i++) publish(i, { loadA: [20 + i * 10, 15, 10] })
    await page.waitForSelector('#site-live path[data-series="L1"][d*="L"]', { timeout: 5000 })
    expect(await page.textContent('#site-live .phase-bars')).toContain('40.0 / 60 A')
    publish(3, {
      loadA: [55, 30, 30],
      evA: [41, 16, 16],
      sessions: [
        fakeSession({ chargerId: 'BR-CP', transactionId: 42, limitA: 13.5, problem: 'setpoint refused' }),
      ],
      health: 'degraded',
      problems: ['setpoints failed for BR-CP'],
    })
    await page.waitForSelector('#session-42', { timeout: 5000 })
    expect(await page.textContent('#session-42 .allocation')).toContain('13.5 A')
    expect(await page.textContent('#site-live .site-problems')).toContain('setpoints failed for BR-CP')
    expect(await page.textContent('#site-live .phase-bars')).toContain('55.0 / 60 A')
  })

  test('the sites list updates its load cells live', async () => {
    await page.goto(`${node.url}/admin/sites`)
    expect(await page.textContent('#site-br td.site-load')).toContain('L1 55/60 A')
    await sseOpen(page)
    publish(4, { loadA: [12, 30, 30] })
    await page.waitForFunction(
      () => document.querySelector('#site-br .site-load')?.textContent?.includes('L1 12/60 A'),
      null,
      { timeout: 5000 },
    )
  })

  test('forms validate in place, keep what was typed, and then save', async () => {
    await page.goto(`${node.url}/admin/sites/br`)
    await page.fill('#circuit-form input[name=circuitId]', 'row-a')
    await page.fill('#circuit-form input[name=name]', 'Row A')
    await page.fill('#circuit-form input[name=limitA]', 'lots')
    await page.click('#circuit-form button.primary')
    await page.waitForSelector('#circuit-form .error')
    expect(await page.textContent('#circuit-form .error')).toContain('enter a number from 1 to 5000 A')
    expect(await page.inputValue('#circuit-form input[name=name]')).toBe('Row A')
    await page.fill('#circuit-form input[name=limitA]', '32')
    await page.click('#circuit-form button.primary')
    await page.waitForSelector('#circuit-row-a')
    await page.fill('#connector-form input[name=chargerId]', 'BR-CP')
    await page.selectOption('#connector-form select[name=circuitId]', 'row-a')
    await page.fill('#connector-form input[name=wiring]', 'L2,L3,L1')
    await page.click('#connector-form button.primary')
    await page.waitForSelector('#connector-BR-CP-1')
    expect(await node.deps.repos.sites.config('br')).toMatchObject({
      connectors: [{ chargerId: 'BR-CP', evseId: 1, circuitId: 'row-a', wiring: 'L2,L3,L1' }],
    })
  })

  // caps: the site's access default and holidays
  test('the access default and holidays validate in place, keep what was typed, and then save', async () => {
    await page.goto(`${node.url}/admin/sites/br`)
    await page.selectOption('#site-settings select[name=accessDefault]', 'deny')
    await page.fill('#site-settings textarea[name=holidays]', '2026-12-24\n2026-12-32')
    await page.click('#site-settings button.primary')
    await page.waitForSelector('#site-settings .error')
    expect(await page.textContent('#site-settings .error')).toContain('2026-12-32 is not a date')
    expect(await page.inputValue('#site-settings textarea[name=holidays]')).toBe('2026-12-24\n2026-12-32')
    expect(await page.inputValue('#site-settings select[name=accessDefault]')).toBe('deny')
    await page.fill('#site-settings textarea[name=holidays]', '2026-12-25, 2026-12-24')
    await page.click('#site-settings button.primary')
    await page.waitForSelector('#site-settings .notice')
    expect(await node.deps.repos.sites.find('br')).toMatchObject({
      accessDefault: 'deny',
      holidays: ['2026-12-24', '2026-12-25'],
    })
  })

  test('no page raised a script error', () => {
    expect(errors).toEqual([])
  })
})

/** Waits until the page's server-sent event stream is open (so what is published next reaches it). */
async function sseOpen(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    type Internal = { 'htmx-internal-data'?: { sseEventSource?: EventSource } }
    const el = document.querySelector('[sse-connect]') as unknown as Internal | null
    return el?.['htmx-internal-data']?.sseEventSource?.readyState === 1
  })
}

function defaults(): Omit<SiteSettings, 'name' | 'mainFuseA'> {
  return {
    voltageV: 230,
    phases: 3,
    safetyMarginA: 3,
    buildingMaxA: null,
    buildingMeter: 'none',
    buildingMeterChargerId: null,
    peakTargetKw: null,
    loopIntervalMs: 500,
    failSafeA: null,
    objective: 'vehicles',
    timeZone: 'Europe/Stockholm',
  }
}
