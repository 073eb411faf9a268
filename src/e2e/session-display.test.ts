import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { COSTMSG_VENDOR } from '@src/domain/sessions/california-pricing'
import { displayCost } from '@src/domain/sessions/display-cost'
import { expectConforms, official } from '@src/ocpp/oracle'
import { type ClientOutcome, OcppClient } from '@src/sim/ocpp-client'
import { SimCharger, type SimProtocol } from '@src/sim/sim-charger'
import type { SimChargerEvent } from '@src/sim/sim-events'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { sql } from 'drizzle-orm'

/**
 * The charger's display is told the session's price and cost: 2.0.1 in the TransactionEvent answers
 * (tariff text on Started, totalCost after) and CostUpdated, 1.6 by the California Pricing
 * DataTransfers. Every message conforms to the official schemas, and the last cost a display was
 * told is the CDR's total (live = final).
 */

let node: TestNode
let api: ReturnType<typeof apiClient>
const TARIFF_TEXT = 'Home charging: 3.00 SEK/kWh + 6.25 SEK per session'

beforeAll(async () => {
  node = await startTestNode({ CSMS_UNKNOWN_CHARGERS: 'accept', CSMS_DISPLAY_KEYS: 'on' })
  api = apiClient(node)
  const tariff = {
    currency: 'SEK',
    tariff_alt_text: [{ language: 'en', text: TARIFF_TEXT }],
    elements: [
      {
        price_components: [
          { type: 'FLAT', price: '5.00', vat: 25, step_size: 0 },
          { type: 'ENERGY', price: '2.40', vat: 25, step_size: 1 },
        ],
      },
    ],
  }
  expect((await api('POST', '/tariffs', { id: 'home', name: 'Home', tariff })).status).toBe(201)
  expect((await api('PUT', '/price-groups/default', { tariffId: 'home' })).status).toBe(201)
  for (const uid of ['CARD', 'ID-201'])
    await node.deps.database.db.run(
      sql`INSERT INTO tokens (uid, type, organization_id, status, created_at, updated_at) VALUES (${uid}, 'ISO14443', 'platform', 'Accepted', 0, 0)`,
    )
}, 30_000)

afterAll(async () => {
  await node?.dispose()
})

const cdrOf = (chargerId: string) =>
  eventually(
    'CDR written',
    async () =>
      (await api('GET', `/cdrs?chargerId=${chargerId}`)).body.items[0] as Record<string, string> | undefined,
    10_000,
  )

