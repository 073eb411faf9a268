import type { ChargingProfile, ChargingProfilePurpose } from '@src/ocpp/v16/generated/messages'
import type {
  ChargingProfilePurposeEnumType,
  ChargingProfileType,
  ChargingScheduleType,
} from '@src/ocpp/v201/generated/messages'
import type { InstalledProfile } from '../charging-profiles'

/**
 * 2.0.1 charging profiles in the simulator's 1.6 form, so both versions share one set of limit rules
 * (`charging-profiles.ts`): ChargingStationMaxProfile is the ChargePointMaxProfile, a profile's first
 * schedule is its schedule, and a TxProfile's transaction is the station's running number.
 */

/** A 2.0.1 purpose in 1.6 terms (external constraints are not the CSMS's to set). */
export function purpose16(p: ChargingProfilePurposeEnumType): ChargingProfilePurpose | undefined {
  if (p === 'ChargingStationMaxProfile') return 'ChargePointMaxProfile'
  if (p === 'ChargingStationExternalConstraints') return undefined
  return p
}

/** A 1.6 purpose in 2.0.1 terms. */
export function purpose201(p: ChargingProfilePurpose): ChargingProfilePurposeEnumType {
  return p === 'ChargePointMaxProfile' ? 'ChargingStationMaxProfile' : p
}

/** A 2.0.1 profile in 1.6 form, or undefined if it cannot be one (no schedule, external constraints). */
export function toProfile16(p: ChargingProfileType, localTxId?: number): ChargingProfile | undefined {
  const purpose = purpose16(p.chargingProfilePurpose)
  const s = p.chargingSchedule[0]
  if (!purpose || !s) return undefined
  const out: ChargingProfile = {
    chargingProfileId: p.id,
    stackLevel: p.stackLevel,
    chargingProfilePurpose: purpose,
    chargingProfileKind: p.chargingProfileKind,
    chargingSchedule: {
      chargingRateUnit: s.chargingRateUnit,
      chargingSchedulePeriod: s.chargingSchedulePeriod.map((x) => ({
        startPeriod: x.startPeriod,
        limit: x.limit,
        ...(x.numberPhases === undefined ? {} : { numberPhases: x.numberPhases }),
      })),
      ...(s.duration === undefined ? {} : { duration: s.duration }),
      ...(s.startSchedule === undefined ? {} : { startSchedule: s.startSchedule }),
      ...(s.minChargingRate === undefined ? {} : { minChargingRate: s.minChargingRate }),
    },
  }
  if (localTxId !== undefined) out.transactionId = localTxId
  if (p.recurrencyKind) out.recurrencyKind = p.recurrencyKind
  if (p.validFrom) out.validFrom = p.validFrom
  if (p.validTo) out.validTo = p.validTo
  return out
}

/** An installed profile as GetChargingProfiles reports it (schedule id = profile id). */
export function toProfile201(x: InstalledProfile, ocppTxId?: string): ChargingProfileType {
  const p = x.profile
  const s = p.chargingSchedule
  const schedule: ChargingScheduleType = {
    id: p.chargingProfileId,
    chargingRateUnit: s.chargingRateUnit,
    chargingSchedulePeriod: s.chargingSchedulePeriod.map((q) => ({ ...q })),
    ...(s.duration === undefined ? {} : { duration: s.duration }),
    ...(s.startSchedule === undefined ? {} : { startSchedule: s.startSchedule }),
    ...(s.minChargingRate === undefined ? {} : { minChargingRate: s.minChargingRate }),
  }
  const out: ChargingProfileType = {
    id: p.chargingProfileId,
    stackLevel: p.stackLevel,
    chargingProfilePurpose: purpose201(p.chargingProfilePurpose),
    chargingProfileKind: p.chargingProfileKind,
    chargingSchedule: [schedule],
  }
  if (ocppTxId !== undefined) out.transactionId = ocppTxId
  if (p.recurrencyKind) out.recurrencyKind = p.recurrencyKind
  if (p.validFrom) out.validFrom = p.validFrom
  if (p.validTo) out.validTo = p.validTo
  return out
}
