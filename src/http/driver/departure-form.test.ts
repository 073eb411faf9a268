import { describe, expect, test } from 'bun:test'
import { departureFields, localDeparture, parseDepartureForm } from './departure-form'

const STOCKHOLM = 'Europe/Stockholm'
/** 2026-03-10 14:20 in Stockholm (UTC+1). */
const NOW = Date.parse('2026-03-10T13:20:00Z')

describe("the departure form (the site's time zone)", () => {
  test.each([
    ['in winter (UTC+1)', '2026-01-15T10:00:00Z', STOCKHOLM, '2026-01-16T06:30:00Z'],
    ['in summer (UTC+2)', '2026-07-15T10:00:00Z', STOCKHOLM, '2026-07-16T05:30:00Z'],
    ['the night the clocks go forward', '2026-03-28T12:00:00Z', STOCKHOLM, '2026-03-29T05:30:00Z'],
    [
      'late in the evening, when UTC is already tomorrow',
      '2026-01-15T23:30:00Z',
      'Asia/Tokyo',
      '2026-01-16T22:30:00Z',
    ],
  ])('tomorrow 07:30 at a site %s is 07:30 local time', (_, now, zone, utc) => {
    expect(localDeparture(Date.parse(now), 1, '07:30', zone)).toBe(Date.parse(utc))
  })

  test('the same form at a New York site means New York time', () => {
    expect(localDeparture(NOW, 1, '7.05', 'America/New_York')).toBe(Date.parse('2026-03-11T11:05:00Z'))
  })

  test.each(['', '7', '24:00', '12:60', 'noon', '07:3'])('"%s" is not a time', (time) => {
    expect(localDeparture(NOW, 0, time, STOCKHOLM)).toBeUndefined()
  })

  test('a departure shows as the day offset and local time it was set with, also across a clock change', () => {
    const at = localDeparture(NOW, 3, '06:45', STOCKHOLM)!
    expect(departureFields(NOW, at, STOCKHOLM)).toEqual({ day: '3', time: '06:45' })
    const spring = Date.parse('2026-03-28T12:00:00Z')
    const after = localDeparture(spring, 2, '23:15', STOCKHOLM)!
    expect(departureFields(spring, after, STOCKHOLM)).toEqual({ day: '2', time: '23:15' })
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
    expect(parseDepartureForm(values, NOW, STOCKHOLM)).toMatchObject(expected)
  })
})
