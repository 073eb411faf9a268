import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eventually, protocolErrors, type SimHarness, startHarness, testEv } from '../sim-test-kit'

let h: SimHarness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.dispose())

const V201 = 'ocpp2.0.1'

describe('a 2.0.1 station against a node', () => {
  test('E02/E06 - a full session: boot, status, authorize, TransactionEvent Started/Updated/Ended', async () => {
    const { cp, clock, events } = await h.charger('SIM201-01', 1, V201)
    expect(cp.protocol).toBe(V201)
    expect(cp.plugIn(1, testEv())).toBe(true)
    const started = await cp.startCharging(1, h.token(1))
    if (started.status !== 'Accepted') throw new Error(`start refused: ${started.reason}`)
    expect(started.ocppTransactionId).toMatch(/^[0-9a-f-]{36}$/)
    await clock.advance(60_000)
    await clock.advance(60_000)
    await cp.stopCharging(1, h.token(1))
    await cp.unplug(1)

    const tx = await h.node.deps.repos.transactions.findByWireId('SIM201-01', started.ocppTransactionId)
    const expectedWh = (16 * 230 * 3 * 120) / 3600 // 368 Wh: 11.04 kW for two minutes
    expect(tx).toMatchObject({ chargerId: 'SIM201-01', idTag: h.token(1), evseId: 1 })
    expect(tx).toMatchObject({
      meterStartWh: 0,
      meterStopWh: expectedWh,
      energyWh: expectedWh,
      stopReason: 'Local',
      chargingState: 'EVConnected', // the car stayed plugged in after the stop
    })
    const energy = await h.energySamples(tx?.id ?? -1)
    expect(energy.filter((m) => m.context === 'Sample.Periodic').map((m) => m.value)).toEqual([184, 368])
    const values = await h.node.deps.repos.transactions.meterValuesOf(tx?.id ?? -1)
    expect(values.find((m) => m.measurand === 'SoC')).toMatchObject({ location: 'EV', unit: 'Percent' })
    expect(values.filter((m) => m.measurand === 'Current.Import').map((m) => m.phase)).toContain('L3')
    const sent = (await h.txEvents('SIM201-01')).map((e) => `${e.seqNo} ${e.eventType} ${e.triggerReason}`)
    expect(sent).toEqual([
      '0 Started Authorized',
      '1 Updated ChargingStateChanged',
      '2 Updated MeterValuePeriodic',
      '3 Updated MeterValuePeriodic',
      '4 Ended StopAuthorized',
    ])
    await eventually('Available again', async () => {
      const connectors = await h.node.deps.repos.chargers.connectorsOf('SIM201-01')
      return connectors.find((r) => r.evseId === 1)?.status === 'Available'
    })
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('E06 - unplugging ends the transaction with EVDisconnected', async () => {
    const { cp, clock, events } = await h.charger('SIM201-02', 1, V201)
    cp.plugIn(1, testEv())
    const s = await cp.startCharging(1, h.token(2))
    if (s.status !== 'Accepted') throw new Error('start refused')
    await clock.advance(30 * 60_000)
    await cp.unplug(1)
    const tx = await h.node.deps.repos.transactions.findByWireId('SIM201-02', s.ocppTransactionId)
    expect(tx).toMatchObject({ energyWh: 5520, stopReason: 'EVDisconnected' })
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('K15 - a car that knows its departure and energy need sends NotifyEVChargingNeeds', async () => {
    const { cp, clock, events } = await h.charger('SIM201-03', 2, V201)
    const departureAt = clock.now() + 3 * 3600_000
    cp.plugIn(2, testEv({ maxCurrentA: 16 }), { departureAt, energyNeededWh: 24_000 })
    await eventually('the needs answered', () => events.some((e) => e.type === 'needsNotified'))
    const [needs] = await eventually('the needs stored', async () => {
      const rows = await h.node.deps.repos.device.needsOf('SIM201-03')
      return rows.length ? rows : undefined
    })
    expect(needs).toMatchObject({ evseId: 2, departureAt, energyWh: 24_000, minCurrentA: 6, maxCurrentA: 16 })
    expect(needs?.transferMode).toBe('AC_three_phase')
    expect(events.find((e) => e.type === 'needsNotified')).toMatchObject({ status: 'Accepted' })
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('E04 - events queued while offline arrive in order with offline: true, and the energy is right', async () => {
    const { cp, clock, events } = await h.charger('SIM201-04', 1, V201)
    cp.plugIn(1, testEv())
    const s = await cp.startCharging(1, h.token(4))
    if (s.status !== 'Accepted') throw new Error('start refused')
    await clock.advance(60_000)
    await cp.dropConnection()
    await eventually('offline', () => !cp.online)
    await clock.advance(60_000) // a periodic sample while offline (the reconnect waits 2.5-7.5 s more)
    const stopping = cp.stopCharging(1)
    await clock.advance(10_000)
    await eventually('reconnected', () => cp.online)
    await stopping
    const tx = await eventually('the stop stored', async () => {
      const row = await h.node.deps.repos.transactions.findByWireId('SIM201-04', s.ocppTransactionId)
      return row?.endedAt ? row : undefined
    })
    expect(tx).toMatchObject({ energyWh: 368, stopReason: 'Local' })
    const sent = await h.txEvents('SIM201-04')
    expect(sent.map((e) => [e.seqNo, e.eventType, e.offline])).toEqual([
      [0, 'Started', false],
      [1, 'Updated', false],
      [2, 'Updated', false],
      [3, 'Updated', true],
      [4, 'Ended', true],
    ])
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('C01 - a refused card starts nothing; seqNo counts on across the transactions of a station', async () => {
    const { repos, writer } = h.node.deps
    await writer.write([
      repos.tokens.upsert('SIM201-BLOCKED', { type: 'ISO14443', status: 'Blocked' }, Date.now()),
    ])
    const { cp, events } = await h.charger('SIM201-05', 2, V201)
    cp.plugIn(1, testEv())
    expect(await cp.startCharging(1, 'SIM201-BLOCKED')).toEqual({ status: 'Rejected', reason: 'Blocked' })
    expect(events.find((e) => e.type === 'authorizationRejected')).toMatchObject({ status: 'Blocked' })
    cp.plugIn(2, testEv())
    for (const k of [1, 2]) {
      const s = await cp.startCharging(k, h.token(5))
      expect(s.status).toBe('Accepted')
      await cp.unplug(k)
    }
    const sent = await h.txEvents('SIM201-05')
    expect(sent.map((e) => e.seqNo)).toEqual([0, 1, 2, 3, 4, 5])
    expect(new Set(sent.map((e) => e.ocppTxId)).size).toBe(2)
    expect(await repos.transactions.openOf('SIM201-05')).toEqual([])
    await cp.stop()
  })

  test('E02 - TxStartPoint EVConnected: the transaction starts at plug-in, the card then authorises it', async () => {
    const { cp, clock, events } = await h.charger('SIM201-06', 1, V201)
    const point = {
      component: { name: 'TxCtrlr' },
      variable: { name: 'TxStartPoint' },
      attributeValue: 'EVConnected',
    }
    expect(await h.call('SIM201-06', 'SetVariables', { setVariableData: [point] })).toMatchObject({
      setVariableResult: [{ attributeStatus: 'Accepted' }],
    })
    cp.plugIn(1, testEv())
    await clock.advance(60_000) // no driver yet: nothing flows
    expect(cp.connector(1)).toMatchObject({ currentA: 0, status: 'Preparing' })
    const s = await cp.startCharging(1, h.token(6))
    if (s.status !== 'Accepted') throw new Error('start refused')
    await clock.advance(60_000)
    await cp.unplug(1)
    const row = await h.node.deps.repos.transactions.findByWireId('SIM201-06', s.ocppTransactionId)
    expect(row).toMatchObject({ idTag: h.token(6), energyWh: 184, stopReason: 'EVDisconnected' })
    expect((await h.txEvents('SIM201-06')).map((e) => e.triggerReason)).toEqual([
      'CablePluggedIn',
      'Authorized',
      'ChargingStateChanged',
      'MeterValuePeriodic',
      'EVCommunicationLost',
    ])
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })
})
