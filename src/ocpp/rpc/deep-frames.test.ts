import { afterAll, beforeAll, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode({ CSMS_OCPP_MAX_FRAME_BYTES: String(4 * 1024 * 1024) })
})
afterAll(() => node.dispose())

const boots = {
  'ocpp1.6': { chargePointVendor: 'A', chargePointModel: 'B' },
  'ocpp2.0.1': { chargingStation: { vendorName: 'A', model: 'B' }, reason: 'PowerUp' },
}
const spelling = { 'ocpp1.6': 'FormationViolation', 'ocpp2.0.1': 'FormatViolation' }

for (const protocol of ['ocpp1.6', 'ocpp2.0.1'] as const) {
  test(`${protocol}: a DataTransfer nested 100,000 levels deep is refused with ${spelling[protocol]}, reaches no actor, and the connection carries on`, async () => {
    const identity = `DEEP-${protocol.slice(4)}`
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity, protocols: [protocol] })
    await cp.call('BootNotification', boots[protocol])
    const levels = 100_000
    const data = `${'{"customData":'.repeat(levels)}{}${'}'.repeat(levels)}`
    cp.sendRaw(`[2,"deep-1","DataTransfer",{"vendorId":"com.acme","data":${data}}]`)
    const refused = await cp.waitFrame((f) => f[1] === 'deep-1')
    expect(refused).toEqual([4, 'deep-1', spelling[protocol], 'frame nested deeper than 64 levels', {}])
    const answer = await cp.call('DataTransfer', { vendorId: 'com.acme', messageId: 'after' })
    expect(answer.kind).toBe('result')
    const events = await node.deps.repos.chargers.recentEvents(identity, 10)
    expect(events.filter((e) => e.kind === 'DataTransfer').map((e) => e.payload)).toEqual([
      expect.objectContaining({ vendorId: 'com.acme', messageId: 'after' }),
    ])
    await cp.close()
  })
}
