import type { TariffsRepo } from '@src/db/repos/tariffs'
import type { TransactionsRepo } from '@src/db/repos/transactions'
import type { Language } from '@src/domain/driver-pages/language'
import { shownTotal } from '@src/domain/sessions/live-session'
import { priceText } from '@src/domain/sessions/price-text'
import type { SessionCosts } from './session-costs'

/** The language charger displays are told texts in (a charger names none in 2.0.1 answers). */
export const DISPLAY_LANGUAGE: Language = 'en'

/** What a charger's display is told in its answer to a transaction message. */
export interface TxDisplay {
  /** The running (or, on the end, final) cost incl. VAT when known: exact decimal text. */
  totalCost?: string
  /** The tariff in words, on the start. */
  personalMessage?: string
}

/** Which transaction message is answered. */
export type TxStage = 'started' | 'updated' | 'ended'

/**
 * The display part of the answer to a transaction message (2.0.1 TransactionEventResponse): on the
 * start, the tariff fixed for the session in words; on an update and the end, the cost so far, priced
 * by `SessionCosts` (the CDR's function, from the readings just committed), so what the display shows
 * at the final reading is the CDR's total. Nothing for a session under no tariff.
 */
export class TransactionDisplay {
  constructor(
    private readonly deps: {
      transactions: Pick<TransactionsRepo, 'find'>
      tariffs: Pick<TariffsRepo, 'version'>
      costs: Pick<SessionCosts, 'costOf'>
      language: Language
    },
  ) {}

  /** The display part for transaction `id` at `stage`; undefined when nothing is to be shown. */
  async of(id: number, stage: TxStage): Promise<TxDisplay | undefined> {
    const tx = await this.deps.transactions.find(id)
    if (!tx || tx.tariffId === null || tx.tariffVersion === null) return undefined
    if (stage === 'started') {
      const version = await this.deps.tariffs.version(tx.tariffId, tx.tariffVersion)
      return version ? { personalMessage: priceText(version.body, this.deps.language) } : undefined
    }
    const cost = await this.deps.costs.costOf(tx)
    if (!cost) return undefined
    const billed = cost.priced.billed
    return {
      totalCost: shownTotal({
        exclVat: billed.exclVat.toString(),
        inclVat: billed.inclVat?.toString() ?? null,
      }),
    }
  }
}
