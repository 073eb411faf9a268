import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../config'
import { randomId } from '../lib/ids'
import { createLogger, type LogLevel } from '../lib/log'
import { type CsmsNode, type NodeOverrides, startNode } from '../node'

/** A node for integration tests: temp database, free port on loopback, logs kept in memory. */
export interface TestNode extends CsmsNode {
  /** `ws://127.0.0.1:<port>/ocpp` */
  ocppUrl: string
  logs: string[]
  dbPath: string
  /** Stops the node and deletes its database. */
  dispose(): Promise<void>
}

/** Starts a node with test defaults (local lists off); `env` overrides any variable (e.g. `CSMS_LOCAL_LISTS: 'on'`). */
export async function startTestNode(
  env: Record<string, string> = {},
  overrides: NodeOverrides = {},
): Promise<TestNode> {
  const dbPath = env.DB_PATH ?? join(tmpdir(), `csms-it-${randomId(8)}.db`)
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${dbPath}`,
    CSMS_UNKNOWN_CHARGERS: 'accept',
    CSMS_API_KEY: 'test-api-key-0123456789',
    CSMS_ADMIN_EMAIL: 'admin@example.com',
    CSMS_ADMIN_PASSWORD: 'admin-password',
    // Local lists: off unless a test is about them, so the commands other tests count are theirs alone.
    CSMS_LOCAL_LISTS: 'off',
    // display: no reads at boot unless a test is about them, for the same reason
    CSMS_DISPLAY_KEYS: 'off',
    ...env,
  })
  const logs: string[] = []
  const log = createLogger({
    level: (env.LOG_LEVEL as LogLevel) ?? 'info',
    sink: (_, line) => logs.push(line),
  })
  const node = await startNode(config, { log, ...overrides })
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= node.stop()
    return stopping
  }
  return {
    ...node,
    ocppUrl: `${node.url.replace(/^http/, 'ws')}/ocpp`,
    logs,
    dbPath,
    stop,
    async dispose() {
      await stop()
      if (!env.DB_PATH) for (const s of ['', '-wal', '-shm']) rmSync(`${dbPath}${s}`, { force: true })
    },
  }
}
