import { chargerActor } from '@actors/charger/charger-actor'
import { sendChargerCommand } from '@actors/charger/client'
import type { ChargerDeps } from '@actors/charger/deps'
import type { ChargerMsg } from '@actors/charger/protocol'
import { ActorSystem } from '@actors/runtime/system'
import { runningSessionView } from '@actors/session/client'
import { startSessions } from '@actors/session/director'
import { readDisplayKeys } from '@actors/session/display-keys'
import type { SessionMsg } from '@actors/session/protocol'
import { SESSION_DISPLAY_MS, SESSION_PUBLISH_MS, sessionActor } from '@actors/session/session-actor'
import { startSites } from '@actors/site/director'
import type { SiteMsg } from '@actors/site/protocol'
import { siteActor } from '@actors/site/site-actor'
import type { Server } from 'bun'
import { Elysia } from 'elysia'
import { createApp } from './app'
import { LocalBus } from './bus/local'
import type { Bus } from './bus/port'
import type { Config } from './config'
import { Checkpointer } from './db/checkpointer'
import { openDatabase } from './db/client'
import { applyMigrations } from './db/migrate'
import { AccessFactsRepo } from './db/repos/access-facts'
import { AccessPoliciesRepo } from './db/repos/access-policies'
import { AccessRefusalsRepo } from './db/repos/access-refusals'
// accounts: one-time links and custom roles
import { AccountLinksRepo } from './db/repos/account-links'
import { AccountsRepo } from './db/repos/accounts'
import { AuditRepo } from './db/repos/audit'
import { CappedSessionsRepo } from './db/repos/capped-sessions'
import { CdrsRepo } from './db/repos/cdrs'
import { ChargersRepo } from './db/repos/chargers'
import { DeviceRepo } from './db/repos/device'
import { DriverAccountsRepo } from './db/repos/driver-accounts'
import { GridTariffsRepo } from './db/repos/grid-tariffs'
import { GroupsRepo } from './db/repos/groups'
import { InvoicesRepo } from './db/repos/invoices'
import { LocalListsRepo } from './db/repos/local-lists'
import { OperatorsRepo } from './db/repos/operators'
import { OrganizationAdminRepo } from './db/repos/organization-admin'
import { OrganizationsRepo } from './db/repos/organizations'
import { PeopleRepo } from './db/repos/people'
import { PriceSeriesRepo } from './db/repos/price-series'
import { RolesRepo } from './db/repos/roles'
import { scopedRepos } from './db/repos/scoped'
import { SitesRepo } from './db/repos/sites'
import { TariffsRepo } from './db/repos/tariffs'
import { TokensRepo } from './db/repos/tokens'
import { TransactionsRepo } from './db/repos/transactions'
import { WorkerChannel } from './db/write-channel'
import { DbWriter } from './db/writer'
import type { Deps, Repos } from './deps'
import { ensureFirstOperator } from './http/admin/first-operator'
import { isEventStream } from './http/admin/sse'
import { maxRequestBodyBytes } from './http/body-limit'
import { metricsController } from './http/metrics'
import { RequestPeers } from './lib/client-address'
import { type Clock, systemClock } from './lib/clock'
import type { HealthSource } from './lib/health'
import { createLogger, type Logger } from './lib/log'
import { logMailer, smtpMailer } from './lib/mail'
import { Metrics } from './lib/metrics'
import { RateLimitedLog } from './lib/rate-limited-log'
import { commandTimeouts } from './lib/timeouts'
import { ChargerAuth } from './ocpp/charger-auth'
import { OcppGateway, type SocketData } from './ocpp/gateway'
import { ocpp16 } from './ocpp/v16'
import { ocpp201 } from './ocpp/v201'
import { createServices } from './services/services'

/** A running node. */
export interface CsmsNode {
  deps: Deps
  /** The HTTP app; tests call `app.handle(request)` without a socket. */
  app: ReturnType<typeof createApp>
  server: Server<SocketData>
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string
  /** Base URL of the separate metrics listener (`CSMS_METRICS_LISTEN`), when there is one. */
  metricsUrl: string | undefined
  /** Graceful stop: close chargers (1001, reconnect elsewhere), stop actors, flush writes, close the DB. */
  stop(): Promise<void>
}

