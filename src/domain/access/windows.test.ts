import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import type { AccessWindow } from './model'
import { compileWindows, insideWindows } from './windows'
import { wallTime } from './zone-time'

const ZONE = 'Europe/Stockholm'
const inside = (windows: AccessWindow[], iso: string) =>
  insideWindows(compileWindows(windows), wallTime(ZONE, Date.parse(iso)))
const evenings: AccessWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '18:00', to: '08:00' }]

/** Brute force: a fresh formatter per instant, weekday by name. */
function bruteInside(windows: AccessWindow[], instant: number): boolean {
  if (windows.length === 0) return true
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant))
  const get = (t: string) => parts.find((p) => p.type === t)!.value
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1
  const m = Number(get('hour')) * 60 + Number(get('minute'))
  const prev = day === 1 ? 7 : day - 1
  const mins = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3))
  return windows.some((w) => {
    const f = mins(w.from)
    const t = mins(w.to)
    if (t > f) return w.days.includes(day) && m >= f && m < t
    return (w.days.includes(day) && m >= f) || (w.days.includes(prev) && m < t)
  })
}

describe('weekly windows in an IANA zone', () => {
  test('a visitor window 18:00–08:00 is open at 07:59, closed at 08:00 and open again at 18:00 in Europe/Stockholm', () => {
    expect(inside(evenings, '2026-01-14T06:59:00Z')).toBe(true)
    expect(inside(evenings, '2026-01-14T07:00:00Z')).toBe(false)
    expect(inside(evenings, '2026-01-14T16:59:00Z')).toBe(false)
    expect(inside(evenings, '2026-01-14T17:00:00Z')).toBe(true)
  })

  test('in summer time the same wall-clock window starts an hour earlier in UTC', () => {
    expect(inside(evenings, '2026-07-14T15:59:00Z')).toBe(false)
    expect(inside(evenings, '2026-07-14T16:00:00Z')).toBe(true)
  })

  test('a window across midnight belongs to the day it starts: Friday 18:00–08:00 covers Saturday morning only', () => {
    const friday: AccessWindow[] = [{ days: [5], from: '18:00', to: '08:00' }]
    expect(inside(friday, '2026-01-17T06:00:00Z')).toBe(true) // Sat 07:00
    expect(inside(friday, '2026-01-16T06:00:00Z')).toBe(false) // Fri 07:00
    expect(inside(friday, '2026-01-18T06:00:00Z')).toBe(false) // Sun 07:00
  })

  test('a 02:00–03:00 window never opens on the March DST day and opens twice in October', () => {
    const night: AccessWindow[] = [{ days: [7], from: '02:00', to: '03:00' }]
    expect(inside(night, '2026-03-29T00:59:00Z')).toBe(false) // 01:59 CET
    expect(inside(night, '2026-03-29T01:00:00Z')).toBe(false) // 03:00 CEST
    expect(inside(night, '2026-10-25T00:30:00Z')).toBe(true) // 02:30 CEST
    expect(inside(night, '2026-10-25T01:30:00Z')).toBe(true) // 02:30 CET
    expect(inside(night, '2026-10-25T02:00:00Z')).toBe(false) // 03:00 CET
  })

  test('agrees with a brute-force formatter on random windows and minutes around both DST changes', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
    const win = fc.record({
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      from: hhmm,
      to: hhmm,
    })
    const around = (iso: string) =>
      fc.integer({ min: -3 * 1440, max: 3 * 1440 }).map((m) => Date.parse(iso) + m * 60_000)
    fc.assert(
      fc.property(
        fc.array(win, { maxLength: 3 }),
        fc.oneof(around('2026-03-29T01:00:00Z'), around('2026-10-25T01:00:00Z')),
        (ws, t) => {
          expect(insideWindows(compileWindows(ws), wallTime(ZONE, t))).toBe(bruteInside(ws, t))
        },
      ),
      { numRuns: 500 },
    )
  })
})
