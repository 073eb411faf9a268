import type { TransactionRow, TransactionsRepo } from '@src/db/repos/transactions'
import { transactionEnergyWh } from '@src/domain/charger/energy'
import type { LiveSession } from '@src/domain/sessions/live-session'
import type { Clock } from '@src/lib/clock'
import type { SessionCost, SessionCosts } from './session-costs'

/** How many of the charger's latest samples are searched for a transaction's power and state of charge. */
const RECENT_SAMPLES = 60
const POWER_SCALE: Record<string, number> = { W: 1, kW: 1000 }

/** What the live view of a session is made from when no session actor on this node holds it. */
export interface LiveSessionsDeps {
  clock: Clock
  transactions: Pick<TransactionsRepo, 'recentMeterValuesOfCharger'>
  costs: Pick<SessionCosts, 'costOf'>
  /** The view of the session actor that runs the session on this node, or undefined (none runs it here). */
  running: (transactionId: number) => Promise<LiveSession | undefined>
}

/**
 * A session's live view (`LiveSession`) for any caller on any node: the session actor's own view
 * where the session runs on this node, else built from the stored transaction, its latest power
 * sample and `SessionCosts` (the function and data the actor and the CDR price with), so it answers
 * the same after a restart, for a session on another node, and for an ended one.
 */
export class LiveSessions {
  constructor(private readonly deps: LiveSessionsDeps) {}

  /** The transaction's live view. */
  async of(tx: TransactionRow): Promise<LiveSession> {
    if (tx.endedAt === null) {
      const live = await this.deps.running(tx.id)
      if (live) return live
    }
    const [cost, readings] = await Promise.all([
      this.deps.costs.costOf(tx),
      tx.endedAt === null ? latestReadings(this.deps.transactions, tx) : undefined,
    ])
    return liveSessionOf(tx, cost, readings?.powerW ?? null, this.deps.clock.now())
  }
}

/**
 * The live view of a transaction priced as `cost`: what the session actor publishes and what
 * {@link LiveSessions} answers for a session no actor here holds. `powerW` counts only while it runs.
 */
export function liveSessionOf(
  row: TransactionRow,
  cost: SessionCost | null,
  powerW: number | null,
  at: number,
): LiveSession {
  const billed = cost?.priced.billed
  return {
    type: 'session.updated',
    transactionId: row.id,
    organizationId: row.organizationId,
    chargerId: row.chargerId,
    evseId: row.evseId,
    idTag: row.idTag,
    startedAt: row.startedAt,
    energyWh: transactionEnergyWh(row),
    powerW: row.endedAt === null ? powerW : null,
    cost:
      cost && billed
        ? {
            tariffId: cost.version.tariffId,
            tariffVersion: cost.version.version,
            currency: cost.priced.currency,
            exclVat: billed.exclVat.toString(),
            inclVat: billed.inclVat?.toString() ?? null,
            pricedUntil: cost.session.end,
          }
        : null,
    departureAt: row.departureAt,
    state: row.endedAt === null ? 'running' : 'ended',
    at,
  }
}

/** The newest power (W) and state of charge (%) sampled for a transaction, if any. */
export async function latestReadings(
  transactions: Pick<TransactionsRepo, 'recentMeterValuesOfCharger'>,
  tx: Pick<TransactionRow, 'id' | 'chargerId'>,
): Promise<{ powerW: number | null; socPct: number | null }> {
  const rows = await transactions.recentMeterValuesOfCharger(tx.chargerId, RECENT_SAMPLES)
  const mine = rows.filter((r) => r.transactionId === tx.id && r.value !== null && r.phase === null)
  const power = mine.find((r) => r.measurand === 'Power.Active.Import')
  const soc = mine.find((r) => r.measurand === 'SoC')
  const scale = power ? POWER_SCALE[power.unit ?? 'W'] : undefined
  return {
    powerW: power && scale !== undefined && power.value !== null ? power.value * scale : null,
    socPct: soc ? soc.value : null,
  }
}
