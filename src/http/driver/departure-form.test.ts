import { describe, expect, test } from 'bun:test'
import { departureFields, localDeparture, parseDepartureForm } from './departure-form'

/** 2026-03-10 14:20 local time. */
const NOW = new Date(2026, 2, 10, 14, 20).getTime()

describe('the departure form (server time zone)', () => {
  test('a day offset and a time of day give a local time', () => {
    const at = new Date(localDeparture(NOW, 1, '07:30')!)
    expect([at.getDate(), at.getHours(), at.getMinutes()]).toEqual([11, 7, 30])
    expect(new Date(localDeparture(NOW, 0, '7.05')!).getHours()).toBe(7)
  })

  test.each(['', '7', '24:00', '12:60', 'noon', '07:3'])('"%s" is not a time', (time) => {
    expect(localDeparture(NOW, 0, time)).toBeUndefined()
  })

  test('a departure shows as the day offset and time it was set with', () => {
    const at = localDeparture(NOW, 3, '06:45')!
    expect(departureFields(NOW, at)).toEqual({ day: '3', time: '06:45' })
  })

  test.each([
    [
      { day: '1', time: '07:30', energyKwh: '20' },
      { ok: true, energyNeedWh: 20_000 },
    ],
    [
      { day: '1', time: '07:30', energyKwh: '' },
      { ok: true, energyNeedWh: null },
    ],
    [
      { day: '0', time: '18:00', energyKwh: '12,5' },
      { ok: true, energyNeedWh: 12_500 },
    ],
    [
      { day: '0', time: '09:00' },
      { ok: false, errors: { time: 'choose a time in the future' } },
    ],
    [
      { day: '7', time: '15:00' },
      { ok: false, errors: { time: 'at most 7 days ahead' } },
    ],
    [
      { day: '8', time: '07:00' },
      { ok: false, errors: { day: 'choose a day' } },
    ],
    [
      { day: 'x', time: 'soon', energyKwh: '0.2' },
      {
        ok: false,
        errors: { day: 'choose a day', time: 'enter a time like 07:30', energyKwh: 'enter 0.5 to 200 kWh' },
      },
    ],
    [
      { day: '1', time: '07:00', energyKwh: '201' },
      { ok: false, errors: { energyKwh: 'enter 0.5 to 200 kWh' } },
    ],
  ])('%o → %o', (values, expected) => {
    expect(parseDepartureForm(values, NOW)).toMatchObject(expected)
  })
})
