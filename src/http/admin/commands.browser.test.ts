import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { answers16, answers201 } from '@src/testing/commands'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

const stations = [
  {
    id: 'CLICK-16',
    protocol: 'ocpp1.6',
    answers: answers16,
    boot: { chargePointVendor: 'ACME', chargePointModel: 'M' },
    start: 'RemoteStartTransaction',
  },
  {
    id: 'CLICK-201',
    protocol: 'ocpp2.0.1',
    answers: answers201,
    boot: { chargingStation: { vendorName: 'ACME', model: 'M' }, reason: 'PowerUp' },
    start: 'RequestStartTransaction',
  },
]

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('operator commands clicked in a browser', () => {
  let node: TestNode
  let browser: Browser
  let page: Page
  const received = new Map<string, string[]>()
  const clients: OcppClient[] = []

  beforeAll(async () => {
    node = await startTestNode()
    // The card the operator starts with: a remote start of an unknown card is refused before it is sent.
    await node.deps.writer.write([
      node.deps.repos.tokens.upsert(
        'RFID-9',
        { type: 'ISO14443', status: 'Accepted', allowConcurrentTx: true },
        Date.now(),
      ),
    ])
    for (const s of stations) {
      received.set(s.id, [])
      const cp = await OcppClient.connect({
        url: node.ocppUrl,
        identity: s.id,
        protocols: [s.protocol],
        onCall: async (action) => {
          received.get(s.id)!.push(action)
          return s.answers[action] ?? { error: 'NotImplemented', description: action }
        },
      })
      await cp.call('BootNotification', s.boot)
      clients.push(cp)
    }
    browser = await launchBrowser()
    page = await browser.newPage()
    await signIn(page, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    for (const cp of clients) await cp.close()
    await node?.dispose()
  })

  /** Submits one command form and waits for its outcome line. */
  async function click(command: string, fill?: () => Promise<void>): Promise<string> {
    const form = page.locator(`form[data-command=${command}]`)
    await form.evaluate((f) => {
      const details = f.closest('details')
      if (details) details.open = true
    })
    await fill?.()
    await form.locator('button').click()
    await page.waitForFunction(() => document.querySelector('#command-result')?.textContent?.trim())
    return (await page.textContent('#command-result')) ?? ''
  }

  for (const s of stations) {
    test(`${s.protocol}: remote start, reset and unlock reach the charger and show its answer`, async () => {
      await page.goto(`${node.url}/admin/chargers/${s.id}`)
      const start = await click('remoteStart', () =>
        page.fill('form[data-command=remoteStart] input[name=idTag]', 'RFID-9'),
      )
      expect(start).toContain('Remote start')
      expect(start).toContain('Accepted')
      await page.goto(`${node.url}/admin/chargers/${s.id}`)
      expect(await click('reset')).toContain('Accepted')
      await page.goto(`${node.url}/admin/chargers/${s.id}`)
      expect(await click('unlock')).toContain('Unlocked')
      expect(received.get(s.id)).toEqual([s.start, 'Reset', 'UnlockConnector'])
    })
  }

  test('a command to a charger that is offline says so at once', async () => {
    await clients[0]!.close()
    await page.goto(`${node.url}/admin/chargers/CLICK-16`)
    expect(await click('reset')).toContain('Offline')
  })
})
