import type { Bus } from '@src/bus/port'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { DeviceRepo } from '@src/db/repos/device'
import type { TariffsRepo } from '@src/db/repos/tariffs'
import type { TransactionsRepo } from '@src/db/repos/transactions'
import type { CdrWriter } from '@src/services/cdr-writer'
import type { SessionCosts } from '@src/services/session-costs'
import type { DisplayDeps } from './display'

/** What a session actor needs; built once in the composition root and shared by all session actors. */
export interface SessionDeps extends Omit<DisplayDeps, 'log'> {
  bus: Bus
  transactions: Pick<TransactionsRepo, 'find'>
  costs: Pick<SessionCosts, 'costOf'>
  /** Writes the session's CDR (idempotent), before the actor stops. */
  cdrs: Pick<CdrWriter, 'write'>
  tariffs: Pick<TariffsRepo, 'version'>
  chargers: Pick<ChargersRepo, 'find'>
  device: Pick<DeviceRepo, 'variables'>
  /** This node: a session whose charger connects to another node stops here. */
  nodeId: string
  /** `session.updated` at most once per this many ms per session (besides the start and the end). */
  publishEveryMs: number
}
