import { afterAll, beforeAll, expect, test } from 'bun:test'
import { OcppClient } from '@src/sim/ocpp-client'
import { startTestNode, type TestNode } from '@src/testing/node'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
})
afterAll(() => node.dispose())

const open = (identity: string) => OcppClient.connect({ url: node.ocppUrl, identity, protocols: ['ocpp1.6'] })

test('two first connections of one charger at once leave the newer one connected, not none', async () => {
  for (let i = 0; i < 5; i++) {
    const id = `RACE-${i}`
    const [a, b] = await Promise.all([open(id), open(id)])
    const first = await Promise.race([a.closed.then(() => a), b.closed.then(() => b)])
    const live = first === a ? b : a
    expect((await first.closed).code).toBe(4000)
    const boot = await live.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'R' })
    expect(boot.kind).toBe('result')
    expect(node.deps.gateway.link(id)).toBeDefined()
    await live.close()
  }
})
