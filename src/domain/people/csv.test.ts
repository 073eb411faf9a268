import { describe, expect, test } from 'bun:test'
import { csvCell, MAX_CSV_BYTES, parseCsv, toCsv } from './csv'

describe('parseCsv', () => {
  const cases: [string, string, string[][]][] = [
    [
      'simple comma rows',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a BOM before the header',
      '\uFEFFa,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'semicolons from Swedish Excel',
      'namn;e-post\nÅsa;asa@example.se',
      [
        ['namn', 'e-post'],
        ['Åsa', 'asa@example.se'],
      ],
    ],
    [
      'commas inside quotes',
      'a,b\n"Berg, Åsa",2',
      [
        ['a', 'b'],
        ['Berg, Åsa', '2'],
      ],
    ],
    ['doubled quotes', 'a\n"say ""hi"""', [['a'], ['say "hi"']]],
    [
      'line breaks inside quotes',
      'a,b\n"x\r\ny",2',
      [
        ['a', 'b'],
        ['x\r\ny', '2'],
      ],
    ],
    ['blank lines skipped', 'a\n\n1\n\n', [['a'], ['1']]],
    [
      'empty cells kept',
      'a,b,c\n,,',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
  ]
  for (const [name, input, rows] of cases) {
    test(`reads ${name}`, () => {
      expect(parseCsv(input)).toEqual({ ok: true, rows })
    })
  }

  test('refuses an unclosed quote with a message', () => {
    const result = parseCsv('a,b\n"open,2\n')
    expect(result.ok).toBe(false)
  })

  test('refuses a file over the size limit', () => {
    const result = parseCsv('a'.repeat(MAX_CSV_BYTES + 1))
    expect(result).toEqual({ ok: false, error: 'The file is larger than 512 KB.' })
  })
})

describe('csv export', () => {
  const cells: [string, string][] = [
    ['plain', 'plain'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+46701234567', "'+46701234567"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
  ]
  for (const [value, written] of cells) {
    test(`writes ${JSON.stringify(value)} as ${written}`, () => {
      expect(csvCell(value)).toBe(written)
    })
  }

  test('round-trips through the parser with a header row', () => {
    const rows = [
      ['name', 'email'],
      ['Berg, Åsa', 'asa@example.se'],
    ]
    expect(parseCsv(toCsv(rows))).toEqual({ ok: true, rows })
  })
})
