import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { ChargerCommand } from '@src/domain/charger/commands'
import { OcppClient } from '@src/sim/ocpp-client'
import { answers16, answers201, expectedStatus, sampleForms } from '@src/testing/commands'
import { startTestNode, type TestNode } from '@src/testing/node'
import { commandLabels } from './command-forms'

let node: TestNode
let cookie: string
beforeAll(async () => {
  node = await startTestNode()
  const { tokens } = node.deps.repos
  await node.deps.writer.write([
    tokens.upsert('RFID-1', { type: 'RFID', status: 'Accepted' }, Date.now()),
    tokens.upsert('RFID-2', { type: 'RFID', status: 'Blocked' }, Date.now()),
  ])
  const login = await node.app.handle(
    new Request('http://localhost/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'email=admin%40example.com&password=admin-password',
    }),
  )
  cookie = login.headers.get('set-cookie')!.split(';')[0]!
})
afterAll(() => node.dispose())

async function postForm(chargerId: string, fields: Record<string, string>): Promise<string> {
  const res = await node.app.handle(
    new Request(`http://localhost/admin/chargers/${chargerId}/commands`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'http://localhost',
        cookie,
        'hx-request': 'true',
      },
      body: new URLSearchParams(fields).toString(),
    }),
  )
  return res.text()
}

const versions = [
  { protocol: 'ocpp1.6', answers: answers16, boot: { chargePointVendor: 'ACME', chargePointModel: 'M' } },
  {
    protocol: 'ocpp2.0.1',
    answers: answers201,
    boot: { chargingStation: { vendorName: 'ACME', model: 'M' }, reason: 'PowerUp' },
  },
]

for (const v of versions) {
  describe(`${v.protocol}: every command from the admin charger page`, () => {
    const chargerId = `FORM-${v.protocol}`
    const received: [string, Record<string, unknown>][] = []
    let cp: OcppClient
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
    })
    afterAll(() => cp.close())

    for (const [type, fields] of Object.entries(sampleForms)) {
      const label = commandLabels[type as ChargerCommand['type']]
      test(`${label}: the form's command reaches the charger and its answer is shown`, async () => {
        const before = received.length
        const fragment = await postForm(chargerId, { type, ...fields })
        expect(fragment).toContain(label)
        if (received.length === before) {
          expect(fragment).toMatch(/NotSupported|Rejected/)
          return
        }
        const [action, payload] = received.at(-1)!
        expect(fragment).toContain(`>${expectedStatus(v.answers[action]!)}<`)
        if (type === 'sendLocalList') {
          // The list compiled from the access policies: the blocked card is left out (absent refuses offline).
          const list = (payload.localAuthorizationList ?? []) as Record<string, unknown>[]
          expect(JSON.stringify(list)).toContain('RFID-1')
          expect(JSON.stringify(list)).not.toContain('RFID-2')
          expect(payload.updateType).toBe('Full')
        }
      })
    }
  })
}

test('a command with a bad field is refused with the field named, and nothing is sent', async () => {
  const fragment = await postForm('FORM-ocpp1.6', {
    type: 'setChargingProfile',
    evseId: '1',
    purpose: 'TxDefaultProfile',
    limit: '-1',
    rateUnit: 'A',
  })
  expect(fragment).toContain('Rejected')
  expect(fragment).toContain('limit')
})
