import { type Config, loadConfig } from './config'
import { systemClock } from './lib/clock'
import { ConfigError } from './lib/errors'
import { type CsmsNode, startNode } from './node'
import { SimFleet } from './sim/sim-fleet'

/**
 * `npm run demo`: a full node with demo defaults and a fleet of simulated chargers with cars that
 * come, charge and go, sped up so that something happens within a minute. Every variable of
 * `npm start` still applies; `DEMO_CHARGERS` (default 12), `DEMO_SPEED` (simulated seconds per second,
 * default 60) and `DEMO_SEED` shape the fleet.
 */

/** Applied when the variable is unset. */
const DEMO_ENV: Record<string, string> = {
  CSMS_UNKNOWN_CHARGERS: 'accept',
  CSMS_ADMIN_PASSWORD: 'demo-password',
  CSMS_API_KEY: 'demo-api-key-0123456789',
  DATABASE_URL: 'file:./data/demo.db',
}

/** Drivers' cards: enough that two cars rarely share one, and one blocked card to show a refusal. */
const DEMO_TOKENS = Array.from({ length: 60 }, (_, i) => `DEMO-${String(i + 1).padStart(4, '0')}`)
const BLOCKED_TOKEN = 'DEMO-BLOCKED'

function demoConfig(): Config {
  const env: Record<string, string | undefined> = { ...process.env }
  for (const [key, value] of Object.entries(DEMO_ENV)) if (!env[key]) env[key] = value
  try {
    return loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw ? Number(raw) : fallback
  if (!(value > 0)) {
    process.stderr.write(`${name}=${JSON.stringify(raw)}: must be a positive number\n`)
    process.exit(2)
  }
  return value
}

async function registerTokens(node: CsmsNode): Promise<void> {
  const { repos, writer, clock } = node.deps
  const now = clock.now()
  const rows = DEMO_TOKENS.map((uid, i) =>
    repos.tokens.upsert(uid, { type: 'ISO14443', status: 'Accepted', label: `Demo driver ${i + 1}` }, now),
  )
  rows.push(
    repos.tokens.upsert(BLOCKED_TOKEN, { type: 'ISO14443', status: 'Blocked', label: 'A blocked card' }, now),
  )
  await writer.write(rows)
}

function banner(node: CsmsNode, config: Config, chargers: number, speed: number): string {
  const password = process.env.CSMS_ADMIN_PASSWORD
    ? '(your CSMS_ADMIN_PASSWORD)'
    : DEMO_ENV.CSMS_ADMIN_PASSWORD
  const apiKey = process.env.CSMS_API_KEY ? '(your CSMS_API_KEY)' : DEMO_ENV.CSMS_API_KEY
  return [
    '',
    'CSMS demo running',
    `  admin:     ${node.url}/admin   (login ${config.adminEmail} / ${password})`,
    `  REST API:  ${node.url}/api/v1/transactions   (header: authorization: Bearer ${apiKey})`,
    `  OCPP:      ${node.url.replace('http', 'ws')}/ocpp/{chargerId}   (ocpp1.6)`,
    `  fleet:     ${chargers} simulated chargers × 2 connectors, time ×${speed}`,
    `  database:  ${config.databaseUrl}`,
    '  Ctrl+C ends the sessions, disconnects the chargers and stops the node.',
    '',
  ].join('\n')
}

function reportLoop(fleet: SimFleet): () => void {
  let timer = systemClock.setTimeout(tick, 10_000)
  function tick() {
    const r = fleet.report()
    const simTime = new Date(fleet.clock.now()).toISOString().slice(0, 16).replace('T', ' ')
    const kWh = (r.energyWh / 1000).toFixed(1)
    process.stdout.write(
      `[demo] sim ${simTime} UTC | online ${r.online}/${r.chargers} | charging ${r.activeSessions} | ` +
        `sessions ${r.sessionsStarted} started, ${r.sessionsEnded} ended, ${kWh} kWh | refused ${r.authorizationsRejected}` +
        `${r.protocolErrors ? ` | protocol errors ${r.protocolErrors}: ${r.lastProtocolErrors.at(-1)}` : ''}\n`,
    )
    timer = systemClock.setTimeout(tick, 10_000)
  }
  return () => systemClock.clearTimeout(timer)
}

async function main(): Promise<void> {
  const config = demoConfig()
  const chargers = Math.floor(positive('DEMO_CHARGERS', 12))
  const speed = positive('DEMO_SPEED', 60)
  const node = await startNode(config)
  await registerTokens(node)
  const fleet = new SimFleet({
    url: `${node.url.replace('http', 'ws')}/ocpp`,
    tokens: [...DEMO_TOKENS, BLOCKED_TOKEN],
    chargers,
    connectorsPerCharger: 2,
    timeScale: speed,
    seed: positive('DEMO_SEED', 1),
    initialOccupancy: 0.4,
    arrivalsPerHour: 0.6,
    meterIntervalS: 60,
  })
  const { failed } = await fleet.start()
  if (failed.length)
    node.deps.log.warn('some simulated chargers could not connect', { failed: failed.slice(0, 5) })
  process.stdout.write(banner(node, config, chargers, speed))
  const stopReports = reportLoop(fleet)
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    node.deps.log.info('signal received, stopping the demo', { signal })
    stopReports()
    await fleet.stop({ endSessions: true })
    await node.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

await main()
