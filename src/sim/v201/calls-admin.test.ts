import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { eventually, protocolErrors, type SimHarness, startHarness, testEv } from '../sim-test-kit'

let h: SimHarness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.dispose())

const V201 = 'ocpp2.0.1'
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBsimulated\n-----END CERTIFICATE-----'
const kinds = async (id: string) => (await h.node.deps.repos.chargers.recentEvents(id, 50)).map((e) => e.kind)
const connectorStatus = async (id: string, evseId: number) =>
  (await h.node.deps.repos.chargers.connectorsOf(id)).find((r) => r.evseId === evseId)?.status

describe('2.0.1 reservations and local list', () => {
  test('H01/H02 - ReserveNow makes the EVSE Reserved for its token; it expires or is cancelled', async () => {
    const { cp, clock, events } = await h.charger('SIM201-R1', 2, V201)
    const reserve = await h.command('SIM201-R1', {
      type: 'reserveNow',
      evseId: 1,
      idTag: h.token(1),
      expiresAt: clock.now() + 600_000,
    })
    expect(reserve.status).toBe('Accepted')
    const reservationId = reserve.data?.reservationId as number
    await clock.advance(0)
    await eventually('Reserved', async () => (await connectorStatus('SIM201-R1', 1)) === 'Reserved')
    cp.plugIn(1, testEv())
    expect(await cp.startCharging(1, h.token(2))).toMatchObject({
      status: 'Rejected',
      reason: expect.stringMatching(/reserved/),
    })
    expect((await h.command('SIM201-R1', { type: 'cancelReservation', reservationId })).status).toBe(
      'Accepted',
    )
    const second = await h.command('SIM201-R1', {
      type: 'reserveNow',
      evseId: 2,
      idTag: h.token(1),
      expiresAt: clock.now() + 60_000,
    })
    expect(second.status).toBe('Accepted')
    await clock.advance(60_000)
    const expired = await eventually('expired', async () => {
      const row = await h.node.deps.repos.device.findReservation(second.data?.reservationId as number)
      return row?.status === 'Expired' ? row : undefined
    })
    expect(expired.evseId).toBe(2)
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('D01/C13 - SendLocalList; offline, a listed token starts; refused online later, it is deauthorized', async () => {
    const { cp, clock, events } = await h.charger('SIM201-R2', 1, V201)
    const sent = await h.command('SIM201-R2', {
      type: 'sendLocalList',
      version: 3,
      updateType: 'Full',
      entries: [{ idTag: 'LOCAL-1', status: 'Accepted' }],
    })
    expect(sent.status).toBe('Accepted')
    expect(await h.command('SIM201-R2', { type: 'getLocalListVersion' })).toMatchObject({
      data: { version: 3 },
    })
    const stale = await h.command('SIM201-R2', {
      type: 'sendLocalList',
      version: 2,
      updateType: 'Differential',
      entries: [{ idTag: 'LOCAL-2', status: 'Accepted' }],
    })
    expect(stale.status).toBe('VersionMismatch')
    await cp.dropConnection()
    await eventually('offline', () => !cp.online)
    cp.plugIn(1, testEv())
    const s = await cp.startCharging(1, 'LOCAL-1')
    if (s.status !== 'Accepted') throw new Error(`offline start refused: ${s.reason}`)
    await clock.advance(60_000)
    await eventually('reconnected', () => cp.online)
    // LOCAL-1 is only on the local list: the CSMS does not know it, so the transaction ends.
    const row = await eventually('deauthorized', async () => {
      const r = await h.node.deps.repos.transactions.findByWireId('SIM201-R2', s.ocppTransactionId)
      return r?.endedAt ? r : undefined
    })
    expect(row).toMatchObject({
      idTag: 'LOCAL-1',
      startStatus: 'Invalid',
      stopReason: 'DeAuthorized',
      energyWh: 184,
    })
    expect((await h.txEvents('SIM201-R2'))[0]).toMatchObject({ eventType: 'Started', offline: true })
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })
})

describe('2.0.1 certificates, logs and firmware', () => {
  test('M05/A02 - install, list and delete certificates; a signed certificate is accepted', async () => {
    const { cp, events } = await h.charger('SIM201-M1', 1, V201)
    const install = {
      type: 'installCertificate',
      certificate: PEM,
      certificateType: 'CentralSystemRootCertificate',
    } as const
    expect((await h.command('SIM201-M1', install)).status).toBe('Accepted')
    const ids = await h.command('SIM201-M1', { type: 'getInstalledCertificateIds' })
    const chain = ids.data?.certificateHashDataChain as {
      certificateType: string
      certificateHashData: never
    }[]
    expect(chain.map((c) => c.certificateType)).toEqual(['CSMSRootCertificate'])
    const del = await h.call('SIM201-M1', 'DeleteCertificate', {
      certificateHashData: chain[0]?.certificateHashData,
    })
    expect(del).toEqual({ status: 'Accepted' })
    expect(await h.call('SIM201-M1', 'GetInstalledCertificateIds', {})).toEqual({ status: 'NotFound' })
    expect((await h.command('SIM201-M1', { type: 'certificateSigned', certificateChain: PEM })).status).toBe(
      'Accepted',
    )
    expect(
      (await h.command('SIM201-M1', { type: 'certificateSigned', certificateChain: 'junk' })).status,
    ).toBe('Rejected')
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })

  test('N01/L01 - GetLog uploads and UpdateFirmware installs, with status notifications', async () => {
    const { cp, clock, events } = await h.charger('SIM201-M2', 1, V201)
    const log = await h.command('SIM201-M2', {
      type: 'getLog',
      logType: 'DiagnosticsLog',
      location: 'https://example.com/upload',
    })
    expect(log).toMatchObject({
      status: 'Accepted',
      data: { filename: expect.stringContaining('SIM201-M2') },
    })
    const firmware = {
      type: 'updateFirmware',
      location: 'https://example.com/fw.bin',
      retrieveAt: clock.now(),
    } as const
    expect((await h.command('SIM201-M2', firmware)).status).toBe('Accepted')
    await eventually('uploaded and installed', async () => {
      await clock.advance(500) // each step takes 2 s (simulated) after the CSMS answered the last
      const all = await kinds('SIM201-M2')
      return (
        all.filter((k) => k === 'FirmwareStatus').length === 4 &&
        all.filter((k) => k === 'LogStatus').length === 2
      )
    })
    expect(protocolErrors(events)).toEqual([])
    await cp.stop()
  })
})
