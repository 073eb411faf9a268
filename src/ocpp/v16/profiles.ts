import type { ChargingProfile } from '@src/domain/charger/charging-profile'
import { formatWireTime } from '../wire-time'
import type { ChargingProfile as Profile16 } from './generated/messages'

/** A neutral charging profile as OCPP 1.6 spells it (the station-wide purpose is ChargePointMaxProfile). */
export function profile16(p: ChargingProfile, wireTxId?: string): Profile16 {
  const out: Profile16 = {
    chargingProfileId: p.id,
    stackLevel: p.stackLevel,
    chargingProfilePurpose: p.purpose === 'ChargingStationMaxProfile' ? 'ChargePointMaxProfile' : p.purpose,
    chargingProfileKind: p.kind,
    chargingSchedule: {
      chargingRateUnit: p.schedule.rateUnit,
      chargingSchedulePeriod: p.schedule.periods.map((period) => ({
        startPeriod: period.startPeriodS,
        limit: round1(period.limit),
        ...(period.numberPhases === undefined ? {} : { numberPhases: period.numberPhases }),
      })),
    },
  }
  if (wireTxId !== undefined) out.transactionId = Number(wireTxId)
  if (p.recurrency) out.recurrencyKind = p.recurrency
  if (p.validFrom !== undefined) out.validFrom = formatWireTime(p.validFrom)
  if (p.validTo !== undefined) out.validTo = formatWireTime(p.validTo)
  if (p.schedule.durationS !== undefined) out.chargingSchedule.duration = p.schedule.durationS
  if (p.schedule.startSchedule !== undefined)
    out.chargingSchedule.startSchedule = formatWireTime(p.schedule.startSchedule)
  if (p.schedule.minRate !== undefined) out.chargingSchedule.minChargingRate = round1(p.schedule.minRate)
  return out
}

/** 1.6 limits are decimals with one digit (multipleOf 0.1). */
const round1 = (n: number) => Math.round(n * 10) / 10
