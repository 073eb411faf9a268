import {
  DEFAULT_MEASURAND,
  type IdToken,
  type IdTokenInfo,
  type MeterSample,
} from '@src/domain/charger/types'
import { wireTime } from '../dispatch'
import { formatWireTime } from '../wire-time'
import type { IdTokenInfoType, IdTokenType, MeterValueType } from './generated/messages'

/** A 2.0.1 idToken in neutral form (its type is kept). */
export const idToken = (t: IdTokenType): IdToken => ({ id: t.idToken, type: t.type })

/** Neutral token info → 2.0.1 idTokenInfo; a group becomes a Central groupIdToken. */
export function idTokenInfo(info: IdTokenInfo): IdTokenInfoType {
  const out: IdTokenInfoType = { status: info.status }
  if (info.expiresAt !== undefined) out.cacheExpiryDateTime = formatWireTime(info.expiresAt)
  if (info.groupId !== undefined) out.groupIdToken = { idToken: info.groupId, type: 'Central' }
  return out
}

/**
 * 2.0.1 meter values → neutral samples. Values are numbers with a power-of-ten multiplier (a product
 * too large for a number is kept raw only); signed meter data is kept whole as the raw text (format
 * SignedData) so it stays verifiable.
 */
export function samples(meterValue: readonly MeterValueType[]): MeterSample[] {
  const out: MeterSample[] = []
  for (const mv of meterValue) {
    const timestamp = wireTime('meterValue.timestamp', mv.timestamp)
    for (const sv of mv.sampledValue) {
      const multiplier = sv.unitOfMeasure?.multiplier ?? 0
      const scaled = multiplier === 0 ? sv.value : sv.value * 10 ** multiplier
      const s: MeterSample = {
        timestamp,
        measurand: sv.measurand ?? DEFAULT_MEASURAND,
        value: Number.isFinite(scaled) ? scaled : undefined,
        raw: String(sv.value),
      }
      if (sv.phase !== undefined) s.phase = sv.phase
      const unit = sv.unitOfMeasure?.unit ?? (s.measurand.startsWith('Energy') ? 'Wh' : undefined)
      if (unit !== undefined) s.unit = unit
      if (sv.context !== undefined) s.context = sv.context
      if (sv.location !== undefined) s.location = sv.location
      if (sv.signedMeterValue) {
        s.format = 'SignedData'
        s.raw = JSON.stringify(sv.signedMeterValue)
      }
      out.push(s)
    }
  }
  return out
}
