import type { Bus } from '@src/bus/port'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DeviceRepo } from '@src/db/repos/device'
import type { SitesRepo } from '@src/db/repos/sites'
import type { TransactionsRepo } from '@src/db/repos/transactions'
import type { DbWriter } from '@src/db/writer'
import type { ChargerCommand, CommandOutcome } from '@src/domain/charger/commands'
import type { Clock } from '@src/lib/clock'

/** What a site actor needs; one object shared by all site actors of a node. */
export interface SiteDeps {
  clock: Clock
  bus: Bus
  writer: DbWriter
  sites: SitesRepo
  chargers: ChargersRepo
  transactions: TransactionsRepo
  device: DeviceRepo
  nodeId: string
  /** Sends a command to a charger wherever it is connected (over the bus). */
  command: (chargerId: string, command: ChargerCommand) => Promise<CommandOutcome>
  /** The site's lease lasts this long unless renewed (renewed at a third of it). */
  leaseTtlMs: number
  /** Records tick lag (seconds) for /metrics. */
  observeLag?: (seconds: number) => void
  /** Counts ticks for /metrics: scheduled ones and early re-plans. */
  countTick?: (replan: boolean) => void
  /** Spreads the sites' tick phases and re-reads over time (default `Math.random`; fixed in tests). */
  random?: () => number
}
