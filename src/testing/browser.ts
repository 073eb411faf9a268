import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when a browser test can run; otherwise the tests say so loudly and skip. */
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium)
  console.warn(`\n!!! ${CHROMIUM} not found: browser tests are SKIPPED (apt-get install chromium).\n`)

/** Headless Chromium with the flags a closed CI network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Signs an operator in through the login form. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email = 'admin@example.com',
  password = 'admin-password',
): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await Promise.all([page.waitForURL('**/admin/chargers'), page.click('button[type=submit]')])
}
