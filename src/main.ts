import { loadConfig } from './config'
import { ConfigError } from './lib/errors'
import { startNode } from './node'

/** `npm start`: one node on its embedded defaults (file database, in-process bus) unless configured. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
  const node = await startNode(config)
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
