import { describe, expect, test } from 'bun:test'
import type { SiteConfig } from '@src/domain/site/site-config'
import { fakeSession, fakeSiteStatus } from '@src/testing/site-status'
import type { Point } from '../chart'
import { ChargerLive, type ChargerLiveProps } from './charger'
import type { ChargerView } from './charger-models'
import { SiteHistory } from './site-history'
import { SiteLive, type SiteLiveProps } from './site-live'
import { TransactionPage } from './transaction'
import type { TransactionDetailView } from './transaction-models'

/*
 * The charger's and the transaction's power and energy charts, the site's live main-fuse chart and its
 * history are drawn by the one time chart: each with its axis titled in its unit, and each saying
 * why when there is nothing to draw.
 */

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0)
const points = (n: number, y: (i: number) => number): Point[] =>
  Array.from({ length: n }, (_, i) => ({ x: NOW - (n - i) * 60_000, y: y(i) }))

const charger: ChargerView = {
  id: 'CP-1',
  label: null,
  registration: 'Accepted',
  online: true,
  protocol: 'ocpp1.6',
  vendor: 'ACME',
  model: 'Wallbox',
  serialNumber: null,
  firmwareVersion: null,
  lastBootAt: NOW,
  lastSeenAt: NOW,
  hasPassword: false,
}
const tx: TransactionDetailView = {
  id: 7,
  chargerId: 'CP-1',
  evseId: 1,
  idTag: 'TAG',
  startedAt: NOW - 3_600_000,
  endedAt: null,
  energyWh: 1200,
  stopReason: null,
  startStatus: 'Accepted',
  meterStartWh: 0,
  meterEndWh: 1200,
}

const live = (over: Partial<ChargerLiveProps>) =>
  String(ChargerLive({ now: NOW, charger, connectors: [], active: [], power: null, ...over }))

describe('the charger page draws the running transaction power', () => {
  test('in kW over time', () => {
    const html = live({ active: [tx], power: { transactionId: 7, points: points(5, (i) => 7 + i / 10) } })
    expect(html).toContain('aria-label="Power of transaction 7, kW"')
    expect(html).toContain('Power (kW)')
  })

  test('or says the running transaction has sent no power reading yet', () => {
    const html = live({ active: [tx], power: { transactionId: 7, points: [] } })
    expect(html).toContain('Transaction 7 has no power reading (Power.Active.Import) yet.')
  })

  test('and draws nothing when no transaction runs, which it says', () => {
    const html = live({})
    expect(html).toContain('No transaction running.')
    expect(html).not.toContain('<svg')
  })
})

describe('the transaction page draws the energy delivered', () => {
  const page = (energy: Point[]) =>
    String(TransactionPage({ operator: 'op', now: NOW, tx, values: [], energy }))

  test('in kWh over time', () => {
    expect(page(points(4, (i) => i * 0.4))).toContain('Energy delivered (kWh)')
  })

  test('or says the charger sent no register reading', () => {
    expect(page([])).toContain(
      'The charger has sent no energy register reading (Energy.Active.Import.Register) for this transaction.',
    )
  })
})

const config: SiteConfig = {
  site: {
    id: 'S1',
    name: 'Garage',
    voltageV: 230,
    phases: 3,
    mainFuseA: 63,
    safetyMarginA: 3,
    buildingMaxA: null,
    buildingMeter: 'none',
    buildingMeterChargerId: null,
    peakTargetKw: null,
    loopIntervalMs: 500,
    failSafeA: null,
    objective: 'vehicles',
    timeZone: 'Europe/Stockholm',
    accessDefault: 'allowAccepted',
    holidays: [],
    createdAt: NOW,
    updatedAt: NOW,
  },
  circuits: [],
  connectors: [],
}

describe("the site page's main fuse chart", () => {
  const render = (over: Partial<SiteLiveProps>) =>
    String(SiteLive({ now: NOW, config, status: undefined, samples: [], failSafeA: 6, ...over }))

  test('draws each phase in A against the usable limit', () => {
    const samples = points(5, (i) => 20 + i).map((p, i) => ({
      at: p.x,
      loadA: [p.y, 15, 10] as const,
      limitA: 60,
      stale: i === 4,
    }))
    const html = render({ status: fakeSiteStatus('S1', NOW), samples })
    expect(html).toContain('Current per phase (A)')
    for (const l of ['L1', 'L2', 'L3']) expect(html).toContain(`data-series="${l}"`)
    expect(html).toContain('limit 60 A')
    expect(html.match(/class="estimated"/g)).toHaveLength(3)
    expect(html).not.toContain('Partly estimated')
    expect(render({ status: fakeSiteStatus('S1', NOW, { loadStale: true }), samples })).toContain(
      'Partly estimated',
    )
  })

  test("a session's estimated draw reads ≈, a measured one does not", () => {
    const sessions = [
      fakeSession({ transactionId: 1, drawA: 16, drawStale: true }),
      fakeSession({ transactionId: 2, drawA: 10, drawStale: false }),
    ]
    const html = render({ status: fakeSiteStatus('S1', NOW, { sessions }) })
    expect(html).toMatch(/id="session-1"[\s\S]*?≈ 16/)
    expect(html).not.toMatch(/id="session-2"[\s\S]*?≈/)
  })

  test('says the site loop has not reported yet before its first status', () => {
    expect(render({})).toContain(
      'The site loop has not reported yet: the chart starts with its first status.',
    )
  })
})

describe("the site page's history", () => {
  test('says no load was recorded in the last day, and draws the monthly peaks in kW', () => {
    const html = String(
      SiteHistory({ peaks: [{ month: '2026-01', peakKw: 12 }], targetKw: 20, hours: [], phases: 3 }),
    )
    expect(html).toContain('No load recorded in the last 24 hours.')
    expect(html).toContain('Highest hourly mean (kW)')
    expect(html).toContain('target 20 kW')
  })
})
