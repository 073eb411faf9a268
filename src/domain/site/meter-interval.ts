import type { VariableSetting } from '../charger/commands'

/** The interval (s) the loop asks an OCPP building meter to report at, when it reports slower. */
export const FAST_METER_S = 5

/** A meter reporting within this factor of the target is left alone (clock jitter, a late message). */
const SLOW_FACTOR = 1.5

/**
 * The configuration that makes an OCPP building meter report more often, or undefined when it already
 * reports often enough or its protocol is not known. A main meter's values on EVSE 0 are clock-aligned
 * data (1.6 `ClockAlignedDataInterval`, 2.0.1 `AlignedDataCtrlr.Interval`; note that aligned current
 * is the interval's average, so a shorter interval also shows a step sooner and sharper); meter
 * gateways that send them as sampled data follow `MeterValueSampleInterval` (2.0.1
 * `SampledDataCtrlr.TxUpdatedInterval`), so both are set.
 *
 * @example
 * fasterMeterReadings('ocpp1.6', 60) // → ClockAlignedDataInterval and MeterValueSampleInterval = 5
 */
export function fasterMeterReadings(
  protocol: string | null,
  observedIntervalS: number | null,
  targetS = FAST_METER_S,
): VariableSetting[] | undefined {
  if (observedIntervalS === null || observedIntervalS <= targetS * SLOW_FACTOR) return undefined
  const value = String(targetS)
  if (protocol === 'ocpp1.6')
    return [
      { variable: 'ClockAlignedDataInterval', value },
      { variable: 'MeterValueSampleInterval', value },
    ]
  if (protocol === 'ocpp2.0.1')
    return [
      { component: 'AlignedDataCtrlr', variable: 'Interval', value },
      { component: 'SampledDataCtrlr', variable: 'TxUpdatedInterval', value },
    ]
  return undefined
}
