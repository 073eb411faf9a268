import type { Bus } from '@src/bus/port'
import { subjects } from '@src/bus/subjects'
import type { CdrRow, CdrsRepo } from '@src/db/repos/cdrs'
import type { TransactionRow, TransactionsRepo } from '@src/db/repos/transactions'
import type { DbWriter } from '@src/db/writer'
import { transactionEnergyWh } from '@src/domain/charger/energy'
import { payerOf } from '@src/domain/invoices/payer'
import { cdrPricing } from '@src/domain/tariffs/cdr-pricing'
import type { Clock } from '@src/lib/clock'
import type { Logger } from '@src/lib/log'
import { z } from 'zod'
import { creditCdrOf } from './credit-cdr'
import type { SessionCosts } from './session-costs'

/** What {@link CdrWriter} works with. */
export interface CdrWriterDeps {
  bus: Bus
  clock: Clock
  log: Logger
  writer: DbWriter
  transactions: Pick<TransactionsRepo, 'find' | 'endedWithoutCdr'>
  cdrs: Pick<CdrsRepo, 'insert' | 'ofTransaction' | 'ownershipOf'>
  costs: Pick<SessionCosts, 'costOf'>
}

const ended = z.object({ transactionId: z.number().int() })
/** Sessions ended this long ago or less are looked for at boot, in case a CDR was not written. */
const CATCH_UP_MS = 7 * 86_400_000

/** The flags a CDR carries: what a person should check before billing it. */
export function cdrFlags(tx: Pick<TransactionRow, 'stopReason' | 'meterFlags'>, tariff: boolean): string[] {
  const flags: string[] = []
  if (tx.stopReason === 'Superseded') flags.push('stopLost')
  if (tx.stopReason === 'PowerLoss') flags.push('powerLoss')
  if (tx.meterFlags) flags.push(...tx.meterFlags.split(','))
  if (!tariff) flags.push('noTariff')
  return flags
}

/** A CDR written for a lost stop (Superseded): the real stop, when it comes, corrects it. */
const stopWasLost = (cdr: CdrRow) => cdr.flags.split(',').includes('stopLost')

/**
 * Writes one immutable CDR per finished session, when its end is committed (the charger actor's
 * `transactionEnded` event) and, at boot, for sessions of the past week that ended without one (a node
 * that stopped in between). The CDR is priced by the same function as the running cost, from the same
 * stored readings, so the total equals the last cost the driver saw for those readings. Writing is
 * idempotent (one CDR per transaction and generation, the first kept), so every node may try.
 * A session that ended badly (its stop lost and superseded, a power loss, meter flags) still gets its
 * CDR, flagged. When a superseded session's real stop arrives later (the actor publishes its end
 * again), the flagged CDR is corrected: a credit CDR cancelling it and a new CDR, in one write.
 * The CDR records who pays: the token's owner as the CDR is written.
 */
export class CdrWriter {
  #stop: (() => void) | undefined

  constructor(private readonly deps: CdrWriterDeps) {}

  /** Listens for ended sessions and catches up on the past week's. */
  start(): void {
    this.#stop = this.deps.bus.subscribe(subjects.everyChargerEvent('transactionEnded'), (payload) => {
      const p = ended.safeParse(payload)
      if (p.success) void this.#safely(p.data.transactionId)
    })
    void this.deps.transactions
      .endedWithoutCdr(this.deps.clock.now() - CATCH_UP_MS)
      .then(async (ids) => {
        for (const id of ids) await this.#safely(id)
      })
      .catch((err: unknown) => this.deps.log.error('CDR catch-up failed', { error: String(err) }))
  }

  stop(): void {
    this.#stop?.()
    this.#stop = undefined
  }

  /**
   * The current CDR of an ended transaction, written now if it has none, or corrected now if it was
   * written for a stop that was lost and the real stop has arrived since; undefined while it runs or
   * when unknown.
   */
  async write(transactionId: number): Promise<CdrRow | undefined> {
    const existing = await this.deps.cdrs.ofTransaction(transactionId)
    if (existing && !stopWasLost(existing)) return existing
    const tx = await this.deps.transactions.find(transactionId)
    if (!tx || tx.endedAt === null) return existing
    const done = { ...tx, endedAt: tx.endedAt }
    if (!existing) {
      await this.deps.writer.write([this.deps.cdrs.insert(await this.#cdrOf(done, 1))])
      return this.deps.cdrs.ofTransaction(transactionId)
    }
    if (tx.stopReason === 'Superseded') return existing
    const credit = creditCdrOf(existing, this.deps.clock.now())
    const corrected = await this.#cdrOf(done, credit.generation + 1)
    await this.deps.writer.write([this.deps.cdrs.insert(credit), this.deps.cdrs.insert(corrected)])
    this.deps.log.info('CDR corrected by a credit CDR', { transaction: transactionId, credited: existing.id })
    return this.deps.cdrs.ofTransaction(transactionId)
  }

  async #cdrOf(tx: TransactionRow & { endedAt: number }, generation: number): Promise<CdrRow> {
    const cost = await this.deps.costs.costOf(tx)
    const energyWh = transactionEnergyWh(tx) ?? 0
    const pricing = cost
      ? cdrPricing(cost.tariff, cost.priced, cost.version.rounding)
      : {
          currency: null,
          tariffs: [],
          charging_periods: [],
          total_cost: { excl_vat: 0, incl_vat: 0 },
          total_energy: energyWh / 1000,
          total_time: (tx.endedAt - tx.startedAt) / 3_600_000,
        }
    const id = generation === 1 ? `cdr-${tx.id}` : `cdr-${tx.id}-${generation}`
    const owner = tx.idTag ? await this.deps.cdrs.ownershipOf(tx.idTag) : undefined
    const payer = owner ? payerOf(owner.token, owner.driver) : null
    return {
      id,
      transactionId: tx.id,
      generation,
      credits: null,
      payerKind: payer?.kind ?? null,
      payerId: payer?.id ?? null,
      costCentre: payer?.costCentre ?? null,
      organizationId: tx.organizationId,
      chargerId: tx.chargerId,
      evseId: tx.evseId,
      idTag: tx.idTag,
      startedAt: tx.startedAt,
      endedAt: tx.endedAt,
      tariffId: cost?.version.tariffId ?? null,
      tariffVersion: cost?.version.version ?? null,
      currency: cost?.priced.currency ?? null,
      totalExclVat: cost?.priced.billed.exclVat.toString() ?? '0',
      totalInclVat: cost ? (cost.priced.billed.inclVat?.toString() ?? null) : '0',
      energyWh,
      flags: cdrFlags(tx, cost !== null).join(','),
      body: {
        id,
        start_date_time: new Date(tx.startedAt).toISOString(),
        end_date_time: new Date(tx.endedAt).toISOString(),
        session_id: String(tx.id),
        cdr_token: { uid: tx.idTag },
        ...pricing,
      },
      createdAt: this.deps.clock.now(),
    }
  }

  async #safely(transactionId: number): Promise<void> {
    try {
      await this.write(transactionId)
    } catch (err) {
      this.deps.log.error('CDR not written', { transaction: transactionId, error: String(err) })
    }
  }
}
