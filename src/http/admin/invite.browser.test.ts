import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test'
import { organizations } from '@src/db/schema'
import { apiClient } from '@src/testing/api'
import { BROWSER_TEST_TIMEOUT_MS, hasChromium, launchBrowser, signIn } from '@src/testing/browser'
import { startTestNode, type TestNode } from '@src/testing/node'
import type { Browser, Page } from 'playwright-core'

setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)

describe.skipIf(!hasChromium)('inviting a board member in a browser', () => {
  let node: TestNode
  let browser: Browser
  let admin: Page
  let link = ''
  const errors: string[] = []

  beforeAll(async () => {
    node = await startTestNode()
    const now = Date.now()
    const org = (id: string, name: string) => ({
      id,
      name,
      kind: 'owner',
      parentId: 'platform',
      createdAt: now,
      updatedAt: now,
    })
    await node.deps.writer.write([
      node.deps.database.db
        .insert(organizations)
        .values([org('coop', 'Brf Solrosen'), org('office', 'Office AB')]),
    ])
    const api = apiClient(node)
    for (const [id, name, organizationId] of [
      ['coop-garage', 'Solrosen garage', 'coop'],
      ['office-garage', 'Office AB garage', 'office'],
    ])
      expect((await api('PUT', `/sites/${id}`, { name, mainFuseA: 63, organizationId })).status).toBe(201)
    browser = await launchBrowser()
    const context = await browser.newContext()
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: node.url })
    admin = await context.newPage()
    admin.on('pageerror', (e) => errors.push(e.message))
    await signIn(admin, node.url)
  })
  afterAll(async () => {
    await browser?.close()
    await node?.dispose()
  })

  test('the platform admin invites a board member of the co-op and gets the link once, to copy', async () => {
    await admin.goto(`${node.url}/admin/accounts`)
    await admin.fill('#invites input[name=email]', 'board@solrosen.example')
    await admin.selectOption('#invites select[name=organizationId]', 'coop')
    await admin.selectOption('#invites select[name=roleId]', 'board')
    await admin.click('#invites button[type=submit]')
    await admin.waitForSelector('#one-time-link')
    expect(await admin.textContent('#one-time-link')).toContain('this system sends no email')
    link = await admin.inputValue('#link-url')
    expect(link).toStartWith(`${node.url}/admin/invite/`)
    await admin.click('#one-time-link button')
    await admin.waitForFunction(
      () => document.querySelector('#one-time-link button')?.textContent === 'Copied',
    )
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(link)
    expect(await admin.textContent('#pending-invites')).toContain('board@solrosen.example')
    await admin.goto(`${node.url}/admin/accounts`)
    expect(await admin.$('#one-time-link')).toBeNull()
  })

  test('the invitee sets a password in a fresh browser and sees only the co-op, read-only', async () => {
    const invitee = await (await browser.newContext()).newPage()
    invitee.on('pageerror', (e) => errors.push(e.message))
    await invitee.goto(link)
    expect(await invitee.textContent('main')).toContain('Board member (read-only)')
    await invitee.fill('input[name=name]', 'Berit Board')
    await invitee.fill('input[name=password]', 'berit-board-password')
    await invitee.fill('input[name=confirm]', 'berit-board-password')
    await Promise.all([invitee.waitForURL('**/admin/chargers'), invitee.click('button[type=submit]')])
    await invitee.goto(`${node.url}/admin/sites`)
    const sites = (await invitee.textContent('main')) ?? ''
    expect(sites).toContain('Solrosen garage')
    expect(sites).not.toContain('Office AB garage')
    expect(await invitee.$('form[action="/admin/sites"]')).toBeNull()
    const refused = await invitee.request.post(`${node.url}/admin/sites`, {
      form: { id: 'taken', name: 'Taken', mainFuseA: '63', phases: '3', voltageV: '230' },
      headers: { origin: node.url },
    })
    expect(refused.status()).toBe(403)
    expect(await refused.text()).toContain('sites:write')
    const accounts = await invitee.request.get(`${node.url}/admin/accounts`)
    expect(accounts.status()).toBe(403)
    await invitee.close()
  })

  test('the link fails on second use, with the same page for everyone', async () => {
    const other = await (await browser.newContext()).newPage()
    const res = await other.goto(link)
    expect(res?.status()).toBe(410)
    expect(await other.textContent('h1')).toBe('This link is not valid any more')
    expect(await other.$('input[name=password]')).toBeNull()
    expect(errors).toEqual([])
  })
})
