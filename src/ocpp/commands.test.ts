import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { ChargerCommand } from '@src/domain/charger/commands'
import { OcppClient } from '@src/sim/ocpp-client'
import { allCommandSamples, answers16, answers201, expectedStatus } from '@src/testing/commands'
import { startTestNode, type TestNode } from '@src/testing/node'
import { expectConforms, official } from './oracle'

let node: TestNode
beforeAll(async () => {
  node = await startTestNode()
  // Both chargers' transactions and the remote starts use RFID-1: a remote start is decided like a
  // start, so the token may charge several cars at once (else ConcurrentTx refuses it unsent).
  await node.deps.writer.write([
    node.deps.repos.tokens.upsert(
      'RFID-1',
      { type: 'RFID', status: 'Accepted', allowConcurrentTx: true },
      Date.now(),
    ),
  ])
})
afterAll(() => node.dispose())

const KEY = 'test-api-key-0123456789'

async function postCommand(chargerId: string, command: ChargerCommand) {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1/chargers/${chargerId}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(command),
    }),
  )
  return {
    status: res.status,
    body: (await res.json()) as { status: string; detail?: string; data?: Record<string, unknown> },
  }
}

/** Starts a transaction the protocol's way, so remoteStop has something to stop. */
async function startTx(cp: OcppClient, version: '1.6' | '2.0.1', chargerId: string): Promise<number> {
  const ts = new Date().toISOString()
  if (version === '1.6') {
    const r = await cp.call('StartTransaction', {
      connectorId: 1,
      idTag: 'RFID-1',
      meterStart: 0,
      timestamp: ts,
    })
    return r.kind === 'result' ? (r.payload.transactionId as number) : -1
  }
  await cp.call('TransactionEvent', {
    eventType: 'Started',
    timestamp: ts,
    triggerReason: 'Authorized',
    seqNo: 1,
    transactionInfo: { transactionId: 'REMOTE-STOP-ME' },
    idToken: { idToken: 'RFID-1', type: 'ISO14443' },
    evse: { id: 1, connectorId: 1 },
  })
  return (await node.deps.repos.transactions.findByWireId(chargerId, 'REMOTE-STOP-ME'))!.id
}

const versions = [
  {
    version: '1.6' as const,
    protocol: 'ocpp1.6',
    answers: answers16,
    boot: { chargePointVendor: 'ACME', chargePointModel: 'M' },
  },
  {
    version: '2.0.1' as const,
    protocol: 'ocpp2.0.1',
    answers: answers201,
    boot: { chargingStation: { vendorName: 'ACME', model: 'M' }, reason: 'PowerUp' },
  },
]

for (const v of versions) {
  describe.skipIf(!official)(`OCPP ${v.version}: every operator command through the REST API`, () => {
    const chargerId = `CMD-${v.version}`
    const received: [string, Record<string, unknown>][] = []
    let cp: OcppClient
    let txId: number

    beforeAll(async () => {
      cp = await OcppClient.connect({
        url: node.ocppUrl,
        identity: chargerId,
        protocols: [v.protocol],
        onCall: async (action, payload) => {
          received.push([action, payload])
          return v.answers[action] ?? { error: 'NotImplemented', description: action }
        },
      })
      await cp.call('BootNotification', v.boot)
      txId = await startTx(cp, v.version, chargerId)
    })
    afterAll(() => cp.close())

    test('each command is sent as a CALL that conforms to the official schema, and the answer comes back', async () => {
      for (const sample of allCommandSamples()) {
        const command =
          sample.type === 'remoteStop' || sample.type === 'costUpdated'
            ? { ...sample, transactionId: txId }
            : sample
        const before = received.length
        const { status, body } = await postCommand(chargerId, command)
        if (received.length === before) {
          expect({ command: command.type, status: body.status }).toEqual({
            command: command.type,
            status: 'NotSupported',
          })
          continue
        }
        const [action, payload] = received.at(-1)!
        expectConforms(v.version, action, 'request', payload)
        expect({ command: command.type, status: body.status }).toEqual({
          command: command.type,
          status: expectedStatus(v.answers[action]!),
        })
        expect(status).toBe(200)
      }
      expect(new Set(received.map(([a]) => a))).toEqual(new Set(Object.keys(v.answers)))
    })

    test('results that change what we know are recorded: configuration read, reservations', async () => {
      const variables = await node.deps.repos.device.variables(chargerId)
      expect(variables.map((x) => x.variable)).toContain('HeartbeatInterval')
      const reservations = await node.deps.repos.device.reservationsOf(chargerId)
      expect(reservations.at(-1)).toMatchObject({
        idTag: 'RFID-1',
        status: v.version === '1.6' ? 'Accepted' : 'Rejected',
      })
    })

    test("a command naming another charger's transaction is rejected without reaching the charger", async () => {
      const before = received.length
      const { body } = await postCommand(chargerId, { type: 'remoteStop', transactionId: 987_654 })
      expect(body.status).toBe('Rejected')
      expect(received.length).toBe(before)
    })
  })
}

describe('a charger busy with one command', () => {
  test('a second command waits its turn: its CALL goes out only after the first is answered', async () => {
    const log: string[] = []
    const cp = await OcppClient.connect({
      url: node.ocppUrl,
      identity: 'BUSY-1',
      protocols: ['ocpp2.0.1'],
      onCall: async (action) => {
        log.push(`got ${action}`)
        await Bun.sleep(action === 'Reset' ? 150 : 0)
        log.push(`answered ${action}`)
        return answers201[action]!
      },
    })
    await cp.call('BootNotification', { chargingStation: { vendorName: 'A', model: 'B' }, reason: 'PowerUp' })
    const [reset, unlock] = await Promise.all([
      postCommand('BUSY-1', { type: 'reset', kind: 'Soft' }),
      postCommand('BUSY-1', { type: 'unlock', evseId: 1 }),
    ])
    expect([reset.body.status, unlock.body.status]).toEqual(['Accepted', 'Unlocked'])
    expect(log).toEqual(['got Reset', 'answered Reset', 'got UnlockConnector', 'answered UnlockConnector'])
    await cp.close()
  })
})
