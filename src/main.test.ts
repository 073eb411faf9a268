import { afterEach, expect, test } from 'bun:test'
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Creates a migrated database file in a child process. The test process never opens it itself: the
 * file is made immutable and deleted afterwards, and a connection of this process that outlived its
 * close (libsql closes lazily) crashed later tests with SIGBUS when its mapping went away.
 */
function createDatabaseFile(file: string): void {
  const script = `import { openDatabase } from './src/db/client'
import { applyMigrations } from './src/db/migrate'
const database = await openDatabase(${JSON.stringify(`file:${file}`)})
await applyMigrations(database.db)
database.client.close()`
  const run = Bun.spawnSync([process.execPath, '-e', script], { cwd: join(import.meta.dir, '..') })
  if (run.exitCode !== 0) throw new Error(`creating ${file} failed: ${run.stderr.toString()}`)
}

/** Runs `bun src/main.ts` as `npm start` does, with `env` on top of the test's environment. */
async function start(env: Record<string, string>) {
  const proc = Bun.spawn([process.execPath, 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CSMS_ADMIN_PASSWORD: 'admin-password', ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const [code, stdout, stderr] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ])
  return { code, stdout, stderr, lines: stderr.trimEnd().split('\n') }
}

const dirs: string[] = []
const undo: (() => void)[] = []
afterEach(() => {
  for (const u of undo.splice(0)) u()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * Makes a file read-only for this process: its mode for an ordinary user; for root, which ignores
 * modes, the immutable attribute. Undefined when neither bites here.
 */
function makeReadOnly(file: string): true | undefined {
  if (process.getuid?.() !== 0) {
    chmodSync(file, 0o444)
    undo.push(() => chmodSync(file, 0o644))
    return true
  }
  if (spawnSync('chattr', ['+i', file]).status !== 0) return undefined
  undo.push(() => spawnSync('chattr', ['-i', file]))
  return true
}

test('a read-only database file stops the node with one line naming the file and what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'csms-ro-'))
  dirs.push(dir)
  const file = join(dir, 'csms.db')
  createDatabaseFile(file)
  const files = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f))
  if (!files.every(makeReadOnly)) {
    console.warn('SKIPPED: cannot make a file read-only here (root without chattr)')
    return
  }
  const run = await start({ DATABASE_URL: `file:${file}` })
  expect(run.code).toBe(3)
  expect(run.lines).toHaveLength(1)
  expect(run.lines[0]).toStartWith(
    `cannot use the database file ${file}: attempt to write a readonly database`,
  )
  expect(run.lines[0]).toContain('check the permissions of the file and its folder')
  expect(run.stdout).not.toContain('CSMS node started')
}, 20_000)

test('an unreachable database server stops the node with one line naming the URL and what to do', async () => {
  const closed = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } })
  const port = closed.port
  closed.stop(true)
  const url = `http://127.0.0.1:${port}`
  const run = await start({ DATABASE_URL: url })
  expect(run.code).toBe(3)
  expect(run.lines).toHaveLength(1)
  expect(run.lines[0]).toStartWith(`cannot use the database server ${url}: `)
  expect(run.lines[0]).toContain('ECONNREFUSED')
  expect(run.lines[0]).toContain('Check that the libsql server runs at that address')
}, 20_000)

test('a database URL carrying a token is shown without it', async () => {
  const run = await start({ DATABASE_URL: 'http://127.0.0.1:1?authToken=secret-token' })
  expect(run.code).toBe(3)
  expect(run.lines).toHaveLength(1)
  expect(run.stderr).not.toContain('secret-token')
}, 20_000)
