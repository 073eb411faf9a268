import { ActorSystem, type KindHandle } from '@actors/runtime/system'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import { ChargersRepo } from '@src/db/repos/chargers'
import { DeviceRepo } from '@src/db/repos/device'
import { SitesRepo } from '@src/db/repos/sites'
import { TransactionsRepo } from '@src/db/repos/transactions'
import { openTestDatabase } from '@src/db/testing'
import { DbWriter } from '@src/db/writer'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import type { ChargerEvent } from '@src/domain/charger/events'
import type { SiteSettings } from '@src/domain/site/site-config'
import type { SiteStatus } from '@src/domain/site/status'
import { FakeClock, flushMicrotasks } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { startedTransaction } from '@src/testing/transactions'
import type { SiteDeps } from './deps'
import type { SiteMsg } from './protocol'
import { siteActor } from './site-actor'

/** A command the loop sent, as the test saw it. */
export interface SentCommand {
  chargerId: string
  command: ChargerCommand
  at: number
}

const SITE: SiteSettings = {
  name: 'Co-op',
  voltageV: 230,
  phases: 3,
  mainFuseA: 32,
  safetyMarginA: 0,
  buildingMaxA: null,
  buildingMeter: 'none',
  buildingMeterChargerId: null,
  peakTargetKw: null,
  loopIntervalMs: 500,
  failSafeA: null,
  objective: 'vehicles',
  timeZone: 'Europe/Stockholm',
}

/**
 * A site loop on a fake clock with a real database and the in-process bus; charger commands go to a
 * stub that records them and answers `answer(...)` (Accepted by default).
 */
export async function siteFixture(site: Partial<SiteSettings> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 16))
  const database = await openTestDatabase()
  const writer = new DbWriter({ db: database.db, clock, log: silentLogger, flushMs: 0 })
  const bus = new LocalBus({ clock, log: silentLogger })
  const repos = {
    sites: new SitesRepo(database.db),
    chargers: new ChargersRepo(database.db),
    transactions: new TransactionsRepo(database.db),
    device: new DeviceRepo(database.db),
  }
  const sent: SentCommand[] = []
  const statuses: SiteStatus[] = []
  let answer: (c: SentCommand) => CommandOutcome | Promise<CommandOutcome> = () => ({ status: 'Accepted' })
  bus.subscribe(subjects.allSiteStatus, (s) => statuses.push(s as SiteStatus))
  const lags: number[] = []
  const ticks = { scheduled: 0, replan: 0 }
  const deps: SiteDeps = {
    clock,
    bus,
    writer,
    ...repos,
    nodeId: 'node-a',
    command: async (chargerId, command) => {
      const c = { chargerId, command, at: clock.now() }
      sent.push(c)
      return answer(c)
    },
    leaseTtlMs: 10_000,
    observeLag: (s) => lags.push(s),
    countTick: (replan) => void ticks[replan ? 'replan' : 'scheduled']++,
  }
  const now = clock.now()
  const addSite = (id: string, v: Partial<SiteSettings>) =>
    writer.write([repos.sites.upsert(id, { ...SITE, ...v }, clock.now())])
  await addSite('S1', site)
  const system = new ActorSystem({ clock, log: silentLogger, bus })
  const kind: KindHandle<SiteMsg> = system.register<SiteMsg>({
    name: 'site',
    factory: (id) => siteActor(id, deps),
  })
  let txAt = now

  return {
    clock,
    bus,
    db: database.db,
    deps,
    repos,
    writer,
    sent,
    statuses,
    lags,
    ticks,
    kind,
    system,
    /** Adds another site (without connectors); `kind.get(id)` starts its loop. */
    addSite,
    setAnswer: (fn: typeof answer) => {
      answer = fn
    },
    /** Puts a charger EVSE on the site (and registers the charger, online). */
    async connector(
      chargerId: string,
      evseId: number,
      wiring: string,
      maxA: number,
      circuitId: string | null = null,
    ) {
      const t = clock.now()
      await writer.write([
        repos.chargers.upsert({ id: chargerId, now: t }),
        repos.chargers.setOnline(chargerId, { online: true, nodeId: 'node-a', now: t }),
        repos.sites.assignConnector({ siteId: 'S1', chargerId, evseId, circuitId, maxA, wiring }),
      ])
    },
    /** Starts a transaction in the database and tells the loop, as a charger actor would. */
    async startTx(
      chargerId: string,
      evseId: number,
      v: { departureAt?: number; energyNeedWh?: number; priorityTier?: number } = {},
    ) {
      txAt += 1000
      const [[row]] = await writer.write([
        startedTransaction(repos.transactions, {
          chargerId,
          evseId,
          connectorId: 1,
          idTag: `T-${chargerId}-${evseId}`,
          startStatus: 'Accepted',
          reservationId: null,
          startedAt: txAt,
          meterStartWh: 0,
          ocppTxId: `${chargerId}-${txAt}`,
          now: clock.now(),
        }),
      ] as const)
      const id = row!.id
      if (v.priorityTier !== undefined)
        await writer.write([repos.transactions.patch(id, { priorityTier: v.priorityTier })])
      if (v.departureAt !== undefined)
        await writer.write([
          repos.transactions.setDeparture(id, {
            departureAt: v.departureAt,
            energyNeedWh: v.energyNeedWh ?? null,
            source: 'driver',
            now: clock.now(),
          }),
        ])
      this.event({
        type: 'charger.transactionStarted',
        chargerId,
        transactionId: id,
        evseId,
        connectorId: 1,
        idTag: null,
        meterStartWh: 0,
        at: clock.now(),
      })
      return id
    },
    event(e: ChargerEvent) {
      bus.publish(subjects.chargerEvent(e.chargerId, e.type.slice('charger.'.length)), e)
    },
    start: () => kind.get('S1'),
    /** Lets fake time pass, in small steps so async work between timers settles. */
    async run(ms: number, step = 50) {
      for (let t = 0; t < ms; t += step) {
        await clock.advance(Math.min(step, ms - t))
        await flushMicrotasks(50)
      }
    },
    /** The TxProfile setpoints sent to a charger. */
    setpoints(chargerId: string) {
      return sent.filter(
        (c) =>
          c.chargerId === chargerId &&
          c.command.type === 'setChargingProfile' &&
          c.command.profile.purpose === 'TxProfile',
      )
    },
    /** The latest TxProfile limit each transaction was given. */
    limits(): Map<number, number> {
      const out = new Map<number, number>()
      for (const c of sent) {
        if (c.command.type !== 'setChargingProfile' || c.command.profile.purpose !== 'TxProfile') continue
        out.set(c.command.profile.transactionId!, c.command.profile.schedule.periods[0]!.limit)
      }
      return out
    },
    async dispose() {
      await system.shutdown()
      database.remove()
    },
  }
}
