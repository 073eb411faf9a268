import { type Config, loadConfig } from './config'
import { DEMO_LIVELY_FLEET, DEMO_SITE, postBuildingLoad, setUpDemoSite } from './demo-site'
import { transactionEnergyWh } from './domain/charger/energy'
import { systemClock } from './lib/clock'
import { ConfigError } from './lib/errors'
import { type CsmsNode, startNode } from './node'
import { chargerIdOf, SimFleet, type SimFleetOptions } from './sim/sim-fleet'

/**
 * `npm run demo`: a full node with demo defaults and a fleet of simulated chargers (half OCPP 1.6,
 * half 2.0.1) with cars that come, charge and go. By default everything runs in real time, paced so a
 * person sees cars arrive, charge and leave within a minute or two. Every variable of `npm start`
 * still applies; `DEMO_CHARGERS` (default 12), `DEMO_OCPP201_SHARE` (default 0.5), `DEMO_SEED` and
 * `DEMO_SPEED` (simulated seconds per second, default 1: a realistic day sped up when above 1; the
 * chargers' timestamps then run ahead of the server's) shape the fleet.
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
const ID_PREFIX = 'SIM-'
const CONNECTORS = 2

/** Sped up (speed above 1): a realistic day of charging, hours of parking and minute samples. */
const REALISTIC: Partial<SimFleetOptions> = {
  initialOccupancy: 0.4,
  arrivalsPerHour: 0.6,
  meterIntervalS: 60,
}

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

function numberVar(name: string, fallback: number, ok: (v: number) => boolean, rule: string): number {
  const raw = process.env[name]
  const value = raw ? Number(raw) : fallback
  if (!ok(value)) {
    process.stderr.write(`${name}=${JSON.stringify(raw)}: must be ${rule}\n`)
    process.exit(2)
  }
  return value
}

const positive = (name: string, fallback: number) =>
  numberVar(name, fallback, (v) => v > 0, 'a positive number')

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

/**
 * What a previous run left in the database. A run that was killed (not stopped with Ctrl+C) may have
 * left transactions open: they end at their last reading with PowerLoss, as a station reports after a
 * power cut, so their cards are free again. Each connector's energy register continues where it was.
 */
async function recoverPreviousRun(node: CsmsNode, ids: readonly string[]): Promise<Map<string, number[]>> {
  const { transactions } = node.deps.repos
  const now = node.deps.clock.now()
  const registers = new Map<string, number[]>()
  for (const id of ids) {
    const open = await transactions.openOf(id)
    const ends = open.map((t) =>
      transactions.patch(t.id, {
        endedAt: Math.max(t.lastMeterAt ?? t.startedAt, t.startedAt),
        meterStopWh: t.lastMeterWh,
        energyWh: transactionEnergyWh(t) ?? 0,
        stopReason: 'PowerLoss',
        updatedAt: now,
      }),
    )
    if (ends.length) await node.deps.writer.write(ends)
    const { rows } = await transactions.list({ chargerId: id, limit: 500, offset: 0 })
    const wh = Array.from({ length: CONNECTORS }, (_, i) =>
      Math.max(0, ...rows.filter((t) => t.evseId === i + 1).map((t) => t.meterStopWh ?? t.lastMeterWh ?? 0)),
    )
    registers.set(id, wh)
  }
  return registers
}

function banner(node: CsmsNode, config: Config, fleet: SimFleet, speed: number): string {
  const password = process.env.CSMS_ADMIN_PASSWORD
    ? '(your CSMS_ADMIN_PASSWORD)'
    : DEMO_ENV.CSMS_ADMIN_PASSWORD
  const apiKey = process.env.CSMS_API_KEY ? '(your CSMS_API_KEY)' : DEMO_ENV.CSMS_API_KEY
  const { byProtocol } = fleet.report()
  const versions = `${byProtocol['ocpp1.6'].chargers} × OCPP 1.6, ${byProtocol['ocpp2.0.1'].chargers} × OCPP 2.0.1`
  const pace = speed === 1 ? 'real time' : `time ×${speed}`
  return [
    '',
    'CSMS demo running',
    `  admin:     ${node.url}/admin   (login ${config.adminEmail} / ${password})`,
    `  REST API:  ${node.url}/api/v1/transactions   (header: authorization: Bearer ${apiKey})`,
    `  OCPP:      ${node.url.replace('http', 'ws')}/ocpp/{chargerId}   (ocpp1.6, ocpp2.0.1)`,
    `  fleet:     ${fleet.chargers.length} simulated chargers × ${CONNECTORS} connectors (${versions}), ${pace}`,
    `  site:      ${node.url}/admin/sites/${DEMO_SITE}   (all chargers share a 3 × 80 A fuse: watch the power loop)`,
    `  database:  ${config.databaseUrl}`,
    ...(speed === 1 ? [] : speedNote(speed)),
    '  Ctrl+C ends the sessions, disconnects the chargers and stops the node.',
    '',
  ].join('\n')
}

