import type { TransactionsRepo } from '@src/db/repos/transactions'

/**
 * Transactions recorded without a charger's messages, for tests that need one in the database: each
 * returns the write to commit, keeping the meter columns as the charger actor stores them.
 */

/** A running transaction started at a known register reading (the start message's own value, rank 2). */
export function startedTransaction(
  repo: TransactionsRepo,
  v: {
    chargerId: string
    evseId: number
    connectorId: number
    idTag: string | null
    startStatus: string | null
    reservationId: number | null
    startedAt: number
    meterStartWh: number
    ocppTxId: string
    now: number
  },
) {
  const { now, meterStartWh, ...row } = v
  return repo.insertTransaction({
    ...row,
    remoteStartId: null,
    chargingState: null,
    endedAt: null,
    meterStopWh: null,
    energyWh: null,
    stopReason: null,
    stopIdTag: null,
    meterStartWh,
    meterStartAt: row.startedAt,
    meterStartRank: 2,
    lastMeterWh: meterStartWh,
    lastMeterAt: row.startedAt,
    lastMeterRank: 0,
    meterFlags: null,
    updatedAt: now,
  })
}

/** A later periodic register reading (rank 0) of a running transaction. */
export function meterReading(repo: TransactionsRepo, id: number, wh: number, at: number, now: number) {
  return repo.patch(id, { lastMeterWh: wh, lastMeterAt: at, lastMeterRank: 0, updatedAt: now })
}

/** A transaction's end with its own stop reading (rank 2) and final energy. */
export function endedTransaction(
  repo: TransactionsRepo,
  id: number,
  v: {
    endedAt: number
    meterStopWh: number
    energyWh: number
    stopReason: string
    stopIdTag: string | null
    now: number
  },
) {
  const { now, ...end } = v
  return repo.patch(id, {
    ...end,
    lastMeterWh: end.meterStopWh,
    lastMeterAt: end.endedAt,
    lastMeterRank: 2,
    updatedAt: now,
  })
}
