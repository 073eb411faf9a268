import type {
  ChargingProfile,
  ChargingProfilePurpose,
  ChargingSchedulePeriod,
  ClearChargingProfileRequest,
} from '@src/ocpp/v16/generated/messages'

/**
 * OCPP 1.6 smart charging as a charge point does it, pure: which profiles it keeps (SetChargingProfile,
 * ClearChargingProfile) and which limit is in force at a moment (the highest stack level of the
 * TxProfile, else of the TxDefaultProfile, capped by the ChargePointMaxProfile).
 */

/** A profile as the charger stores it. */
export interface InstalledProfile {
  readonly connectorId: number
  readonly profile: ChargingProfile
  /** When it arrived (epoch ms): the start of an Absolute profile that names no `startSchedule`. */
  readonly installedAt: number
  /** The transaction a TxProfile belongs to; it is dropped when that transaction ends. */
  readonly transactionId?: number
}

/** What the charger supports (its configuration keys). */
export interface ProfileCapabilities {
  numberOfConnectors: number
  maxStackLevel: number
  maxPeriods: number
}

/** The outcome of installing a profile. */
export type InstallResult =
  | { status: 'Accepted'; profiles: InstalledProfile[] }
  | { status: 'Rejected'; reason: string }

/**
 * Checks and stores a profile. A profile with the same id, or the same purpose, stack level and
 * connector, is replaced. A TxProfile needs a running transaction on its connector (`activeTxId`).
 */
export function installProfile(
  profiles: readonly InstalledProfile[],
  req: { connectorId: number; profile: ChargingProfile; now: number; activeTxId?: number },
  caps: ProfileCapabilities,
): InstallResult {
  const reason = refusal(req.connectorId, req.profile, req.activeTxId, caps)
  if (reason) return { status: 'Rejected', reason }
  const p = req.profile
  const kept = profiles.filter(
    (x) =>
      x.profile.chargingProfileId !== p.chargingProfileId &&
      !(
        x.connectorId === req.connectorId &&
        x.profile.stackLevel === p.stackLevel &&
        x.profile.chargingProfilePurpose === p.chargingProfilePurpose
      ),
  )
  const txId = p.chargingProfilePurpose === 'TxProfile' ? req.activeTxId : undefined
  const installed: InstalledProfile = {
    connectorId: req.connectorId,
    profile: p,
    installedAt: req.now,
    ...(txId === undefined ? {} : { transactionId: txId }),
  }
  return { status: 'Accepted', profiles: [...kept, installed] }
}

function refusal(
  connectorId: number,
  p: ChargingProfile,
  activeTxId: number | undefined,
  caps: ProfileCapabilities,
): string | undefined {
  const periods = p.chargingSchedule.chargingSchedulePeriod
  if (connectorId < 0 || connectorId > caps.numberOfConnectors) return `no connector ${connectorId}`
  if (p.chargingProfilePurpose === 'ChargePointMaxProfile' && connectorId !== 0)
    return 'a ChargePointMaxProfile belongs on connector 0'
  if (p.chargingProfilePurpose === 'TxProfile') {
    if (connectorId === 0 || activeTxId === undefined)
      return 'a TxProfile needs a running transaction on its connector'
    if (p.transactionId !== undefined && p.transactionId !== activeTxId)
      return `no transaction ${p.transactionId} on connector ${connectorId}`
  }
  if (p.stackLevel < 0 || p.stackLevel > caps.maxStackLevel) return `stack level above ${caps.maxStackLevel}`
  if (periods.length === 0 || periods.length > caps.maxPeriods) return `1 to ${caps.maxPeriods} periods`
  if (periods[0]?.startPeriod !== 0) return 'the first period must start at 0'
  if (periods.some((x, i) => i > 0 && x.startPeriod <= (periods[i - 1]?.startPeriod ?? 0)))
    return 'periods must start in increasing order'
  if (periods.some((x) => x.limit < 0)) return 'negative limit'
  if (p.chargingProfileKind === 'Recurring' && (!p.recurrencyKind || !p.chargingSchedule.startSchedule)) {
    return 'a Recurring profile needs recurrencyKind and startSchedule'
  }
  return undefined
}

/** ClearChargingProfile: by id, or by any of connector, purpose and stack level. Unknown when none matched. */
export function clearProfiles(
  profiles: readonly InstalledProfile[],
  req: ClearChargingProfileRequest,
): { status: 'Accepted' | 'Unknown'; profiles: InstalledProfile[] } {
  const matches = (x: InstalledProfile) => {
    if (req.id !== undefined) return x.profile.chargingProfileId === req.id
    if (req.connectorId !== undefined && x.connectorId !== req.connectorId) return false
    if (
      req.chargingProfilePurpose !== undefined &&
      x.profile.chargingProfilePurpose !== req.chargingProfilePurpose
    )
      return false
    return req.stackLevel === undefined || x.profile.stackLevel === req.stackLevel
  }
  const kept = profiles.filter((x) => !matches(x))
  return { status: kept.length < profiles.length ? 'Accepted' : 'Unknown', profiles: kept }
}

