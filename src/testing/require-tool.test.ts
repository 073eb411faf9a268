import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { isCi, requireTool, type ToolReport } from './require-tool'

function recorder() {
  const said: { warned: string[]; failed: [string, string][] } = { warned: [], failed: [] }
  const report: ToolReport = {
    warn: (line) => said.warned.push(line),
    fail: (title, message) => said.failed.push([title, message]),
  }
  return { said, report }
}

const nats = { tool: 'nats-server', install: 'apt-get install nats-server', needed: 'the NatsBus tests' }

describe('requireTool', () => {
  test('a tool that is there runs its tests and says nothing, in CI or not', () => {
    for (const env of [{}, { CI: 'true' }]) {
      const { said, report } = recorder()
      expect(requireTool({ ...nats, available: true }, env, report)).toBe(true)
      expect(said).toEqual({ warned: [], failed: [] })
    }
  })

  test('missing on a developer machine: skipped, with one line naming the tool and how to install it', () => {
    const { said, report } = recorder()
    expect(requireTool({ ...nats, available: false }, {}, report)).toBe(false)
    expect(said.failed).toEqual([])
    expect(said.warned).toEqual([
      '!!! nats-server is missing: the NatsBus tests are SKIPPED (apt-get install nats-server; with CI=true this fails)',
    ])
  })

  test('missing with CI=true: a failing test that names the tool and how to install it, no skip', () => {
    const { said, report } = recorder()
    expect(requireTool({ ...nats, available: false }, { CI: 'true' }, report)).toBe(false)
    expect(said.warned).toEqual([])
    expect(said.failed).toEqual([
      [
        'nats-server is installed (CI=true)',
        'nats-server is missing, so the NatsBus tests cannot run: apt-get install nats-server',
      ],
    ])
  })

  test('CI is any value but empty, 0 or false', () => {
    const cases: [string | undefined, boolean][] = [
      [undefined, false],
      ['', false],
      ['0', false],
      ['false', false],
      [' FALSE ', false],
      ['true', true],
      ['1', true],
      ['yes', true],
    ]
    for (const [CI, expected] of cases) expect([CI, isCi({ CI })]).toEqual([CI, expected])
  })
})

describe('a suite whose tool is missing, run by bun test', () => {
  const fixture = join(import.meta.dir, 'missing-tool.fixture.ts')
  const run = async (CI: string) => {
    const env = { ...process.env, CI }
    const child = Bun.spawn([process.execPath, 'test', fixture], { env, stdout: 'pipe', stderr: 'pipe' })
    const [out, err, code] = [
      await new Response(child.stdout).text(),
      await new Response(child.stderr).text(),
      await child.exited,
    ]
    return { code, output: out + err }
  }

  test('passes locally, saying what was skipped and why', async () => {
    const { code, output } = await run('')
    expect(output).toContain(
      '!!! csms-fixture-tool-that-is-never-installed is missing: the fixture tests are SKIPPED',
    )
    expect(output).toMatch(/\b1 pass\b/)
    expect(output).toMatch(/\b1 skip\b/)
    expect(code).toBe(0)
  }, 20_000)

  test('fails with CI=true, naming the tool', async () => {
    const { code, output } = await run('true')
    expect(output).toContain(
      'csms-fixture-tool-that-is-never-installed is missing, so the fixture tests cannot run',
    )
    expect(output).toMatch(/\b1 fail\b/)
    expect(code).toBe(1)
  }, 20_000)
})
