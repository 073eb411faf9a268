import { describe, expect, test } from 'bun:test'
import { isTimeZone, localTime, zonedInstant } from './time-zone'

const at = (iso: string) => Date.parse(iso)
const local = (year: number, month: number, day: number, hour: number, minute: number) => ({
  year,
  month,
  day,
  hour,
  minute,
})

describe('site time zones', () => {
  test.each([
    ['Europe/Stockholm', true],
    ['America/New_York', true],
    ['UTC', true],
    ['Europe/Atlantis', false],
    ['', false],
    ['not a zone', false],
  ])('%p is a known zone: %p', (zone, known) => {
    expect(isTimeZone(zone)).toBe(known)
  })

  test.each([
    ['winter: Stockholm is UTC+1', local(2026, 1, 15, 7, 30), 'Europe/Stockholm', '2026-01-15T06:30:00Z'],
    ['summer: Stockholm is UTC+2', local(2026, 7, 15, 7, 30), 'Europe/Stockholm', '2026-07-15T05:30:00Z'],
    ['New York in winter is UTC-5', local(2026, 1, 15, 7, 30), 'America/New_York', '2026-01-15T12:30:00Z'],
    ['midnight on the 1st', local(2026, 3, 1, 0, 0), 'Europe/Stockholm', '2026-02-28T23:00:00Z'],
    ['a day that overflows the month', local(2026, 1, 32, 0, 0), 'Europe/Stockholm', '2026-01-31T23:00:00Z'],
    [
      'a time the clocks skip lands after the gap',
      local(2026, 3, 29, 2, 30),
      'Europe/Stockholm',
      '2026-03-29T01:30:00Z',
    ],
    [
      'a repeated time is its first occurrence',
      local(2026, 10, 25, 2, 30),
      'Europe/Stockholm',
      '2026-10-25T00:30:00Z',
    ],
  ])('%s', (_, wall, zone, utc) => {
    expect(zonedInstant(wall, zone)).toBe(at(utc))
  })

  test('localTime is the inverse of zonedInstant away from clock changes', () => {
    for (const zone of ['Europe/Stockholm', 'Asia/Kolkata', 'America/Los_Angeles']) {
      const wall = local(2026, 5, 9, 18, 45)
      expect(localTime(zonedInstant(wall, zone), zone)).toEqual(wall)
    }
  })
})
