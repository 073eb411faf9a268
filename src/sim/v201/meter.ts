import type { Context } from '@src/ocpp/v16/generated/messages'
import type { MeterValueType, SampledValueType } from '@src/ocpp/v201/generated/messages'
import { type MeterQuantity, type MeterReading, quantities, registerQuantity } from '../meter-samples'

/** A quantity in OCPP 2.0.1 form: a number (at the meter's precision) with its unit of measure. */
function sampled201(q: MeterQuantity, context: Context): SampledValueType {
  const v: SampledValueType = {
    value: Number(q.value.toFixed(q.decimals)),
    context,
    measurand: q.measurand,
    location: q.location,
    unitOfMeasure: { unit: q.unit },
  }
  if (q.phase) v.phase = q.phase
  return v
}

/**
 * One 2.0.1 MeterValue of a full reading: energy register, power, current and voltage per phase, SoC.
 *
 * @example
 * meterValue201(at, reading, 'Sample.Periodic')
 * // { timestamp, sampledValue: [{ value: 1200, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' }, ... }, ...] }
 */
export function meterValue201(at: number, r: MeterReading, context: Context): MeterValueType {
  return {
    timestamp: new Date(at).toISOString(),
    sampledValue: quantities(r).map((q) => sampled201(q, context)),
  }
}

/** A register-only 2.0.1 MeterValue (Transaction.Begin and Transaction.End, TxStarted/EndedMeasurands). */
export function registerValue201(at: number, registerWh: number, context: Context): MeterValueType {
  return {
    timestamp: new Date(at).toISOString(),
    sampledValue: [sampled201(registerQuantity(registerWh), context)],
  }
}
