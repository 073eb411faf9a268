import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { AccessFactsRepo } from '@src/db/repos/access-facts'
import type { DriverAccountsRepo } from '@src/db/repos/driver-accounts'
import type { TokensRepo } from '@src/db/repos/tokens'
import type { TransactionRow, TransactionsRepo } from '@src/db/repos/transactions'
import { plannedDeparture } from '@src/domain/driver-pages/weekly-plan'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'
import type { Departures } from './departures'
import { planOf } from './driver-accounts'

const started = z.object({ transactionId: z.number().int() })

/** What {@link DriverPlans} works with. */
export interface DriverPlansDeps {
  bus: Bus
  log: Logger
  transactions: Pick<TransactionsRepo, 'find'>
  tokens: Pick<TokensRepo, 'find'>
  accounts: Pick<DriverAccountsRepo, 'planOf'>
  facts: Pick<AccessFactsRepo, 'placesOf'>
  departures: Pick<Departures, 'set'>
}

/**
 * Gives a new session its departure from the driver's weekly plan ("weekdays 07:15"): when a
 * transaction of a token owned by a driver with a plan starts without a departure, the plan's next
 * time in the site's zone is set through {@link Departures.set} (source `driver`: the driver said so),
 * so the site loop plans by it from the first tick after. Every node listens; the write is the same
 * from each, so a cluster sets it once in effect.
 */
export class DriverPlans {
  #stop: (() => void) | undefined

  constructor(private readonly deps: DriverPlansDeps) {}

  /** Listens for started transactions. */
  start(): void {
    this.#stop = this.deps.bus.subscribe(subjects.everyChargerEvent('transactionStarted'), (payload) => {
      const p = started.safeParse(payload)
      if (!p.success) return
      this.apply(p.data.transactionId).catch((err: unknown) =>
        this.deps.log.error('a weekly departure plan was not applied', { error: String(err) }),
      )
    })
  }

  /** Stops listening. */
  stop(): void {
    this.#stop?.()
    this.#stop = undefined
  }

  /** Sets the planned departure of a started transaction, when its driver has a plan; returns it. */
  async apply(transactionId: number): Promise<number | undefined> {
    const tx = await this.deps.transactions.find(transactionId)
    if (!tx || tx.endedAt !== null || tx.departureAt !== null || !tx.idTag) return undefined
    const at = await this.planned(tx)
    if (!at) return undefined
    const out = await this.deps.departures.set(tx, { ...at, source: 'driver' })
    return out.ok ? at.departureAt : undefined
  }

  async #zone(chargerId: string): Promise<string> {
    return (await this.deps.facts.placesOf(chargerId))?.site.timeZone ?? DEFAULT_TIME_ZONE
  }

  /** The departure and energy need the transaction's driver's plan gives it, if any. */
  async planned(
    tx: TransactionRow,
  ): Promise<{ departureAt: number; energyNeedWh: number | null } | undefined> {
    const token = tx.idTag ? await this.deps.tokens.find(tx.idTag) : undefined
    const row = token?.driverId ? await this.deps.accounts.planOf(token.driverId) : undefined
    if (!row) return undefined
    const plan = planOf(row)
    const departureAt = plannedDeparture(plan, tx.startedAt, await this.#zone(tx.chargerId))
    return departureAt === undefined ? undefined : { departureAt, energyNeedWh: plan.energyNeedWh }
  }
}
