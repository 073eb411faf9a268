import type { ChargingProfile } from '@src/domain/charger/charging-profile'
import { formatWireTime } from '../wire-time'
import type { ChargingProfileType } from './generated/messages'

/** A neutral charging profile as OCPP 2.0.1 spells it (one schedule, whose id is the profile's). */
export function profile201(p: ChargingProfile, wireTxId?: string): ChargingProfileType {
  const schedule: ChargingProfileType['chargingSchedule'][number] = {
    id: p.id,
    chargingRateUnit: p.schedule.rateUnit,
    chargingSchedulePeriod: p.schedule.periods.map((period) => ({
      startPeriod: period.startPeriodS,
      limit: period.limit,
      ...(period.numberPhases === undefined ? {} : { numberPhases: period.numberPhases }),
    })),
  }
  if (p.schedule.durationS !== undefined) schedule.duration = p.schedule.durationS
  if (p.schedule.startSchedule !== undefined)
    schedule.startSchedule = formatWireTime(p.schedule.startSchedule)
  if (p.schedule.minRate !== undefined) schedule.minChargingRate = p.schedule.minRate
  const out: ChargingProfileType = {
    id: p.id,
    stackLevel: p.stackLevel,
    chargingProfilePurpose: p.purpose,
    chargingProfileKind: p.kind,
    chargingSchedule: [schedule],
  }
  if (wireTxId !== undefined) out.transactionId = wireTxId
  if (p.recurrency) out.recurrencyKind = p.recurrency
  if (p.validFrom !== undefined) out.validFrom = formatWireTime(p.validFrom)
  if (p.validTo !== undefined) out.validTo = formatWireTime(p.validTo)
  return out
}
