import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { connectorCode, connectorPath } from '@src/http/driver/connector-code'
import { OcppClient } from '@src/sim/ocpp-client'
import { apiClient } from '@src/testing/api'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { answers16, answers201 } from '@src/testing/commands'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

/*
 * Every field a charger, an API client or an operator can set is filled with hostile strings, and every
 * admin and driver page is rendered in Chromium. The test fails if any script runs (each payload calls
 * `p()`, which the page counts), if a dialog opens, or if any element, attribute or URL the payloads
 * would inject is found in the DOM. It also checks the strings were shown as text, so that a page that
 * shows none of them cannot pass by accident.
 */

/** Payloads short enough for each field (OCPP limits some to 20 characters). */
const H = {
  /** 16 characters: fits every OCPP string field. */
  svg: '<svg/onload=p()>',
  /** Breaks out of an attribute. */
  img: '"><img src=x onerror=p()>',
  script: "'><script>p()</script>",
  /** A URL that runs script if it ever becomes a link. */
  js: 'javascript:p()',
  /** A right-to-left override with an element. */
  bidi: '\u202egpj.exe\u202c<b id=xss>',
  /** Markup htmx would act on if it were ever parsed. */
  htmx: '<div hx-get=/xss hx-trigger=load id=xss2>',
}
/** Everything at once, for the long fields. */
const ALL = Object.values(H).join(' ')
const at = (s: string, max: number) => s.slice(0, max)

/** Counts calls of `p()`, the function every payload calls. */
const INIT = 'window.__xss = 0; window.p = () => { window.__xss += 1 }'

