import { ActorSystem } from '@actors/runtime/system'
import type { SiteDeps } from '@actors/site/deps'
import type { SiteMsg } from '@actors/site/protocol'
import { siteActor } from '@actors/site/site-actor'
import { LocalBus } from '@src/bus/local'
import { subjects } from '@src/bus/subjects'
import { AuditRepo } from '@src/db/repos/audit'
import { ChargersRepo } from '@src/db/repos/chargers'
import { DeviceRepo } from '@src/db/repos/device'
import { SitesRepo } from '@src/db/repos/sites'
import { TransactionsRepo } from '@src/db/repos/transactions'
import { openMemoryDatabase } from '@src/db/testing'
import { DbWriter } from '@src/db/writer'
import { silentLogger } from '@src/lib/log'
import { AccessChanges } from '@src/services/access-changes'
import { Audit } from '@src/services/audit'
import { Departures } from '@src/services/departures'
import { SiteEdits } from '@src/services/site-edits'
import { SiteStatusStore } from '@src/services/site-status'
import type { BuildingReading, SiteScenario } from '@src/sim/site/types'
import { ChargerStandIn } from './charger-stand-in'
import { type CommandLinkDeps, commandLink } from './command-link'
import { mulberry32 } from './random'
import { type SiteSetup, saveScenarioSite } from './scenario-site'
import type { SettlingClock } from './settling-clock'

/** The node id of the simulated CSMS node. */
const NODE_ID = 'bench-node'

/**
 * The real product around one site: an in-memory database with the migrations, the group-commit
 * writer, the in-process bus, the repositories, the admin's and driver page's use cases, and the site
 * actor on the actor runtime, wired as `src/node.ts` wires them (and `actors/site/fixture.ts` for tests),
 * on the closed loop's clock. Charger commands go to the world through the {@link commandLink}; charger
 * events come in through the {@link ChargerStandIn}, building readings through {@link OurSite.reading},
 * drivers' departures through {@link OurSite.tellDeparture}.
 */
export class OurSite {
  private constructor(
    /** The loop's ticks so far: scheduled ones and early re-plans (an event, a reading, a departure). */
    readonly ticks: { readonly scheduled: number; readonly replan: number },
    readonly standIn: ChargerStandIn,
    readonly departures: Departures,
    readonly transactions: TransactionsRepo,
    private readonly bus: LocalBus,
    private readonly setup: SiteSetup,
    private readonly release: () => Promise<void>,
  ) {}

  /**
   * Registers the site's chargers (they connect when the world says) and an OCPP building meter
   * (connected from the start), sets the site up as an operator would (see {@link saveScenarioSite})
   * and starts the site's actor.
   */
  static async start(
    scenario: SiteScenario,
    clock: SettlingClock,
    link: Omit<CommandLinkDeps, 'clock' | 'connected'>,
    setup: SiteSetup & { seed: number },
  ): Promise<OurSite> {
    const database = await openMemoryDatabase()
    const writer = new DbWriter({ db: database.db, clock, log: silentLogger, flushMs: 0 })
    const bus = new LocalBus({ clock, log: silentLogger })
    const repos = {
      sites: new SitesRepo(database.db),
      chargers: new ChargersRepo(database.db),
      transactions: new TransactionsRepo(database.db),
      device: new DeviceRepo(database.db),
    }
    const standIn = new ChargerStandIn({ clock, bus, writer, ...repos, nodeId: NODE_ID })
    for (const c of scenario.chargers) await standIn.register(c.id, false)
    if (setup.buildingMeter === 'ocpp') await standIn.register(setup.meterChargerId, true)
    const siteStatus = new SiteStatusStore()
    const edits = new SiteEdits({
      sites: repos.sites,
      chargers: repos.chargers,
      writer,
      bus,
      clock,
      siteStatus,
      audit: new Audit({ audit: new AuditRepo(database.db), clock }),
      accessChanges: new AccessChanges(bus),
    })
    await saveScenarioSite(edits, scenario, setup)
    const ticks = { scheduled: 0, replan: 0 }
    const deps: SiteDeps = {
      clock,
      bus,
      writer,
      ...repos,
      nodeId: NODE_ID,
      command: commandLink({ ...link, clock, connected: standIn.connected }),
      leaseTtlMs: 10_000,
      random: mulberry32(setup.seed),
      countTick: (replan) => void ticks[replan ? 'replan' : 'scheduled']++,
    }
    const system = new ActorSystem({ clock, log: silentLogger, bus })
    const kind = system.register<SiteMsg>({ name: 'site', factory: (id) => siteActor(id, deps) })
    kind.get(setup.siteId)
    const departures = new Departures({
      transactions: repos.transactions,
      sites: repos.sites,
      writer,
      bus,
      clock,
    })
    return new OurSite(ticks, standIn, departures, repos.transactions, bus, setup, async () => {
      await system.shutdown()
      await writer.close()
      database.remove()
    })
  }

  /**
   * A building-meter reading, where the product takes it: an energy system's post to the site's meter
   * API goes on the site's meter subject; an OCPP meter's reading is its charger's meter value on EVSE 0.
   */
  async reading(r: BuildingReading): Promise<void> {
    const [l1, l2, l3] = r.currentA
    if (this.setup.buildingMeter === 'http') {
      this.bus.publish(subjects.siteMeter(this.setup.siteId), { currentA: [l1, l2, l3], measuredAt: r.at })
      return
    }
    await this.standIn.take({
      type: 'charger.meterSampled',
      chargerId: this.setup.meterChargerId,
      evseId: 0,
      transactionId: null,
      energyWh: null,
      readings: { currentA: { L1: l1, L2: l2, L3: l3 } },
      at: r.at,
    })
  }

  /**
   * The driver sets a departure on the driver page for the transaction that the world numbers
   * `worldTxId` on `chargerId` (no energy need: the page leaves it optional). False when the page refuses
   * it (a time in the past, more than a week ahead) or the transaction is not running.
   */
  async tellDeparture(chargerId: string, worldTxId: number, departureAt: number): Promise<boolean> {
    const id = this.standIn.rowIdOf(chargerId, worldTxId)
    const tx = id === undefined ? undefined : await this.transactions.find(id)
    if (!tx) return false
    const outcome = await this.departures.set(tx, { departureAt, energyNeedWh: null, source: 'driver' })
    return outcome.ok
  }

  /** Stops the actor, flushes the writer and drops the database. */
  dispose(): Promise<void> {
    return this.release()
  }
}