/** Test and demo hooks: a fake clock, a capturing logger, another bus. */
export interface NodeOverrides {
  clock?: Clock
  log?: Logger
  bus?: Bus
}

/** Builds every dependency once and starts serving HTTP, the admin and the OCPP endpoint. */
export async function startNode(config: Config, overrides: NodeOverrides = {}): Promise<CsmsNode> {
  const clock = overrides.clock ?? systemClock
  const log = overrides.log ?? createLogger({ level: config.logLevel, now: () => clock.now() })
  const metrics = new Metrics()
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken, clock)
  await applyMigrations(database.db)
  const { db } = database
  const batchSeconds = metrics.histogram('db_commit_seconds', 'Duration of one group commit')
  const channel = database.file ? new WorkerChannel(database.file) : undefined
  const checkpointer = database.file ? new Checkpointer(database.file, log) : undefined
  checkpointer?.start()
  const writer = new DbWriter({
    db,
    clock,
    log,
    flushMs: config.dbFlushMs,
    batchSeconds,
    ...(channel ? { channel } : {}),
  })
  const bus = overrides.bus ?? (await openBus(config, clock, log))
  /** What `/health` asks; the node answers 503 with the reason while any of them is not ok. */
  const healthSources: HealthSource[] = [
    { name: 'database', status: () => writer.status() },
    { name: 'bus', status: () => bus.status() },
  ]
  const repos: Repos = {
    accessFacts: new AccessFactsRepo(db),
    accessPolicies: new AccessPoliciesRepo(db),
    accessRefusals: new AccessRefusalsRepo(db),
    audit: new AuditRepo(db),
    chargers: new ChargersRepo(db),
    device: new DeviceRepo(db),
    tokens: new TokensRepo(db),
    transactions: new TransactionsRepo(db),
    operators: new OperatorsRepo(db),
    accounts: new AccountsRepo(db),
    organizations: new OrganizationsRepo(db),
    organizationAdmin: new OrganizationAdminRepo(db),
    sites: new SitesRepo(db),
    localLists: new LocalListsRepo(db),
    // people
    people: new PeopleRepo(db),
    groups: new GroupsRepo(db),
    // accounts: one-time links and custom roles
    accountLinks: new AccountLinksRepo(db),
    roles: new RolesRepo(db),
    // tariffs
    tariffs: new TariffsRepo(db),
    cdrs: new CdrsRepo(db),
    // price series
    priceSeries: new PriceSeriesRepo(db),
    invoices: new InvoicesRepo(db),
    // caps
    cappedSessions: new CappedSessionsRepo(db),
    // driver pages
    driverAccounts: new DriverAccountsRepo(db),
    // energy margin
    gridTariffs: new GridTariffsRepo(db),
  }
  await writer.write([
    config.natsUrl ? repos.chargers.markNodeOffline(config.nodeId) : repos.chargers.markAllOffline(),
  ])
  await ensureFirstOperator({ config, clock, log, repos, writer })

  const system = new ActorSystem({ clock, log, bus })
  const timeouts = commandTimeouts(config.ocppCallTimeoutMs)
  let gateway: OcppGateway | undefined
  const peers = new RequestPeers(config.trustProxyHops)
  const services = createServices({
    clock,
    log,
    bus,
    writer,
    repos,
    // Local lists: paced by the configuration, sent through the charger's node like any command.
    localLists: {
      log,
      nodeId: config.nodeId,
      settings: config.localLists,
      send: (chargerId, command) => sendChargerCommand(bus, chargerId, command, timeouts.requestMs),
    },
    // caps: sessions stopped at their maximum length, through the charger's node like any command
    sessionCaps: {
      log,
      nodeId: config.nodeId,
      sweepMs: config.sessionCaps.sweepMs,
      send: (chargerId, command) => sendChargerCommand(bus, chargerId, command, timeouts.requestMs),
      count: countCapStop(metrics),
    },
    // driver pages: sign-in links by SMTP, or in the log when no SMTP server is configured
    mailer: config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, config.mail.from) : logMailer(log),
    // sessions: asked only once the node serves, after the session actors below are registered
    runningSession: (transactionId) => runningSessionView(sessionActors, transactionId),
  })
  const chargerDeps: ChargerDeps = {
    clock,
    bus,
    writer,
    ...repos,
    access: services.access,
    tariffs: services.sessionTariffs,
    display: services.transactionDisplay,
    nodeId: config.nodeId,
    heartbeatIntervalS: config.heartbeatIntervalS,
    lingerMs: 60_000,
    bootLog: new RateLimitedLog({ log, clock }),
    links: { get: (id) => gateway?.link(id) },
  }
  const chargerActors = system.register<ChargerMsg>({
    name: 'charger',
    factory: (id) => chargerActor(id, chargerDeps),
    mailbox: { capacity: 256, overflow: 'reject' },
    supervision: {
      maxRestarts: 5,
      withinMs: 60_000,
      onGiveUp: (_, id) => gateway?.closeCharger(id, 1011, 'internal error'),
    },
    askTimeoutMs: 10_000,
  })
  gateway = new OcppGateway({
    versions: [ocpp201, ocpp16],
    chargerActors,
    chargers: repos.chargers,
    writer,
    auth: new ChargerAuth({
      clock,
      maxFailures: config.authMaxFailures,
      lockoutMs: config.authLockoutS * 1000,
    }),
    clock,
    log,
    metrics,
    peers,
    bootTimeoutMs: config.ocppBootTimeoutS * 1000,
    unknownChargers: config.unknownChargers,
    maxFrameBytes: config.ocppMaxFrameBytes,
    callTimeoutMs: timeouts.callMs,
    askTimeoutMs: 10_000,
  })
  const lag = metrics.histogram('site_tick_lag_seconds', 'How late site loop ticks run')
  const ticks = metrics.counter('site_ticks_total', 'Site loop ticks', ['kind'])
  const [scheduledTicks, replanTicks] = [ticks.with('scheduled'), ticks.with('replan')]
  const siteActors = system.register<SiteMsg>({
    name: 'site',
    factory: (id) =>
      siteActor(id, {
        clock,
        bus,
        writer,
        sites: repos.sites,
        chargers: repos.chargers,
        transactions: repos.transactions,
        device: repos.device,
        nodeId: config.nodeId,
        command: (chargerId, command) => sendChargerCommand(bus, chargerId, command, timeouts.requestMs),
        leaseTtlMs: 10_000,
        observeLag: (s) => lag.observe(s),
        countTick: (replan) => (replan ? replanTicks : scheduledTicks).inc(),
      }),
    mailbox: { capacity: 10_000, overflow: 'reject' },
    supervision: { maxRestarts: 10, withinMs: 60_000 },
  })
  const stopSites = await startSites({ sites: repos.sites, bus, clock, log }, siteActors)
  if (config.localLists.enabled) services.localLists.start()
  if (config.sessionCaps.enabled) services.sessionCaps.start()
  services.cdrWriter.start()
  // display: one session actor per running session, where its charger is
  const sessionActors = system.register<SessionMsg>({
    name: 'session',
    factory: (id) =>
      sessionActor(Number(id), {
        clock,
        bus,
        transactions: repos.transactions,
        costs: services.sessionCosts,
        cdrs: services.cdrWriter,
        tariffs: repos.tariffs,
        chargers: repos.chargers,
        device: repos.device,
        nodeId: config.nodeId,
        command: (chargerId, command) => sendChargerCommand(bus, chargerId, command, timeouts.requestMs),
        publishEveryMs: SESSION_PUBLISH_MS,
        displayEveryMs: SESSION_DISPLAY_MS,
        receiptUrl: config.publicUrl ? `${config.publicUrl}/me` : '',
      }),
    mailbox: { capacity: 256, overflow: 'dropOldest' },
    supervision: { maxRestarts: 5, withinMs: 60_000 },
  })
  const stopSessions = await startSessions(
    {
      bus,
      transactions: repos.transactions,
      nodeId: config.nodeId,
      log,
      holds: (chargerId) => gateway?.link(chargerId) !== undefined,
    },
    sessionActors,
  )
  // display: the charger's display keys, read after a boot unless known
  const stopDisplayKeys = config.displayKeysAtBoot
    ? readDisplayKeys({
        bus,
        clock,
        log,
        nodeId: config.nodeId,
        chargers: repos.chargers,
        device: repos.device,
        holds: (chargerId) => gateway?.link(chargerId) !== undefined,
        send: (chargerId, command) => sendChargerCommand(bus, chargerId, command, timeouts.requestMs),
      })
    : () => undefined
  // driver pages: weekly departure plans
  services.driverPlans.start()
  const deps: Deps = {
    config,
    clock,
    log,
    metrics,
    database,
    writer,
    bus,
    repos,
    scoped: scopedRepos(repos),
    system,
    chargerActors,
    gateway,
    peers,
    health: healthSources,
    timeouts,
    services,
  }
  const app = createApp(deps)
  const ocpp = gateway
  const tls = config.tls
    ? { cert: Bun.file(config.tls.certFile), key: Bun.file(config.tls.keyFile) }
    : undefined
  const server = Bun.serve<SocketData>({
    port: config.port,
    hostname: config.host,
    ...(tls ? { tls } : {}),
    maxRequestBodySize: maxRequestBodyBytes(config.ocppMaxFrameBytes),
    fetch: (req, srv) => {
      peers.record(req, srv.requestIP(req)?.address)
      if (new URL(req.url).pathname.startsWith('/ocpp/')) return ocpp.upgrade(req, srv)
      return Promise.resolve(app.fetch(req)).then((res) => {
        // A live page's stream is quiet between events by design; Bun's idle timeout (10 s) would cut it.
        if (isEventStream(res)) srv.timeout(req, 0)
        return res
      })
    },
    websocket: ocpp.websocket,
  })
  const metricsServer = config.metricsListen
    ? Bun.serve({
        hostname: config.metricsListen.host,
        port: config.metricsListen.port,
        fetch: new Elysia().use(metricsController(deps, 'metrics-listener')).fetch,
      })
    : undefined
  const url = `${tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${server.port}`
  log.info('CSMS node started', {
    url,
    node: config.nodeId,
    database: config.databaseUrl,
    bus: config.natsUrl ? 'nats' : 'local',
    ...(metricsServer ? { metrics: `${metricsServer.hostname}:${metricsServer.port}` } : {}),
  })
  return {
    deps,
    app,
    server,
    url,
    metricsUrl: metricsServer
      ? `http://${urlHost(metricsServer.hostname ?? '')}:${metricsServer.port}`
      : undefined,
    stop: async () => {
      stopSites()
      services.localLists.stop()
      services.sessionCaps.stop()
      services.cdrWriter.stop()
      stopSessions()
      stopDisplayKeys()
      services.driverPlans.stop()
      await metricsServer?.stop(true)
      await stopNode(deps, server)
      await checkpointer?.close()
    },
  }
}

/** caps: counts stop requests for sessions past their maximum length, by the charger's answer. */
function countCapStop(metrics: Metrics): (status: string) => void {
  const stops = metrics.counter(
    'session_cap_stops_total',
    'Stop requests for sessions past their maximum length, by answer',
    ['status'],
  )
  return (status) => stops.with(status).inc()
}

/** A host as a URL writes it: an IPv6 address in brackets. */
const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host)

async function openBus(config: Config, clock: Clock, log: Logger): Promise<Bus> {
  if (!config.natsUrl) return new LocalBus({ clock, log })
  const { NatsBus } = await import('./bus/nats')
  return NatsBus.connect({ url: config.natsUrl, name: config.nodeId, clock, log })
}

async function stopNode(deps: Deps, server: Server<SocketData>): Promise<void> {
  deps.log.info('CSMS node stopping', { chargers: deps.gateway.connections })
  deps.gateway.closeAll(1001, 'server shutting down')
  await server.stop(true)
  await deps.system.shutdown()
  await deps.writer.close()
  await deps.bus.close()
  deps.database.client.close()
}
