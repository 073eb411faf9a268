import { describe, expect, test } from 'bun:test'
import type { MeterValueRow, TransactionRow } from '@src/db/repos/transactions'
import type { LiveSession } from '@src/domain/sessions/live-session'
import { FakeClock } from '@src/lib/fake-clock'
import { LiveSessions } from './live-sessions'

const tx = (over: Partial<TransactionRow> = {}) =>
  ({
    id: 7,
    organizationId: 'org-a',
    chargerId: 'CP-1',
    evseId: 1,
    idTag: 'CARD',
    startedAt: 1000,
    endedAt: null,
    energyWh: null,
    meterStartWh: 0,
    lastMeterWh: 2500,
    tariffId: null,
    tariffVersion: null,
    departureAt: null,
    ...over,
  }) as TransactionRow

const power = (kw: number, transactionId = 7) =>
  ({ transactionId, measurand: 'Power.Active.Import', unit: 'kW', value: kw, phase: null }) as MeterValueRow

function setup(actorView: LiveSession | undefined, samples: MeterValueRow[] = []) {
  const asked: number[] = []
  const live = new LiveSessions({
    clock: new FakeClock(5000),
    transactions: { recentMeterValuesOfCharger: async () => samples },
    costs: { costOf: async () => null },
    running: async (id) => {
      asked.push(id)
      return actorView
    },
  })
  return { live, asked }
}

describe('LiveSessions', () => {
  test("a session running on this node answers with its actor's view", async () => {
    const view = { transactionId: 7, powerW: 11_000, at: 4000 } as LiveSession
    const s = setup(view)
    expect(await s.live.of(tx())).toBe(view)
  })

  test('one no actor here runs is built from the stored transaction and its own latest power sample', async () => {
    const s = setup(undefined, [power(3, 8), power(7.4)])
    expect(await s.live.of(tx())).toMatchObject({
      transactionId: 7,
      energyWh: 2500,
      powerW: 7400,
      cost: null,
      state: 'running',
      at: 5000,
    })
  })

  test('an ended one never asks an actor, and has no power', async () => {
    const s = setup({ transactionId: 7 } as LiveSession, [power(7.4)])
    const view = await s.live.of(tx({ endedAt: 3000, energyWh: 2400 }))
    expect(s.asked).toEqual([])
    expect(view).toMatchObject({ state: 'ended', energyWh: 2400, powerW: null })
  })
})
