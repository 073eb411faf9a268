import { describe, expect, test } from 'bun:test'
import { requireTool } from './require-tool'

// Run by require-tool.test.ts as its own `bun test`: a suite that needs a tool no machine has.

const tool = 'csms-fixture-tool-that-is-never-installed'
const runs = requireTool({
  tool,
  available: Bun.which(tool) !== null,
  install: 'nothing installs it',
  needed: 'the fixture tests',
})

describe.skipIf(!runs)('a suite that needs the tool', () => {
  test('runs only with the tool', () => expect(runs).toBe(true))
})

test('a test that needs nothing still runs', () => expect(runs).toBe(false))
