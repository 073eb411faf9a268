import { describe, expect, test } from 'bun:test'
import type { NumberedSlot } from './plain-csv'
import { checkSlots } from './slot-checks'

const at = (iso: string) => Date.parse(iso)
const slot = (line: number, from: string, minutes: number): NumberedSlot => ({
  from: at(from),
  to: at(from) + minutes * 60_000,
  pricePerKwh: '0.5',
  line,
})

describe('checkSlots', () => {
  test('quarters of a 15-minute series pass, across the autumn hour told apart by offset', () => {
    const slots = [
      slot(2, '2026-10-25T02:45+02:00', 15),
      slot(3, '2026-10-25T02:00+01:00', 15),
      slot(4, '2026-10-25T02:15+01:00', 15),
    ]
    expect(checkSlots(slots, 15)).toEqual([])
  })

  test('a slot of the wrong length, off the hour or repeated is named by its line', () => {
    const slots = [
      slot(2, '2026-11-02T00:00+01:00', 60),
      slot(3, '2026-11-02T01:00+01:00', 15),
      slot(4, '2026-11-02T01:30+01:00', 60),
      slot(5, '2026-11-02T00:00+01:00', 60),
    ]
    expect(checkSlots(slots, 60)).toEqual([
      { line: 3, message: 'a slot of this series is 60 minutes long' },
      { line: 4, message: 'a 60-minute slot starts on the hour' },
      { line: 5, message: 'the same slot as line 2' },
    ])
  })
})
