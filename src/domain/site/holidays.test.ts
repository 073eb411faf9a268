import { describe, expect, test } from 'bun:test'
import { isLocalDate, normalizeHolidays, splitHolidays } from './holidays'

describe('a site holiday is a real local date', () => {
  test.each([
    ['2026-12-24', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['24.12.2026', false],
    ['2026-12-24T00:00', false],
    ['', false],
  ])('%p is %p', (text, ok) => {
    expect(isLocalDate(text)).toBe(ok)
  })
})

describe('a typed holiday list', () => {
  test.each([
    ['2026-12-24\n2026-12-25', ['2026-12-24', '2026-12-25']],
    ['2026-12-24, 2026-12-25;2026-12-31', ['2026-12-24', '2026-12-25', '2026-12-31']],
    ['  \n 2026-12-24 \r\n\n', ['2026-12-24']],
    ['', []],
  ])('%p splits into %p', (text, dates) => {
    expect(splitHolidays(text)).toEqual(dates)
  })

  test('is stored once per date, in date order', () => {
    expect(normalizeHolidays(['2026-12-25', '2026-01-01', '2026-12-25'])).toEqual([
      '2026-01-01',
      '2026-12-25',
    ])
  })
})
