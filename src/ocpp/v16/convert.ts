import { status16 } from '@src/domain/access/vocabulary'
import { parseSampleValue } from '@src/domain/charger/meter'
import type { IdTokenInfo, MeterSample } from '@src/domain/charger/types'
import { DEFAULT_MEASURAND } from '@src/domain/charger/types'
import { wireTime } from '../dispatch'
import type { IdTagInfo, MeterValue } from './generated/messages'

/** Neutral token info → 1.6 idTagInfo; 2.0.1-only statuses are mapped by `status16` (Blocked or Invalid). */
export function idTagInfo(info: IdTokenInfo): IdTagInfo {
  const out: IdTagInfo = {
    status: status16(info.status),
  }
  if (info.expiresAt !== undefined) out.expiryDate = new Date(info.expiresAt).toISOString()
  if (info.groupId !== undefined) out.parentIdTag = info.groupId
  return out
}

/** 1.6 meter values → neutral samples, one per sampled value, attributes kept. */
export function samples(meterValue: readonly MeterValue[]): MeterSample[] {
  const out: MeterSample[] = []
  for (const mv of meterValue) {
    const timestamp = wireTime('meterValue.timestamp', mv.timestamp)
    for (const sv of mv.sampledValue) {
      const s: MeterSample = {
        timestamp,
        measurand: sv.measurand ?? DEFAULT_MEASURAND,
        value: parseSampleValue(sv.value),
        raw: sv.value,
      }
      if (sv.phase !== undefined) s.phase = sv.phase
      if (sv.unit !== undefined) s.unit = sv.unit
      if (sv.context !== undefined) s.context = sv.context
      if (sv.location !== undefined) s.location = sv.location
      if (sv.format !== undefined) s.format = sv.format
      out.push(s)
    }
  }
  return out
}

/** 1.6 connector id → neutral EVSE/connector (connector 0 is the whole station). */
export function connectorRef(connectorId: number): { evseId: number; connectorId: number } {
  return { evseId: connectorId, connectorId: connectorId === 0 ? 0 : 1 }
}
