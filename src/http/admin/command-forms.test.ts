import { describe, expect, test } from 'bun:test'
import { chargerCommandSchema } from '@src/domain/charger/command-schema'
import type { ChargerCommand } from '@src/domain/charger/commands'
import { sampleForms } from '@src/testing/commands'
import { commandLabels, formToCommand } from './command-forms'

const now = Date.UTC(2026, 5, 1, 12)

describe('command forms', () => {
  for (const [type, fields] of Object.entries(sampleForms)) {
    test(`the ${commandLabels[type as ChargerCommand['type']]} form makes a valid ${type} command`, () => {
      const raw = formToCommand({ type, ...fields }, now)
      if (type === 'sendLocalList') raw.entries = []
      const parsed = chargerCommandSchema.safeParse(raw)
      expect(parsed.error?.issues ?? []).toEqual([])
      expect(parsed.data?.type).toBe(type as ChargerCommand['type'])
    })
  }

  test('minutes become times and durations', () => {
    expect(formToCommand({ type: 'reserveNow', idTag: 'A', expiresInMinutes: '30' }, now)).toMatchObject({
      expiresAt: now + 30 * 60_000,
    })
    expect(
      formToCommand({ type: 'getCompositeSchedule', evseId: '1', durationMinutes: '15' }, now),
    ).toMatchObject({ durationS: 900 })
  })

  test('a bad field is caught by the schema with a message naming it', () => {
    const parsed = chargerCommandSchema.safeParse(
      formToCommand(
        { type: 'setChargingProfile', evseId: '1', purpose: 'TxDefaultProfile', limit: '-5' },
        now,
      ),
    )
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path.join('.')).toContain('limit')
  })
})
