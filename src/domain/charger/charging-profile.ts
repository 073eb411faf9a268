/**
 * A charging profile, protocol-neutral: OCPP 1.6 ChargingProfile and 2.0.1 ChargingProfileType map to
 * and from it. Times are epoch ms; `startPeriodS` counts seconds from the schedule start.
 */
export interface ChargingProfile {
  id: number
  stackLevel: number
  purpose: ProfilePurpose
  kind: 'Absolute' | 'Recurring' | 'Relative'
  recurrency?: 'Daily' | 'Weekly'
  validFrom?: number
  validTo?: number
  /** Our transaction id, for a TxProfile. */
  transactionId?: number
  schedule: ChargingSchedule
}

/** What a profile limits: the whole station, a default for new transactions, or one transaction. */
export type ProfilePurpose = 'ChargingStationMaxProfile' | 'TxDefaultProfile' | 'TxProfile'

/** A schedule of limits over time. */
export interface ChargingSchedule {
  startSchedule?: number
  durationS?: number
  rateUnit: 'A' | 'W'
  minRate?: number
  periods: SchedulePeriod[]
}

/** One period of a schedule: from `startPeriodS`, at most `limit` (A per phase or W). */
export interface SchedulePeriod {
  startPeriodS: number
  limit: number
  numberPhases?: number
}
