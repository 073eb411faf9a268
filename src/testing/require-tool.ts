import { test } from 'bun:test'

/** A tool (program, browser, data) that some tests need and a machine may lack. */
export interface RequiredTool {
  /** What is missing, as a person would look for it: `nats-server`, `/usr/bin/chromium`. */
  tool: string
  available: boolean
  /** How to get it: `apt-get install nats-server`. */
  install: string
  /** Which tests cannot run without it: `the NatsBus contract and cluster tests`. */
  needed: string
}

/** Where a missing tool is reported: a warning line, or a failing test. */
export interface ToolReport {
  warn(line: string): void
  fail(title: string, message: string): void
}

/** Warnings on stderr; a failure as a test of the file being loaded, which fails with the message. */
const bunReport: ToolReport = {
  warn: (line) => console.warn(line),
  fail: (title, message) =>
    test(title, () => {
      throw new Error(message)
    }),
}

/**
 * Whether the environment is a CI run (`CI` set to anything but empty, `0` or `false`, as GitHub,
 * GitLab and .ci/run set it).
 */
export function isCi(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase()
  return value !== undefined && value !== '' && value !== '0' && value !== 'false'
}

/**
 * The one rule for tests that need something outside the repository: run when it is there; on a
 * developer's machine, skip with one line naming what is missing and how to install it; with `CI=true`,
 * register a failing test instead, so a CI run can never pass by skipping. Returns whether to run.
 *
 * @example
 * const hasNats = requireTool({
 *   tool: 'nats-server', available: Bun.which('nats-server') !== null,
 *   install: 'apt-get install nats-server', needed: 'the NatsBus tests',
 * })
 * describe.skipIf(!hasNats)('NatsBus', () => { ... })
 */
export function requireTool(
  required: RequiredTool,
  env: Record<string, string | undefined> = process.env,
  report: ToolReport = bunReport,
): boolean {
  const { tool, available, install, needed } = required
  if (available) return true
  if (isCi(env)) {
    report.fail(`${tool} is installed (CI=true)`, `${tool} is missing, so ${needed} cannot run: ${install}`)
  } else {
    report.warn(`!!! ${tool} is missing: ${needed} are SKIPPED (${install}; with CI=true this fails)`)
  }
  return false
}
