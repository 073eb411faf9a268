import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { requireTool } from './require-tool'

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when a browser test can run; without Chromium they skip loudly, and fail with `CI=true`. */
export const hasChromium = requireTool({
  tool: `Chromium (${CHROMIUM})`,
  available: existsSync(CHROMIUM),
  install: 'apt-get install chromium, or set CHROMIUM_PATH',
  needed: 'the browser tests',
})

/**
 * The per-test timeout of a browser test file (`setDefaultTimeout(BROWSER_TEST_TIMEOUT_MS)`, hooks
 * included): Chromium starts in the first hook, and Playwright's own waits run for seconds before they
 * fail with a message worth reading, which Bun's default 5 s would cut short.
 */
export const BROWSER_TEST_TIMEOUT_MS = 30_000

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
