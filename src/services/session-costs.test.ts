import { describe, expect, test } from 'bun:test'
import type { MeterSample } from '@src/domain/charger/types'
import { meteredSession } from './session-costs'

const T0 = Date.parse('2026-12-07T18:00:00+01:00')
const min = (m: number) => T0 + m * 60_000
const register = (m: number, wh: number, unit = 'Wh'): MeterSample => ({
  timestamp: min(m),
  measurand: 'Energy.Active.Import.Register',
  value: unit === 'kWh' ? wh / 1000 : wh,
  raw: String(unit === 'kWh' ? wh / 1000 : wh),
  unit,
})

describe('the session a transaction is priced as', () => {
  test('energy since the start reading, in the charger’s time; a register in kWh reads the same', () => {
    const s = meteredSession(
      { startedAt: min(0), endedAt: null, meterStartWh: 10_000, meterStopWh: null },
      [register(0, 10_000), register(10, 11_500, 'kWh'), register(20, 13_000)],
      [{ at: min(0), state: 'Charging' }],
    )
    expect(s.readings.map((r) => [r.at - T0, r.wh])).toEqual([
      [0, 0],
      [600_000, 1500],
      [1_200_000, 3000],
    ])
    expect(s.end).toBe(min(20))
  })

  test('an ended session ends at its stop with the stop reading; readings after it are not the session’s', () => {
    const s = meteredSession(
      { startedAt: min(0), endedAt: min(30), meterStartWh: 0, meterStopWh: 4000 },
      [register(10, 2000), register(45, 9999)],
      [],
    )
    expect(s.readings.map((r) => r.wh)).toEqual([2000, 4000])
    expect(s.end).toBe(min(30))
  })

  test('SuspendedEV and EVConnected are parked; SuspendedEVSE (the site paused it) is charging time', () => {
    const s = meteredSession(
      { startedAt: min(0), endedAt: null, meterStartWh: 0, meterStopWh: null },
      [register(60, 5000)],
      [
        { at: min(0), state: 'Charging' },
        { at: min(20), state: 'SuspendedEVSE' },
        { at: min(30), state: 'Charging' },
        { at: min(40), state: 'SuspendedEV' },
        { at: min(50), state: 'EVConnected' },
      ],
    )
    expect(s.parked.map((p) => [p.from - T0, p.to === null ? null : p.to - T0])).toEqual([
      [2_400_000, 3_000_000],
      [3_000_000, null],
    ])
  })
})