/** The TxProfiles of a transaction end with it. */
export function dropTxProfiles(
  profiles: readonly InstalledProfile[],
  connectorId: number,
): InstalledProfile[] {
  return profiles.filter(
    (x) => !(x.connectorId === connectorId && x.profile.chargingProfilePurpose === 'TxProfile'),
  )
}

/** A schedule period in force, with the profile's unit. */
export interface ActivePeriod {
  readonly limit: number
  readonly unit: 'A' | 'W'
  readonly numberPhases?: number
}

/** The period of one profile in force at `now` (if any), and the next moment that can change. */
export function periodAt(
  x: InstalledProfile,
  now: number,
  relativeStart: number,
): { period?: ActivePeriod; next?: number } {
  const p = x.profile
  const validFrom = p.validFrom === undefined ? undefined : Date.parse(p.validFrom)
  const validTo = p.validTo === undefined ? undefined : Date.parse(p.validTo)
  if (validFrom !== undefined && now < validFrom) return { next: validFrom }
  if (validTo !== undefined && now >= validTo) return {}
  const { start, restart } = scheduleStart(x, now, relativeStart)
  const schedule = p.chargingSchedule
  const end = schedule.duration === undefined ? undefined : start + schedule.duration * 1000
  if (now < start) return { next: earliest(start, validTo) }
  if (end !== undefined && now >= end) return { next: earliest(restart, validTo) }
  const periods = schedule.chargingSchedulePeriod
  const elapsedS = (now - start) / 1000
  const index = periods.findLastIndex((q) => q.startPeriod <= elapsedS)
  const current = periods[index] as ChargingSchedulePeriod
  const following = periods[index + 1]
  const next = earliest(following && start + following.startPeriod * 1000, end, restart, validTo)
  const period: ActivePeriod = {
    limit: current.limit,
    unit: schedule.chargingRateUnit,
    numberPhases: current.numberPhases,
  }
  return { period, next }
}

const DAY_MS = 86_400_000

/** When the schedule's time 0 is: fixed, the transaction's start, or the latest recurrence. */
function scheduleStart(
  x: InstalledProfile,
  now: number,
  relativeStart: number,
): { start: number; restart?: number } {
  const p = x.profile
  const startSchedule = p.chargingSchedule.startSchedule
  if (p.chargingProfileKind === 'Relative') return { start: relativeStart }
  if (p.chargingProfileKind === 'Absolute')
    return { start: startSchedule ? Date.parse(startSchedule) : x.installedAt }
  const base = Date.parse(startSchedule ?? '')
  const periodMs = p.recurrencyKind === 'Weekly' ? 7 * DAY_MS : DAY_MS
  if (now < base) return { start: base }
  const start = base + Math.floor((now - base) / periodMs) * periodMs
  return { start, restart: start + periodMs }
}

function earliest(...times: (number | undefined)[]): number | undefined {
  const defined = times.filter((t): t is number => t !== undefined && Number.isFinite(t))
  return defined.length ? Math.min(...defined) : undefined
}

/** The question "what limit applies": a connector, a moment, its transaction, and how to read watts. */
export interface LimitQuery {
  connectorId: number
  now: number
  /** The running transaction on the connector, if any. */
  tx?: { id: number; startedAt: number }
  /** Time 0 of Relative profiles when there is no transaction (default `now`). */
  relativeStart?: number
  /** Phase-to-neutral voltage and phases in use, to turn a W limit into amperes. */
  voltage: number
  phases: number
}

/** Limits in force (A per phase); `undefined` means no profile limits it. `next` is when to look again. */
export interface Limits {
  txLimitA?: number
  stationLimitA?: number
  next?: number
}

/**
 * The limits in force on a connector: its TxProfile (for its transaction), else its TxDefaultProfile
 * (its own before connector 0's at equal stack level), and the station-wide ChargePointMaxProfile.
 */
export function limitsAt(profiles: readonly InstalledProfile[], q: LimitQuery): Limits {
  const relativeStart = q.tx?.startedAt ?? q.relativeStart ?? q.now
  const nexts: (number | undefined)[] = []
  const pick = (purpose: ChargingProfilePurpose, accept: (x: InstalledProfile) => boolean) => {
    const candidates = profiles
      .filter((x) => x.profile.chargingProfilePurpose === purpose && accept(x))
      .sort((a, b) => b.profile.stackLevel - a.profile.stackLevel || b.connectorId - a.connectorId)
    for (const x of candidates) {
      const r = periodAt(x, q.now, relativeStart)
      nexts.push(r.next)
      if (r.period) return toAmps(r.period, q.voltage, q.phases)
    }
    return undefined
  }
  const tx = q.tx
  const txProfile =
    tx && pick('TxProfile', (x) => x.connectorId === q.connectorId && (x.transactionId ?? tx.id) === tx.id)
  const txLimitA =
    txProfile ?? pick('TxDefaultProfile', (x) => x.connectorId === q.connectorId || x.connectorId === 0)
  const stationLimitA = pick('ChargePointMaxProfile', () => true)
  return { txLimitA, stationLimitA, next: earliest(...nexts) }
}

/** A period's limit in amperes per phase. */
export function toAmps(period: ActivePeriod, voltage: number, phases: number): number {
  if (period.unit === 'A') return period.limit
  return period.limit / (voltage * Math.max(1, Math.min(phases, period.numberPhases ?? phases)))
}
