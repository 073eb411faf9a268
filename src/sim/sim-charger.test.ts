import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eventually, protocolErrors, type SimHarness, startHarness, testEv } from './sim-test-kit'

let h: SimHarness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.dispose())

describe('SimCharger sessions against a node', () => {
  test('a full session: boot, status, authorize, start, meter values, stop, stored with the physics energy', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-01')
    expect(cp.plugIn(1, testEv())).toBe(true)
    const started = await cp.startCharging(1, h.token(1))
    if (started.status !== 'Accepted') throw new Error(`start refused: ${started.reason}`)
    const txId = started.transactionId
    await clock.advance(60_000)
    await clock.advance(60_000)
    await eventually('two periodic samples', async () => (await h.energySamples(txId)).length >= 3)
    await cp.stopCharging(1, h.token(1))
    await cp.unplug(1)

    const tx = await h.node.deps.repos.transactions.find(txId)
    const expectedWh = (16 * 230 * 3 * 120) / 3600 // 368 Wh: 11.04 kW for two minutes
    expect(tx).toMatchObject({ chargerId: 'SIM-IT-01', idTag: h.token(1), meterStartWh: 0 })
    expect(tx).toMatchObject({ meterStopWh: expectedWh, energyWh: expectedWh, stopReason: 'Local' })
    const energy = await h.energySamples(txId)
    expect(energy.filter((m) => m.context === 'Sample.Periodic').map((m) => m.value)).toEqual([184, 368])
    expect(new Set(energy.map((m) => m.context))).toEqual(
      new Set(['Transaction.Begin', 'Sample.Periodic', 'Transaction.End']),
    )
    const values = await h.node.deps.repos.transactions.meterValuesOf(txId)
    expect(values.filter((m) => m.measurand === 'Current.Import').map((m) => m.phase)).toContain('L3')
    expect(values.find((m) => m.measurand === 'SoC')).toMatchObject({ location: 'EV', unit: 'Percent' })
    const statuses = events.flatMap((e) =>
      e.type === 'statusChanged' && e.connectorId === 1 ? [e.status] : [],
    )
    expect(statuses).toEqual(['Available', 'Preparing', 'Charging', 'Finishing', 'Available'])
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('the energy register only grows across sessions', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-02')
    const registers: number[] = []
    for (let i = 0; i < 2; i++) {
      cp.plugIn(1, testEv())
      const s = await cp.startCharging(1, h.token(2))
      if (s.status !== 'Accepted') throw new Error('start refused')
      await clock.advance(30 * 60_000)
      await cp.unplug(1)
      const tx = await h.node.deps.repos.transactions.find(s.transactionId)
      registers.push(tx?.meterStartWh ?? -1, tx?.meterStopWh ?? -1)
      expect(tx?.stopReason).toBe('EVDisconnected')
    }
    expect(registers).toEqual([0, 5520, 5520, 11040])
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('an EV that gets full is SuspendedEV and draws nothing', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-08')
    cp.plugIn(1, testEv({ capacityKWh: 10, soc: 0.7, targetSoc: 0.8 }))
    expect((await cp.startCharging(1, h.token(8))).status).toBe('Accepted')
    await clock.advance(30 * 60_000)
    await eventually('SuspendedEV', () =>
      events.some((e) => e.type === 'statusChanged' && e.status === 'SuspendedEV'),
    )
    expect(cp.connector(1)).toMatchObject({ currentA: 0, status: 'SuspendedEV' })
    expect(cp.connector(1).registerWh).toBeCloseTo(1000, 6)
    await cp.stop()
  })
})

describe('SimCharger smart charging', () => {
  const txProfile = (limit: number) => ({
    chargingProfileId: 7,
    stackLevel: 0,
    chargingProfilePurpose: 'TxProfile',
    chargingProfileKind: 'Relative',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit }] },
  })

  test('SetChargingProfile: the reported current drops to the limit after the apply delay', async () => {
    const { cp, clock, events } = await h.charger('SIM-IT-03')
    cp.plugIn(1, testEv({ maxCurrentA: 32 }))
    const s = await cp.startCharging(1, h.token(3))
    if (s.status !== 'Accepted') throw new Error('start refused')
    expect(cp.connector(1).currentA).toBe(32)
    const set = await h.call('SIM-IT-03', 'SetChargingProfile', {
      connectorId: 1,
      csChargingProfiles: txProfile(10),
    })
    expect(set).toEqual({ status: 'Accepted' })
    await clock.advance(1000)
    expect(cp.connector(1).currentA).toBe(32) // not yet: real chargers take a moment
    await clock.advance(59_000)
    const reported = async () => {
      const rows = await h.node.deps.repos.transactions.meterValuesOf(s.transactionId)
      const l1 = rows.filter(
        (m) => m.measurand === 'Current.Import' && m.phase === 'L1' && m.context === 'Sample.Periodic',
      )
      return l1.length ? l1.map((m) => m.value) : undefined
    }
    expect(await eventually('a periodic sample', reported)).toEqual([10])
    const composite = await h.call('SIM-IT-03', 'GetCompositeSchedule', { connectorId: 1, duration: 600 })
    expect(composite).toMatchObject({
      status: 'Accepted',
      chargingSchedule: { chargingSchedulePeriod: [{ limit: 10 }] },
    })
    expect(await h.call('SIM-IT-03', 'ClearChargingProfile', { id: 7 })).toEqual({ status: 'Accepted' })
    await clock.advance(2000)
    expect(cp.connector(1).currentA).toBe(32)
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('a TxProfile without a transaction is rejected', async () => {
    const { cp } = await h.charger('SIM-IT-09')
    const set = await h.call('SIM-IT-09', 'SetChargingProfile', {
      connectorId: 1,
      csChargingProfiles: txProfile(10),
    })
    expect(set).toEqual({ status: 'Rejected' })
    await cp.stop()
  })

  test('a ChargePointMaxProfile in W is shared by the charging connectors', async () => {
    const { cp, clock } = await h.charger('SIM-IT-04', 2)
    for (const [k, token] of [
      [1, h.token(4)],
      [2, h.token(10)], // one token charges at one connector at a time (ConcurrentTx)
    ] as const) {
      cp.plugIn(k, testEv({ maxCurrentA: 32 }))
      expect((await cp.startCharging(k, token)).status).toBe('Accepted')
    }
    const startSchedule = new Date(clock.now()).toISOString()
    const profile = {
      chargingProfileId: 1,
      stackLevel: 0,
      chargingProfilePurpose: 'ChargePointMaxProfile',
      chargingProfileKind: 'Absolute',
      chargingSchedule: {
        chargingRateUnit: 'W',
        startSchedule,
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 22080 }],
      },
    }
    const set = await h.call('SIM-IT-04', 'SetChargingProfile', {
      connectorId: 0,
      csChargingProfiles: profile,
    })
    expect(set).toEqual({ status: 'Accepted' })
    await clock.advance(2000)
    expect([cp.connector(1).currentA, cp.connector(2).currentA]).toEqual([16, 16])
    await cp.stop()
  })
})