/** What the payloads would leave in a page: the selectors and the count of script runs. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`)
        if (
          (attr.name === 'href' || attr.name === 'src' || attr.name === 'action') &&
          /^\s*javascript:/i.test(attr.value)
        )
          found.push(`${el.tagName} ${attr.name}=${attr.value}`)
        if (attr.name === 'hx-get' && attr.value === '/xss') found.push('hx-get=/xss')
      }
      if (el.tagName === 'SCRIPT' && !el.getAttribute('src')) found.push('inline script')
      if (el.id === 'xss' || el.id === 'xss2') found.push(`#${el.id}`)
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') found.push('img src=x')
    }
    const runs = (window as unknown as { __xss: number }).__xss
    if (runs) found.push(`p() ran ${runs} times`)
    return found
  })
}

const stations = {
  v16: 'HOSTILE-16',
  v201: 'HOSTILE-201',
}

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('hostile strings in every field, rendered on every page', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  let cp16: OcppClient
  let cp201: OcppClient
  const dialogs: string[] = []
  const requests: string[] = []
  let txId = 0

  beforeAll(async () => {
    node = await startTestNode()
    const api = apiClient(node)
    const now = new Date().toISOString()
    const ok = async (res: Promise<{ status: number; body: unknown }>) => {
      const r = await res
      if (r.status >= 300) throw new Error(`setup call failed: ${r.status} ${JSON.stringify(r.body)}`)
    }
    // an API client: labels, tokens (uid, parent, label), sites, circuits, a building meter id
    await ok(api('PUT', `/chargers/${stations.v16}`, { label: at(ALL, 100) }))
    await ok(api('PUT', `/chargers/${stations.v201}`, { label: at(`${H.img} ${H.bidi} ${H.js}`, 100) }))
    await ok(
      api('PUT', `/tokens/${encodeURIComponent(H.svg)}`, {
        type: 'RFID',
        status: 'Accepted',
        label: at(ALL, 100),
        parentUid: at(H.img, 36),
      }),
    )
    await ok(
      api('PUT', `/tokens/${encodeURIComponent(at(H.img, 36))}`, {
        type: 'ISO14443',
        status: 'Accepted',
        label: H.js,
      }),
    )
    await ok(
      api('PUT', '/sites/hostile', {
        name: at(ALL, 100),
        mainFuseA: 63,
        buildingMeter: 'http',
      }),
    )
    await ok(
      api('PUT', '/sites/hostile/circuits/row-a', { name: at(`${H.script} ${H.bidi}`, 100), limitA: 40 }),
    )
    await ok(
      api('PUT', `/sites/hostile/connectors/${stations.v16}/1`, {
        circuitId: 'row-a',
        maxA: 16,
        wiring: 'L1,L2,L3',
      }),
    )

    // a 1.6 charger: boot, status, transaction, data transfer, security events, a signed-certificate request
    cp16 = await OcppClient.connect({
      url: node.ocppUrl,
      identity: stations.v16,
      protocols: ['ocpp1.6'],
      onCall: async (action) => answers16[action] ?? { error: 'NotImplemented', description: ALL },
    })
    await cp16.call('BootNotification', {
      chargePointVendor: H.svg,
      chargePointModel: H.svg,
      chargePointSerialNumber: at(H.img, 25),
      firmwareVersion: at(ALL, 50),
      iccid: H.svg,
      imsi: H.svg,
      meterType: at(H.script, 25),
      meterSerialNumber: at(H.bidi, 25),
    })
    await cp16.call('StatusNotification', {
      connectorId: 1,
      errorCode: 'OtherError',
      status: 'Charging',
      info: at(ALL, 50),
      vendorId: ALL,
      vendorErrorCode: at(H.htmx, 50),
    })
    const start = await cp16.call('StartTransaction', {
      connectorId: 1,
      idTag: H.svg,
      meterStart: 0,
      timestamp: now,
    })
    txId = start.kind === 'result' ? Number(start.payload.transactionId) : 0
    await cp16.call('MeterValues', {
      connectorId: 1,
      transactionId: txId,
      meterValue: [
        {
          timestamp: now,
          sampledValue: [{ value: '1200' }, { value: '7000', measurand: 'Power.Active.Import', unit: 'W' }],
        },
      ],
    })
    await cp16.call('DataTransfer', { vendorId: ALL, messageId: at(ALL, 50), data: ALL })
    await cp16.call('SecurityEventNotification', {
      type: at(ALL, 50),
      timestamp: now,
      techInfo: at(ALL, 255),
    })
    await cp16.call('SignCertificate', { csr: ALL })
    // an API client reserves for a hostile idTag (the stored XSS of issue 8)
    await ok(
      api('POST', `/chargers/${stations.v16}/commands`, {
        type: 'reserveNow',
        evseId: 2,
        idTag: H.svg,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    )

    // a 2.0.1 charger: boot, a device-model report, events, a transaction with a hostile token and unit
    cp201 = await OcppClient.connect({
      url: node.ocppUrl,
      identity: stations.v201,
      protocols: ['ocpp2.0.1'],
      onCall: async (action) =>
        action === 'Reset'
          ? { status: 'Rejected', statusInfo: { reasonCode: at(H.svg, 20), additionalInfo: at(ALL, 512) } }
          : (answers201[action] ?? { error: 'NotImplemented', description: ALL }),
    })
    await cp201.call('BootNotification', {
      reason: 'PowerUp',
      chargingStation: {
        vendorName: at(ALL, 50),
        model: H.svg,
        serialNumber: at(H.img, 25),
        firmwareVersion: at(ALL, 50),
        modem: { iccid: H.svg, imsi: H.svg },
      },
    })
    await cp201.call('StatusNotification', {
      timestamp: now,
      connectorStatus: 'Occupied',
      evseId: 1,
      connectorId: 1,
    })
    await cp201.call('NotifyReport', {
      requestId: 1,
      generatedAt: now,
      seqNo: 0,
      reportData: [
        {
          component: { name: at(ALL, 50), instance: at(H.img, 50), evse: { id: 1 } },
          variable: { name: at(H.script, 50), instance: at(H.bidi, 50) },
          variableAttribute: [{ type: 'Actual', value: ALL }],
          variableCharacteristics: {
            dataType: 'string',
            unit: H.svg,
            valuesList: ALL,
            supportsMonitoring: false,
          },
        },
      ],
    })
    await cp201.call('NotifyEvent', {
      generatedAt: now,
      seqNo: 0,
      eventData: [
        {
          eventId: 1,
          timestamp: now,
          trigger: 'Alerting',
          actualValue: ALL,
          techCode: at(ALL, 50),
          techInfo: ALL,
          component: { name: at(H.img, 50) },
          variable: { name: at(H.script, 50) },
          eventNotificationType: 'HardWiredNotification',
        },
      ],
    })
    await cp201.call('SecurityEventNotification', {
      type: at(ALL, 50),
      timestamp: now,
      techInfo: at(ALL, 255),
    })
    await cp201.call('DataTransfer', { vendorId: ALL, messageId: at(ALL, 50), data: { [ALL]: ALL } })
    await cp201.call('NotifyCustomerInformation', {
      data: at(ALL, 512),
      seqNo: 0,
      generatedAt: now,
      requestId: 6,
    })
    await cp201.call('TransactionEvent', {
      eventType: 'Started',
      timestamp: now,
      triggerReason: 'Authorized',
      seqNo: 0,
      evse: { id: 1, connectorId: 1 },
      idToken: { idToken: at(H.img, 36), type: 'ISO14443' },
      transactionInfo: { transactionId: at(H.svg, 36), chargingState: 'Charging' },
      meterValue: [
        {
          timestamp: now,
          sampledValue: [
            { value: 500, context: 'Transaction.Begin', unitOfMeasure: { unit: at(H.svg, 20) } },
            { value: 3, measurand: 'Current.Import', phase: 'L1', unitOfMeasure: { unit: at(H.svg, 20) } },
          ],
        },
      ],
    })
    await ok(
      api('POST', `/chargers/${stations.v201}/commands`, {
        type: 'reserveNow',
        evseId: 1,
        idTag: at(H.img, 36),
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    )

    browser = await launchBrowser()
    page = await browser.newPage()
    await page.addInitScript(INIT)
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await signIn(page, node.url)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await cp16?.close()
    await cp201?.close()
    await node?.dispose()
  })

  /** Opens `path`, waits for htmx to settle, and returns what the payloads injected. */
  async function visit(path: string): Promise<string[]> {
    await page.goto(`${node.url}${path}`)
    await page.waitForLoadState('networkidle')
    return injected(page)
  }

  /** True when the page shows `text` as text. */
  const shows = (text: string) => page.evaluate((t) => (document.body.textContent ?? '').includes(t), text)

  const adminPages = () => [
    '/admin/chargers',
    `/admin/chargers?search=${encodeURIComponent(H.svg)}`,
    `/admin/chargers/${stations.v16}`,
    `/admin/chargers/${stations.v201}`,
    `/admin/chargers/${stations.v16}/qr`,
    `/admin/chargers/${stations.v201}/variables?q=${encodeURIComponent(H.svg)}`,
    `/admin/chargers/${encodeURIComponent(H.img)}`,
    '/admin/transactions',
    `/admin/transactions/${txId}`,
    '/admin/tokens',
    '/admin/sites',
    '/admin/sites/hostile',
    `/admin/sites/hostile?edit=site`,
  ]

  test('every admin page shows the strings as text and runs none of them', async () => {
    for (const path of adminPages()) expect({ path, found: await visit(path) }).toEqual({ path, found: [] })
    await visit(`/admin/chargers/${stations.v16}`)
    expect(await shows(H.svg)).toBe(true)
    expect(await page.locator('form[data-command=cancelReservation] option').allTextContents()).toContain(
      `#1 ${H.svg}`,
    )
    await visit('/admin/tokens')
    expect(await shows(H.img)).toBe(true)
    await visit(`/admin/chargers/${stations.v201}`)
    expect(await shows(at(ALL, 50))).toBe(true)
  }, 60_000)

  test('what a charger sends while a page is open arrives live, as text', async () => {
    await visit(`/admin/chargers/${stations.v16}`)
    await cp16.call('StatusNotification', {
      connectorId: 1,
      errorCode: 'OtherError',
      status: 'Faulted',
      info: at(`${H.img} live`, 50),
      vendorErrorCode: at(H.script, 50),
    })
    await page.waitForFunction(() => (document.body.textContent ?? '').includes('Faulted'), undefined, {
      timeout: 5000,
    })
    expect(await injected(page)).toEqual([])
    await visit('/admin/chargers')
    await cp16.call('StatusNotification', {
      connectorId: 2,
      errorCode: 'NoError',
      status: 'Available',
      info: H.svg,
    })
    await cp201.call('StatusNotification', {
      timestamp: new Date().toISOString(),
      connectorStatus: 'Faulted',
      evseId: 1,
      connectorId: 1,
    })
    await page.waitForFunction(() => document.querySelectorAll('.badge').length > 0)
    expect(await injected(page)).toEqual([])
  })

  test("a charger's hostile answer to an operator's command is shown as text", async () => {
    await visit(`/admin/chargers/${stations.v201}`)
    const form = page.locator('form[data-command=reset]')
    await form.evaluate((f) => {
      const details = f.closest('details')
      if (details) details.open = true
    })
    await form.locator('button').click()
    await page.waitForFunction(() =>
      document.querySelector('#command-result')?.textContent?.includes('Rejected'),
    )
    expect(await injected(page)).toEqual([])
    expect(await shows(at(H.svg, 20))).toBe(true)
  })

  test('an operator typing hostile strings into the forms sees them as text', async () => {
    await visit(`/admin/chargers/${stations.v201}`)
    await page.fill('#charger-settings input[name=label]', at(ALL, 100))
    await page.click('#charger-settings button[type=submit]')
    await page.waitForSelector('#charger-settings .notice')
    expect(await injected(page)).toEqual([])
    await visit('/admin/tokens')
    await page.fill('#token-form input[name=uid]', at(H.script, 36))
    await page.fill('#token-form input[name=label]', at(ALL, 100))
    await page.click('#token-form button[type=submit]')
    await page.waitForSelector('#token-form .notice')
    expect(await injected(page)).toEqual([])
    expect(await visit('/admin/tokens')).toEqual([])
    expect(await shows(at(H.script, 36))).toBe(true)
    await visit('/admin/chargers')
    await page.fill('#add-charger input[name=id]', H.svg)
    await page.fill('#add-charger input[name=label]', at(ALL, 100))
    await page.click('#add-charger button[type=submit]')
    await page.waitForSelector('#add-charger .error')
    expect(await page.textContent('#add-charger .error')).toContain('letters, digits')
    expect(await injected(page)).toEqual([])
  })

  test('the sign-in page echoes a hostile email and next as text', async () => {
    const other = await browser.newPage()
    await other.addInitScript(INIT)
    await other.goto(`${node.url}/admin/login?next=${encodeURIComponent(`/admin/${H.img}`)}`)
    await other.fill('input[name=email]', `x${encodeURIComponent('"><b id=xss>')}@example.com`)
    await other.fill('input[name=password]', H.script)
    await other.click('button[type=submit]')
    await other.waitForLoadState('networkidle')
    expect(await injected(other)).toEqual([])
    await other.close()
  })

  test('the driver pages show the labels as text', async () => {
    const code = await connectorCode(node.deps, stations.v16, 1)
    expect(await visit(`/drive/${stations.v16}/1`)).toEqual([])
    expect(await shows(at(ALL, 40))).toBe(true)
    expect(
      await visit(`/drive/${stations.v16}/2/${await connectorCode(node.deps, stations.v16, 2)}`),
    ).toEqual([])
    expect(await visit(connectorPath(stations.v16, 1, code))).toEqual([])
    expect(page.url()).toContain('/drive/s/')
    expect(await shows(at(ALL, 40))).toBe(true)
    await page.fill('input[name=energyKwh]', H.svg)
    await page.click('#departure-form button[type=submit]')
    await page.waitForSelector('#departure-form .error')
    expect(await injected(page)).toEqual([])
  })

  test('no dialog opened and no injected request was made', () => {
    expect(dialogs).toEqual([])
    expect(requests.filter((p) => p === '/xss' || p === '/x')).toEqual([])
  })
})
