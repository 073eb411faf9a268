import { describe, expect, test } from 'bun:test'
import { type ImportContext, planImport } from './csv-import'

const context: ImportContext = {
  organizationId: 'brf-eken',
  groups: new Map([['residents', 'g-res']]),
  tokens: new Map([
    ['OURS1', { organizationId: 'brf-eken' }],
    ['THEIRS1', { organizationId: 'brf-björk' }],
  ]),
  driversByEmail: new Map([['known@example.se', 'd-1']]),
}
const header = ['apartment', 'parking_space', 'name', 'email', 'phone', 'token_uid', 'token_type', 'group']
const plan = (...rows: string[][]) => planImport([header, ...rows], context)

describe('planImport', () => {
  test('plans a new driver with a new token in a known group', () => {
    const result = plan(['1101', 'P1', 'Åsa Berg', 'asa@example.se', '+46701234567', 'AA01', '', 'Residents'])
    expect(result).toEqual({
      ok: true,
      errors: [],
      rows: [
        {
          line: 2,
          name: 'Åsa Berg',
          email: 'asa@example.se',
          phone: '+46701234567',
          apartment: '1101',
          parkingSpace: 'P1',
          token: { uid: 'AA01', type: 'RFID', action: 'create' },
          groupId: 'g-res',
          driver: { action: 'create' },
        },
      ],
    })
  })

  test('updates a driver found by email and a token the organization already owns', () => {
    const result = plan(['', '', 'Known', 'KNOWN@example.se', '', 'OURS1', 'ISO14443', ''])
    expect(result.ok && result.rows[0]?.driver).toEqual({ action: 'update', id: 'd-1' })
    expect(result.ok && result.rows[0]?.token).toEqual({ uid: 'OURS1', type: 'ISO14443', action: 'update' })
  })

  const refusals: [string, string[], string][] = [
    ['a bad email', ['', '', 'A', 'a@', '', '', '', ''], 'email: Enter an email like name@example.se.'],
    ['a missing name', ['', '', '', '', '', '', '', ''], 'name: Enter a name.'],
    [
      'an unknown group',
      ['', '', 'A', '', '', '', '', 'visitors'],
      'group: there is no group called visitors.',
    ],
    [
      'a token of another organization',
      ['', '', 'A', '', '', 'THEIRS1', '', ''],
      'token_uid: THEIRS1 belongs to another organization.',
    ],
    [
      'an unknown token type',
      ['', '', 'A', '', '', 'X1', 'Barcode', ''],
      'token_type: Barcode is not a token type.',
    ],
  ]
  for (const [name, row, message] of refusals) {
    test(`reports ${name} on its line`, () => {
      expect(plan(row)).toEqual({ ok: true, rows: [], errors: [{ line: 2, errors: [message] }] })
    })
  }

  test('reports a token listed twice on the second line', () => {
    const result = plan(['', '', 'A', '', '', 'DUP', '', ''], ['', '', 'B', '', '', 'DUP', '', ''])
    expect(result.ok && result.errors).toEqual([{ line: 3, errors: ['token_uid: DUP is also on line 2.'] }])
  })

  test('refuses a file with an unknown column', () => {
    expect(planImport([['name', 'shoe_size']], context)).toEqual({
      ok: false,
      error: 'Unknown columns: shoe_size.',
    })
  })

  test('refuses a header without a name column', () => {
    expect(planImport([['email']], context)).toEqual({
      ok: false,
      error: 'The header row needs a name column.',
    })
  })
})
