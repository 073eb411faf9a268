import { describe, expect, test } from 'bun:test'
import { parsePlainCsv } from './plain-csv'

describe('parsePlainCsv', () => {
  test('reads hourly slots in SEK/MWh as exact per-kWh prices', () => {
    const result = parsePlainCsv(
      'start,end,price\n2026-11-02T00:00+01:00,2026-11-02T01:00+01:00,873.14\n',
      'MWh',
    )
    expect(result).toEqual({
      ok: true,
      slots: [
        {
          from: Date.parse('2026-11-01T23:00Z'),
          to: Date.parse('2026-11-02T00:00Z'),
          pricePerKwh: '0.87314',
          line: 2,
        },
      ],
    })
  })

  test('the repeated autumn hour is two slots, told apart by offset', () => {
    const csv = [
      'start,end,price',
      '2026-10-25T02:00+02:00,2026-10-25T02:00+01:00,0.50',
      '2026-10-25T02:00+01:00,2026-10-25T03:00+01:00,0.60',
    ].join('\n')
    const result = parsePlainCsv(csv, 'kWh')
    expect(result.ok && result.slots.map((s) => [s.to - s.from, s.pricePerKwh])).toEqual([
      [3_600_000, '0.5'],
      [3_600_000, '0.6'],
    ])
  })

  test('quarter-hour slots are accepted', () => {
    const result = parsePlainCsv('start,end,price\n2026-11-02T00:00Z,2026-11-02T00:15Z,1.2', 'kWh')
    expect(result.ok && result.slots.length).toBe(1)
  })

  test('every bad row is named by line and no slot is returned', () => {
    const csv = [
      'start,end,price',
      '2026-11-02T00:00+01:00,2026-11-02T01:00+01:00,873.14',
      '2026-11-02 01:00,2026-11-02T02:00+01:00,1',
      '2026-11-02T02:00+01:00,2026-11-02T04:00+01:00,1',
      '2026-11-02T04:00+01:00,2026-11-02T05:00+01:00,cheap',
      'only,two',
    ].join('\n')
    const result = parsePlainCsv(csv, 'MWh')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6])
  })
})
