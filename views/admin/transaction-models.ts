/**
 * What the admin pages show of transactions and their meter values, as view models built by the http
 * layer from database rows (`src/http/admin/view-models.ts`). The energy is decided there, by the
 * domain's rule, so a page only formats it.
 */

/** A transaction as one row of a transactions table shows it. */
export interface TransactionView {
  id: number
  chargerId: string
  evseId: number
  idTag: string | null
  startedAt: number
  /** Null while it runs. */
  endedAt: number | null
  /** Energy delivered so far (Wh); null until both a start and a later reading are known. */
  energyWh: number | null
  stopReason: string | null
}

/** A transaction as its own page shows it: the row's facts plus how it was authorized and metered. */
export interface TransactionDetailView extends TransactionView {
  /** How the token was answered when the transaction started. */
  startStatus: string | null
  /** The reading chosen as the start (Wh); null until one arrives. */
  meterStartWh: number | null
  /** The stop reading, or the latest chosen so far while it runs (Wh). */
  meterEndWh: number | null
}

/** One sampled value, every attribute as the charger sent it. */
export interface MeterValueView {
  sampledAt: number
  transactionId: number | null
  measurand: string
  phase: string | null
  /** The value exactly as sent (signed meter data stays verifiable). */
  raw: string
  unit: string | null
  context: string | null
  location: string | null
}
