import type { Bus } from '@src/bus/port'
import type { AccessRefusalsRepo } from '@src/db/repos/access-refusals'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DeviceRepo } from '@src/db/repos/device'
import type { TokensRepo } from '@src/db/repos/tokens'
import type { TransactionsRepo } from '@src/db/repos/transactions'
import type { DbWriter } from '@src/db/writer'
import type { Clock } from '@src/lib/clock'
import type { RateLimitedLog } from '@src/lib/rate-limited-log'
import type { AccessDirectory } from '@src/services/access-directory'
import type { SessionTariffs } from '@src/services/session-tariffs'
import type { TransactionDisplay } from '@src/services/transaction-display'
import type { ChargerLink } from './protocol'

/** What a charger actor needs; built once in the composition root and shared by all charger actors. */
export interface ChargerDeps {
  clock: Clock
  bus: Bus
  writer: DbWriter
  chargers: ChargersRepo
  device: DeviceRepo
  tokens: TokensRepo
  transactions: TransactionsRepo
  /** Decides a token at this charger by the access policies of its place (Authorize, start, remote start). */
  access: Pick<AccessDirectory, 'decide'>
  /** The tariff version a session starts under (its price group, through the place's organizations). */
  tariffs: Pick<SessionTariffs, 'choose'>
  /** What a transaction message's answer tells the charger's display; none when absent. */
  display?: Pick<TransactionDisplay, 'of'>
  /** Where a refused Authorize, start or remote start is recorded with its explanation. */
  accessRefusals: AccessRefusalsRepo
  nodeId: string
  heartbeatIntervalS: number
  /** How long an actor stays alive after its charger disconnected (a quick reconnect keeps its state). */
  lingerMs: number
  /** Tells a person connecting a charger that it booted and how it was answered (at most once a minute per charger). */
  bootLog: RateLimitedLog
  /** The live connection of a charger on this node, if any: a restarted actor finds its link here. */
  links: { get(chargerId: string): ChargerLink | undefined }
}
