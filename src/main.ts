import { loadConfig } from './config'
import { ConfigError, DatabaseUnavailableError } from './lib/errors'
import { type CsmsNode, startNode } from './node'

/** Exit codes a supervisor (systemd, Kubernetes) and a person can tell apart: 2 the configuration is wrong, 3 the database cannot be used. */
const EXIT = { config: 2, database: 3 } as const

/** `npm start`: one node on its embedded defaults (file database, in-process bus) unless configured. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(EXIT.config)
    }
    throw err
  }
  let node: CsmsNode
  try {
    node = await startNode(config)
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(EXIT.database)
    }
    throw err
  }
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    node.deps.log.info('signal received, draining', { signal })
    await node.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

await main()