describe.skipIf(!official)('the charger display', () => {
  test('2.0.1 I02/I05: TransactionEventResponse has the tariff text on Started and totalCost after, the final one the CDR total', async () => {
    const cp = await OcppClient.connect({ url: node.ocppUrl, identity: 'DISP-RAW', protocols: ['ocpp2.0.1'] })
    const call = async (action: string, payload: unknown) => {
      expectConforms('2.0.1', action, 'request', payload)
      const outcome: ClientOutcome = await cp.call(action, payload)
      if (outcome.kind !== 'result') throw new Error(`${action}: ${outcome.code}`)
      expectConforms('2.0.1', action, 'response', outcome.payload)
      return outcome.payload
    }
    await call('BootNotification', {
      chargingStation: { vendorName: 'ACME', model: 'AC' },
      reason: 'PowerUp',
    })
    const t0 = Date.now()
    const at = (s: number) => new Date(t0 + s * 1000).toISOString()
    const energy = (s: number, wh: number, context = 'Sample.Periodic') => [
      {
        timestamp: at(s),
        sampledValue: [
          { value: wh, context, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } },
        ],
      },
    ]
    const base = { transactionInfo: { transactionId: 'TX-D1' }, evse: { id: 1, connectorId: 1 } }
    const started = await call('TransactionEvent', {
      ...base,
      eventType: 'Started',
      timestamp: at(0),
      triggerReason: 'Authorized',
      seqNo: 0,
      idToken: { idToken: 'ID-201', type: 'ISO14443' },
      meterValue: energy(0, 1000, 'Transaction.Begin'),
    })
    expect(started.updatedPersonalMessage).toEqual({ format: 'UTF8', content: TARIFF_TEXT })
    const updated = await call('TransactionEvent', {
      ...base,
      eventType: 'Updated',
      timestamp: at(60),
      triggerReason: 'MeterValuePeriodic',
      seqNo: 1,
      meterValue: energy(60, 2000),
    })
    // 5.00 flat + 1 kWh × 2.40, incl. 25 % VAT = 9.25
    expect(updated.totalCost).toBe(9.25)
    const ended = await call('TransactionEvent', {
      ...base,
      eventType: 'Ended',
      timestamp: at(120),
      triggerReason: 'StopAuthorized',
      seqNo: 2,
      transactionInfo: { transactionId: 'TX-D1', stoppedReason: 'Local' },
      meterValue: energy(120, 3333, 'Transaction.End'),
    })
    const cdr = await cdrOf('DISP-RAW')
    expect(ended.totalCost).toBe(displayCost(cdr.totalInclVat!))
    // 5.00 flat + 2.333 kWh × 2.40, incl. 25 % VAT = 13.249 → 13.25
    expect(ended.totalCost).toBe(13.25)
    cp.close()
  }, 30_000)

  const PROTOCOLS: SimProtocol[] = ['ocpp2.0.1', 'ocpp1.6']
  for (const protocol of PROTOCOLS) {
    const version = protocol === 'ocpp1.6' ? '1.6' : '2.0.1'
    test(`${protocol}: the simulator shows the price text and the running cost, and at the end the CDR total; every call conforms`, async () => {
      const cp = new SimCharger({
        url: node.ocppUrl,
        id: `DISP-${version}`,
        protocol,
        connectors: 1,
        meterIntervalS: 1,
      })
      const events: SimChargerEvent[] = []
      cp.subscribe((e) => events.push(e))
      await cp.start()
      await cp.whenAccepted()
      // No operator command: the CSMS reads the display keys itself after the boot, once.
      const keys = protocol === 'ocpp1.6' ? 'CustomDisplayCostAndPrice' : 'TariffCostCtrlr'
      await eventually(
        'the display keys stored',
        async () => (await node.deps.repos.device.variables(cp.id, keys)).find((v) => v.value === 'true'),
        10_000,
      )
      const reads = events.flatMap((e) =>
        e.type === 'callReceived' && (e.action === 'GetConfiguration' || e.action === 'GetVariables')
          ? [e]
          : [],
      )
      expect(reads.length).toBe(1)
      cp.plugIn(1, testEv())
      expect((await cp.startCharging(1, 'CARD')).status).toBe('Accepted')
      await eventually('the running cost shown', async () => cp.display(1)?.cost ?? undefined, 10_000)
      expect(cp.display(1)?.text).toBe(TARIFF_TEXT)
      await cp.stopCharging(1)
      const cdr = await cdrOf(cp.id)
      const shown = await eventually(
        'the final cost shown',
        async () => (cp.display(1)?.final ? cp.display(1) : undefined),
        10_000,
      )
      expect(shown.cost).toBe(displayCost(cdr.totalInclVat!))
      const calls = events.flatMap((e) => (e.type === 'callReceived' ? [e] : []))
      for (const c of calls) expectConforms(version, c.action, 'request', c.payload)
      if (protocol === 'ocpp1.6') {
        const costmsg = calls.filter(
          (c) => c.action === 'DataTransfer' && c.payload.vendorId === COSTMSG_VENDOR,
        )
        expect(costmsg.map((c) => c.payload.messageId)).toEqual(['SetUserPrice', 'RunningCost', 'FinalCost'])
        expect(shown.source).toBe('FinalCost')
      } else {
        expect(calls.filter((c) => c.action === 'CostUpdated').length).toBe(1)
        expect(shown.source).toBe('TransactionEvent')
      }
      expect(events.filter((e) => e.type === 'protocolError')).toEqual([])
      await cp.stop()
    }, 40_000)
  }
})