function speedNote(speed: number): string[] {
  return [
    `  NOTE:      DEMO_SPEED=${speed}: the chargers' clock runs ${speed}× faster than the server's, so`,
    "             their timestamps (meter values, transaction times) run ahead of the server's and of",
    '             real time, and the admin shows both. Leave DEMO_SPEED unset for an honest real-time demo.',
  ]
}

function refusals(by: Record<string, number>): string {
  const parts = Object.entries(by).map(([status, n]) => `${status} ${n}`)
  return parts.length ? ` (${parts.join(', ')})` : ''
}

function reportLoop(fleet: SimFleet, speed: number): () => void {
  let timer = systemClock.setTimeout(tick, 10_000)
  function tick() {
    const r = fleet.report()
    const simTime = new Date(fleet.clock.now()).toISOString().slice(0, 16).replace('T', ' ')
    const kWh = (r.energyWh / 1000).toFixed(1)
    const v = r.byProtocol
    process.stdout.write(
      `[demo] ${speed === 1 ? '' : `sim ${simTime} UTC | `}online ${r.online}/${r.chargers} | ` +
        `charging ${r.activeSessions} | sessions ${r.sessionsStarted} started ` +
        `(1.6: ${v['ocpp1.6'].sessionsStarted}, 2.0.1: ${v['ocpp2.0.1'].sessionsStarted}), ` +
        `${r.sessionsEnded} ended, ${kWh} kWh | refused ${r.authorizationsRejected}${refusals(r.refusals)}` +
        `${r.protocolErrors ? ` | protocol errors ${r.protocolErrors}: ${r.lastProtocolErrors.at(-1)}` : ''}\n`,
    )
    timer = systemClock.setTimeout(tick, 10_000)
  }
  return () => systemClock.clearTimeout(timer)
}

async function main(): Promise<void> {
  const config = demoConfig()
  const chargers = Math.floor(positive('DEMO_CHARGERS', 12))
  const speed = positive('DEMO_SPEED', 1)
  const share201 = numberVar('DEMO_OCPP201_SHARE', 0.5, (v) => v >= 0 && v <= 1, 'between 0 and 1')
  const node = await startNode(config)
  await registerTokens(node)
  const ids = Array.from({ length: chargers }, (_, i) => chargerIdOf({ idPrefix: ID_PREFIX }, i))
  const registers = await recoverPreviousRun(node, ids)
  await setUpDemoSite(node, ids, CONNECTORS)
  const stopBuilding = postBuildingLoad(node, systemClock)
  const fleet = new SimFleet({
    url: `${node.url.replace('http', 'ws')}/ocpp`,
    tokens: [...DEMO_TOKENS, BLOCKED_TOKEN],
    chargers,
    connectorsPerCharger: CONNECTORS,
    idPrefix: ID_PREFIX,
    protocolMix: { 'ocpp2.0.1': share201 },
    registersWh: (id) => registers.get(id),
    timeScale: speed,
    seed: positive('DEMO_SEED', 1),
    ...(speed === 1 ? DEMO_LIVELY_FLEET : REALISTIC),
    evMix: { reflexes: true },
  })
  const { failed } = await fleet.start()
  if (failed.length)
    node.deps.log.warn('some simulated chargers could not connect', { failed: failed.slice(0, 5) })
  process.stdout.write(banner(node, config, fleet, speed))
  const stopReports = reportLoop(fleet, speed)
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    node.deps.log.info('signal received, stopping the demo', { signal })
    stopReports()
    stopBuilding()
    await fleet.stop({ endSessions: true })
    await node.stop()
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

await main()
