import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { ChargingProfile } from '@src/domain/charger/charging-profile'
import { eventually, protocolErrors, type SimHarness, startHarness, testEv } from '../sim-test-kit'

let h: SimHarness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.dispose())

const V201 = 'ocpp2.0.1'
const tx = (chargerId: string, wireId: string) =>
  h.node.deps.repos.transactions.findByWireId(chargerId, wireId)

describe('a 2.0.1 station obeys the CSMS', () => {
  test('F01/F03 - remote start and remote stop by command', async () => {
    const { cp, clock, events } = await h.charger('SIM201-C1', 2, V201)
    const start = await h.command('SIM201-C1', { type: 'remoteStart', idTag: h.token(1), evseId: 2 })
    expect(start.status).toBe('Accepted')
    await clock.advance(0)
    const started = await eventually('a started transaction', () =>
      events.find((e) => e.type === 'transactionStarted'),
    )
    if (started.type !== 'transactionStarted') throw new Error('unreachable')
    expect(started.connectorId).toBe(2)
    const again = await h.command('SIM201-C1', { type: 'remoteStart', idTag: h.token(1), evseId: 2 })
    expect(again.status).toBe('Rejected')
    await clock.advance(60_000)
    const row = await eventually('the row', () => tx('SIM201-C1', started.ocppTransactionId))
    expect(row.remoteStartId).toBe(start.data?.remoteStartId as number)
    expect((await h.command('SIM201-C1', { type: 'remoteStop', transactionId: row.id })).status).toBe(
      'Accepted',
    )
    await clock.advance(0)
    const ended = await eventually('the stop stored', async () => {
      const r = await tx('SIM201-C1', started.ocppTransactionId)
      return r?.endedAt ? r : undefined
    })
    expect(ended).toMatchObject({ stopReason: 'Remote', energyWh: 184 })
    const triggers = (await h.txEvents('SIM201-C1')).map((e) => e.triggerReason)
    expect(triggers[0]).toBe('RemoteStart')
    expect(triggers.at(-1)).toBe('RemoteStop')
    expect(cp.connector(2).status).toBe('Finishing')
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('K01 - SetChargingProfile by command: the reported current drops to the limit after the delay', async () => {
    const { cp, clock, events } = await h.charger('SIM201-C2', 1, V201)
    cp.plugIn(1, testEv({ maxCurrentA: 32 }))
    const s = await cp.startCharging(1, h.token(2))
    if (s.status !== 'Accepted') throw new Error('start refused')
    expect(cp.connector(1).currentA).toBe(32)
    const row = await eventually('the row', () => tx('SIM201-C2', s.ocppTransactionId))
    const profile: ChargingProfile = {
      id: 7,
      stackLevel: 0,
      purpose: 'TxProfile',
      kind: 'Relative',
      transactionId: row.id,
      schedule: { rateUnit: 'A', periods: [{ startPeriodS: 0, limit: 10 }] },
    }
    const set = await h.command('SIM201-C2', { type: 'setChargingProfile', evseId: 1, profile })
    expect(set.status).toBe('Accepted')
    await clock.advance(1000)
    expect(cp.connector(1).currentA).toBe(32) // not yet: real stations take a moment
    await clock.advance(59_000)
    const l1 = async () => {
      const rows = await h.node.deps.repos.transactions.meterValuesOf(row.id)
      const found = rows.filter(
        (m) => m.measurand === 'Current.Import' && m.phase === 'L1' && m.context === 'Sample.Periodic',
      )
      return found.length ? found.map((m) => m.value) : undefined
    }
    expect(await eventually('a periodic sample', l1)).toEqual([10])
    const composite = await h.command('SIM201-C2', {
      type: 'getCompositeSchedule',
      evseId: 1,
      durationS: 600,
    })
    expect(composite.data).toMatchObject({
      status: 'Accepted',
      schedule: { chargingSchedulePeriod: [{ limit: 10 }] },
    })
    const listed = await h.command('SIM201-C2', { type: 'getChargingProfiles', evseId: 1 })
    expect(listed.status).toBe('Accepted')
    await clock.advance(0)
    expect((await h.command('SIM201-C2', { type: 'clearChargingProfile', profileId: 7 })).status).toBe(
      'Accepted',
    )
    await clock.advance(2000)
    expect(cp.connector(1).currentA).toBe(32)
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('K01 - a station-wide profile in W is shared by the charging EVSEs', async () => {
    const { cp, clock } = await h.charger('SIM201-C3', 2, V201)
    for (const [k, token] of [
      [1, h.token(3)],
      [2, h.token(4)],
    ] as const) {
      cp.plugIn(k, testEv({ maxCurrentA: 32 }))
      expect((await cp.startCharging(k, token)).status).toBe('Accepted')
    }
    const profile: ChargingProfile = {
      id: 1,
      stackLevel: 0,
      purpose: 'ChargingStationMaxProfile',
      kind: 'Absolute',
      schedule: { rateUnit: 'W', startSchedule: clock.now(), periods: [{ startPeriodS: 0, limit: 22080 }] },
    }
    expect((await h.command('SIM201-C3', { type: 'setChargingProfile', evseId: 0, profile })).status).toBe(
      'Accepted',
    )
    await clock.advance(2000)
    expect([cp.connector(1).currentA, cp.connector(2).currentA]).toEqual([16, 16])
    await cp.stop()
  })
})
