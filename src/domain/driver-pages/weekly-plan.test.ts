import { describe, expect, test } from 'bun:test'
import { isoWeekday, parsePlanForm, plannedDeparture, WEEKDAYS } from './weekly-plan'

const STOCKHOLM = 'Europe/Stockholm'
const weekdays = { days: WEEKDAYS, time: '07:15', energyNeedWh: null }

describe('the departure a weekly plan gives a new session', () => {
  test.each([
    ['Monday evening: Tuesday morning', '2026-03-09T17:00:00Z', '2026-03-10T06:15:00Z'],
    ['Friday evening: Monday morning', '2026-03-13T17:00:00Z', '2026-03-16T06:15:00Z'],
    ['Tuesday 06:00, before the time: the same morning', '2026-03-10T05:00:00Z', '2026-03-10T06:15:00Z'],
    ['Tuesday 07:00, under half an hour before: Wednesday', '2026-03-10T06:00:00Z', '2026-03-11T06:15:00Z'],
    ['in summer (UTC+2): 07:15 is 05:15 UTC', '2026-07-06T17:00:00Z', '2026-07-07T05:15:00Z'],
    [
      'across the spring clock change: Monday 07:15 summer time',
      '2026-03-27T17:00:00Z',
      '2026-03-30T05:15:00Z',
    ],
  ])('"weekdays 07:15", plugged in %s', (_, start, expected) => {
    expect(plannedDeparture(weekdays, Date.parse(start), STOCKHOLM)).toBe(Date.parse(expected))
  })

  test('the plan is read in the site’s zone: a New York site leaves 07:15 New York time', () => {
    const at = plannedDeparture(weekdays, Date.parse('2026-03-10T00:00:00Z'), 'America/New_York')
    expect(at).toBe(Date.parse('2026-03-10T11:15:00Z'))
  })

  test('a plan of one day: a week later when within the seven days allowed, else none', () => {
    const sundays = { days: [7], time: '10:00', energyNeedWh: null }
    const start = Date.parse('2026-03-08T09:10:00Z') // Sunday 10:10 in Stockholm
    expect(plannedDeparture(sundays, start, STOCKHOLM)).toBe(Date.parse('2026-03-15T09:00:00Z'))
    const underTheLead = Date.parse('2026-03-08T09:00:00Z') - 60_000 // 09:59: a week and a minute
    expect(plannedDeparture(sundays, underTheLead, STOCKHOLM)).toBeUndefined()
  })

  test('no days or no time: no departure', () => {
    expect(plannedDeparture({ ...weekdays, days: [] }, 0, STOCKHOLM)).toBeUndefined()
    expect(plannedDeparture({ ...weekdays, time: 'noon' }, 0, STOCKHOLM)).toBeUndefined()
  })

  test('ISO weekdays: 2026-03-09 is a Monday, 2026-03-15 a Sunday', () => {
    expect(isoWeekday(2026, 3, 9)).toBe(1)
    expect(isoWeekday(2026, 3, 15)).toBe(7)
  })
})

describe('the weekly plan form', () => {
  test.each([
    [
      { days: ['1', '2', '3', '4', '5'], time: '7.15', energyKwh: '' },
      { ok: true, plan: weekdays },
    ],
    [
      { days: ['6', '6', '7'], time: '09:00', energyKwh: '12,5' },
      { ok: true, plan: { days: [6, 7], time: '09:00', energyNeedWh: 12_500 } },
    ],
    [
      { days: [], time: '07:00', energyKwh: '' },
      { ok: false, errors: { days: 'planDays' } },
    ],
    [
      { days: ['8'], time: '24:00', energyKwh: '0.1' },
      { ok: false, errors: { days: 'planDays', time: 'planTime', energyKwh: 'planEnergy' } },
    ],
    [
      { days: ['1'], time: '07:00', energyKwh: 'lots' },
      { ok: false, errors: { energyKwh: 'planEnergy' } },
    ],
  ])('%o → %o', (values, expected) => {
    expect(parsePlanForm(values)).toEqual(expected as never)
  })
})
