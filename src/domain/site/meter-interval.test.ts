import { describe, expect, test } from 'bun:test'
import { FAST_METER_S, fasterMeterReadings } from './meter-interval'

describe('fasterMeterReadings', () => {
  test.each([
    { protocol: 'ocpp1.6', keys: ['ClockAlignedDataInterval', 'MeterValueSampleInterval'] },
    { protocol: 'ocpp2.0.1', keys: ['AlignedDataCtrlr/Interval', 'SampledDataCtrlr/TxUpdatedInterval'] },
  ])('a slow $protocol meter is asked for a reading every few seconds', ({ protocol, keys }) => {
    const settings = fasterMeterReadings(protocol, 60)!
    expect(settings.map((v) => (v.component ? `${v.component}/${v.variable}` : v.variable))).toEqual([
      ...keys,
    ])
    expect(settings.every((v) => v.value === String(FAST_METER_S))).toBe(true)
  })

  test('a meter that already reports often enough, one never heard, or an unknown protocol is left alone', () => {
    expect(fasterMeterReadings('ocpp1.6', FAST_METER_S * 1.5)).toBeUndefined()
    expect(fasterMeterReadings('ocpp1.6', null)).toBeUndefined()
    expect(fasterMeterReadings(null, 60)).toBeUndefined()
    expect(fasterMeterReadings('modbus', 60)).toBeUndefined()
  })
})
