import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Invoice } from '@src/domain/invoices/invoice'
import { formatDecimal, INVOICE_LABELS } from '@src/domain/invoices/invoice-labels'
import { Decimal, dec, sum } from '@src/domain/tariffs/decimal'
import { PERMISSIONS } from '@src/domain/tenancy/permissions'
import { systemScope } from '@src/domain/tenancy/scope'
import { FakeClock } from '@src/lib/fake-clock'
import { OcppClient } from '@src/sim/ocpp-client'
import { SimCharger, type SimProtocol } from '@src/sim/sim-charger'
import { eventually, testEv } from '@src/sim/sim-test-kit'
import { apiClient } from '@src/testing/api'
import { testProfile } from '@src/testing/billing-fixtures'
import { JumpingClock } from '@src/testing/jumping-clock'
import { startTestNode, type TestNode } from '@src/testing/node'
import { pdfPages, requirePdftotext } from '@src/testing/pdf-text'
import { RunningViews, type Visit, type VisitOutcome, VisitRunner } from '@src/testing/visits'

/**
 * Issue 11's co-op month end to end: BRF Eken's garage in Stockholm with a 1.6 and a 2.0.1 charger,
 * residents on a day/night tariff with a start fee, visitors on SE3's hourly spot price + a markup with
 * a start fee and an idle fee (the series imported through the API as Nord Pool's CSV, one hour left
 * out so a visitor pays the fallback), and a business account (a craftsmen's firm renting spaces) at a flat rate, each through its access
 * policy's price group. The chargers run October 2026 on one simulated clock that moves only when the
 * test moves it, from one session's start or end to the next (meter values every 15 minutes carry its
 * timestamps), so sessions cross 22:00, midnight and the night the clocks go back (25 October, 03:00
 * CEST → 02:00 CET), two of them at once. The node's clock jumps ahead of the chargers' to each
 * instant, so no reading is ever in its future, then a second at a time to let the session actors
 * publish. On 20 October an old 1.6 wallbox, driven frame by frame, loses a stop: the session gets a
 * flagged CDR, and when the stop turns up, a credit CDR and the corrected one. On 1 November at 00:30
 * October is billed. For every buyer, the invoice's total is the sum of its CDRs' totals, which is
 * the sum of the last running costs its drivers saw before the end, to the öre, and the
 * öresavrundning is Riksbanken's rule. Eight sessions and every invoice are worked out by hand below.
 */

const at = (iso: string) => Date.parse(iso)
const BILLING_NIGHT = at('2026-11-01T00:30:00+01:00')
const MONTH_START = at('2026-10-01T00:00:00+02:00')
const METER_S = 900
const ORG = 'brf'
const SITE = 'brf-garage'
const PROTOCOLS: SimProtocol[] = ['ocpp1.6', 'ocpp2.0.1']
const chargerId = (p: SimProtocol) => (p === 'ocpp1.6' ? 'EKEN-16' : 'EKEN-201')
const scope = systemScope('coop month test', new Set(PERMISSIONS))

/** Every amount excl. 25 % VAT; the engine's default rounding: öre, half up, on the total. */
const VAT = 25
const energy = (price: string) => ({ type: 'ENERGY', price, vat: VAT, step_size: 1 })
const startFee = (price: string) => ({ type: 'FLAT', price, vat: VAT, step_size: 0 })
const NIGHT = { start_time: '22:00', end_time: '06:00' }

/** Residents: 1.00 SEK/kWh 22:00–06:00, 2.00 by day, 5.00 a session. */
function residentsTariff() {
  return {
    currency: 'SEK',
    elements: [
      { price_components: [energy('1.00')], restrictions: NIGHT },
      { price_components: [startFee('5.00'), energy('2.00')] },
    ],
  }
}

/** The craftsmen's firm: 2.40 SEK/kWh at any hour, no start fee. */
function businessTariff() {
  return { currency: 'SEK', elements: [{ price_components: [energy('2.40')] }] }
}

/** The day the clocks go back: 03:00 CEST is 02:00 CET, so 02:00–03:00 local comes twice. */
const CLOCKS_BACK = at('2026-10-25T03:00:00+02:00')
const HOUR_MS = 3_600_000
/** The local time's offset from UTC in hours in Stockholm this October. */
const offsetH = (ms: number) => (ms < CLOCKS_BACK ? 2 : 1)
/** An instant as Nord Pool's files write it: local time with its offset (the repeated hour told apart). */
function localIso(ms: number): string {
  const h = offsetH(ms)
  return `${new Date(ms + h * HOUR_MS).toISOString().slice(0, 19)}+0${h}:00`
}

/** The hour of SE3's day-ahead series the test leaves out: Vera's first hour costs the fallback. */
const MISSING_HOUR = at('2026-10-10T17:00:00+02:00')
/** The hour of the night the clocks go back that wind power pushes below zero (Viktor charges in it). */
const WINDY_HOUR = at('2026-10-25T01:00:00+02:00')
/** October 2026's hours, 00:00 CEST on the 1st to 00:00 CET on 1 November: 745, the autumn hour twice. */
const OCTOBER_HOURS = Array.from({ length: 745 }, (_, i) => MONTH_START + i * HOUR_MS)

/**
 * SE3's price in SEK per MWh excl. VAT for the hour starting at `ms`, made up but shaped like a
 * Nordic October: a cheap night (00–06 local), the morning and evening peaks (08–10, 17–21) dearest,
 * a per-hour wobble of up to 60.90 SEK so that no two neighbouring hours cost the same, and one windy
 * hour below zero. Whole öre per MWh, as integers, so the text is exact; per kWh that is up to five
 * decimals, which the tariff rounds (slot + markup, half up, to four).
 */
function se3PerMwh(ms: number): string {
  if (ms === WINDY_HOUR) return '-12.34'
  const i = (ms - MONTH_START) / HOUR_MS
  const hour = (new Date(ms).getUTCHours() + offsetH(ms)) % 24
  const base = hour < 6 ? 18_000 : (hour >= 8 && hour < 10) || (hour >= 17 && hour < 21) ? 142_000 : 88_000
  const ore = base + ((i * 37) % 53) * 117 + (i % 7)
  return `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`
}

/** The series as the import file Nord Pool's day-ahead prices come in: start,end,price per MWh. */
function se3Csv(): string {
  const lines = OCTOBER_HOURS.filter((h) => h !== MISSING_HOUR).map(
    (h) => `${localIso(h)},${localIso(h + HOUR_MS)},${se3PerMwh(h)}`,
  )
  return ['start,end,price', ...lines].join('\n')
}

/** Visitors pay the hour's spot price + 0.45 SEK/kWh, 2.50 where the series has no price. */
const MARKUP = '0.45'
const FALLBACK = '2.50'

/**
 * Visitors: SE3's spot price + markup per kWh (the fallback for an hour the series lacks), 10.00 a
 * session, and an idle fee of 20.00 SEK per hour parked after 30 minutes' grace (per minute, at most
 * 200.00 a session).
 */
function visitorsTariff(seriesId: string) {
  return {
    currency: 'SEK',
    elements: [{ price_components: [startFee('10.00')] }],
    spot: { series_id: seriesId, markup_per_kwh: MARKUP, fallback_per_kwh: FALLBACK, vat: VAT, step_size: 1 },
    idle_fee: { price: '20.00', vat: VAT, grace_minutes: 30, step_size: 60, max_excl_vat: '200.00' },
  }
}

/**
 * A visitor's cost worked out from the slot prices set above: the start fee, each hour's kWh at its
 * slot (per kWh: MWh price / 1000 + markup, rounded half up to 4 decimals) or at the fallback where the
 * series has none, and the hours of idle fee; the exact total rounded once to the öre, half up, excl.
 * and incl. 25 % VAT (the engine's default policy). Returns [excl. VAT, incl. VAT].
 */
function visitorCost(charged: [hour: string, kwh: string][], idleHours: string): [string, string] {
  const perKwh = (ms: number) =>
    ms === MISSING_HOUR
      ? dec(FALLBACK)
      : dec(se3PerMwh(ms)).div(1000).plus(MARKUP).toDecimalPlaces(4, Decimal.ROUND_HALF_UP)
  const energy = sum(charged.map(([hour, kwh]) => dec(kwh).times(perKwh(at(hour)))))
  const exact = dec('10.00').plus(energy).plus(dec(idleHours).times('20.00'))
  const round = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()
  return [round(exact), round(exact.times('1.25'))]
}

/** A car that charges at 3 × 16 A (11.04 kW) without reaching its taper in these sessions. */
const car = testEv()
/** A car on one phase at 16 A (3.68 kW). */
const onePhase = testEv({ phases: 1 })
/** A car whose driver set a 70 % limit: 12 kWh from 50 %, then it stands parked (SuspendedEV). */
const topUp = testEv({ soc: 0.5, targetSoc: 0.7 })
/** A car on one phase (3.68 kW) set to 75 %: 21 kWh from 40 %, full after 5 h 42 min, then parked. */
const slowTopUp = testEv({ phases: 1, soc: 0.4, targetSoc: 0.75 })

/** A visit, and its cost worked out by hand from the tariff: [excl. VAT, incl. VAT]. */
interface PricedVisit extends Visit {
  expected?: [string, string]
}
type Outcome = VisitOutcome<PricedVisit>

/**
 * October's sessions, each charger's in time order. The hand figures: energy at 11.04 kW or 3.68 kW,
 * day and night split at 22:00 and 06:00 local time; `topUp` cars are full at the 15-minute reading
 * after 65 minutes (`slowTopUp` after 5 h 42 min) and stand parked from there.
 */
const VISITS: PricedVisit[] = [
  {
    name: 'a resident across 22:00',
    protocol: 'ocpp1.6',
    card: 'CARD-1101',
    from: '2026-10-01T20:00:00+02:00',
    to: '2026-10-01T23:00:00+02:00',
    ev: car,
    // 5.00 + 22.08 kWh × 2.00 + 11.04 kWh × 1.00 = 60.20; × 1.25 = 75.25
    expected: ['60.2', '75.25'],
  },
  {
    name: 'the firm in the morning',
    protocol: 'ocpp1.6',
    card: 'FIRM-1',
    from: '2026-10-05T08:00:00+02:00',
    to: '2026-10-05T11:00:00+02:00',
    ev: car,
    // 33.12 kWh × 2.40 = 79.488 → 79.49 (half up on the total); × 1.25 = 99.36
    expected: ['79.49', '99.36'],
  },
  {
    name: 'a visitor parked past the grace minutes',
    protocol: 'ocpp1.6',
    card: 'GUEST-VERA',
    from: '2026-10-10T17:00:00+02:00',
    to: '2026-10-10T21:45:00+02:00',
    ev: topUp,
    // 17:00–18:00 has no slot: 11.04 kWh × 2.50 (fallback) = 27.60; 18:00 is 1442.26 SEK/MWh, 1.44226 +
    // 0.45 → 1.8923 a kWh, × 0.96 kWh = 1.816608; + 10.00 + parked 18:15–21:45 less 30 min = 3 h × 20.00
    // = 99.416608 → 99.42; × 1.25 = 124.27076 → 124.27
    expected: visitorCost(
      [
        ['2026-10-10T17:00:00+02:00', '11.04'],
        ['2026-10-10T18:00:00+02:00', '0.96'],
      ],
      '3',
    ),
  },
  {
    name: 'a resident across midnight and the night the clocks go back',
    protocol: 'ocpp1.6',
    card: 'CARD-1102',
    from: '2026-10-24T23:30:00+02:00',
    to: '2026-10-25T07:00:00+01:00',
    ev: onePhase,
    // 8.5 real hours: 7.5 h to 06:00 CET = 27.6 kWh × 1.00, 1 h by day = 3.68 kWh × 2.00, + 5.00 = 39.96
    expected: ['39.96', '49.95'],
  },
  {
    name: 'the firm across 22:00 at its flat rate',
    protocol: 'ocpp1.6',
    card: 'FIRM-2',
    from: '2026-10-30T21:00:00+01:00',
    to: '2026-10-30T23:30:00+01:00',
    ev: car,
  },
  {
    name: 'a resident across midnight',
    protocol: 'ocpp2.0.1',
    card: 'CARD-1103',
    from: '2026-10-02T23:00:00+02:00',
    to: '2026-10-03T02:00:00+02:00',
    ev: car,
    // 5.00 + 33.12 kWh × 1.00 = 38.12; × 1.25 = 47.65
    expected: ['38.12', '47.65'],
  },
  {
    name: 'a resident by day',
    protocol: 'ocpp2.0.1',
    card: 'CARD-1101',
    from: '2026-10-14T12:00:00+02:00',
    to: '2026-10-14T15:00:00+02:00',
    ev: car,
  },
  {
    name: 'a visitor charging through the night the clocks go back, both 02:00 hours, then parked',
    protocol: 'ocpp2.0.1',
    card: 'GUEST-VIKTOR',
    from: '2026-10-24T22:00:00+02:00',
    to: '2026-10-25T04:00:00+01:00',
    ev: slowTopUp,
    // 3.68 kWh in each of 22:00 (924.46 SEK/MWh: 0.92446 + 0.45 → 1.3745), 23:00 (905.75: 1.35575 → 1.3558,
    // half up), 00:00 (187.04 → 0.6370), 01:00 (−12.34: −0.01234 + 0.45 → 0.4377) and 02:00 CEST (211.63
    // → 0.6616): 3.68 × 4.4666 = 16.437088; then 2.60 kWh in 02:00 CET, whose own slot is 192.92 but which
    // is priced at 02:00 CEST's 0.6616 (OCPI restrictions are local times, README Tariffs): 1.72016; full
    // at the 02:45 CET reading, parked to 04:00 CET less 30 min = 0.75 h × 20.00 = 15.00; + 10.00 =
    // 43.157248 → 43.16; × 1.25 = 53.94656 → 53.95 (at its own slot it would be 43.11 / 53.89)
    expected: visitorCost(
      [
        ['2026-10-24T22:00:00+02:00', '3.68'],
        ['2026-10-24T23:00:00+02:00', '3.68'],
        ['2026-10-25T00:00:00+02:00', '3.68'],
        ['2026-10-25T01:00:00+02:00', '3.68'],
        ['2026-10-25T02:00:00+02:00', '3.68'],
        ['2026-10-25T02:00:00+02:00', '2.60'],
      ],
      '0.75',
    ),
  },
  {
    name: 'the firm on the 2.0.1 charger',
    protocol: 'ocpp2.0.1',
    card: 'FIRM-1',
    from: '2026-10-27T07:00:00+01:00',
    to: '2026-10-27T09:00:00+01:00',
    ev: car,
  },
  {
    name: "a resident on the month's last evening",
    protocol: 'ocpp2.0.1',
    card: 'CARD-1102',
    from: '2026-10-31T21:30:00+01:00',
    to: '2026-10-31T23:45:00+01:00',
    ev: car,
  },
]

/** The old wallbox by the gate (1.6, driven frame by frame): the day it lost a stop. */
const WALLBOX = 'EKEN-GATE'
const WALLBOX_DAY = at('2026-10-20T00:00:00+02:00')
const WALLBOX_VISITS: PricedVisit[] = [
  {
    name: 'a resident whose stop the wallbox lost',
    protocol: 'ocpp1.6',
    card: 'CARD-1103',
    from: '2026-10-20T18:00:00+02:00',
    to: '2026-10-20T20:00:00+02:00',
    ev: car,
    // 5.00 + 22.08 kWh × 2.00 = 49.16; × 1.25 = 61.45
    expected: ['49.16', '61.45'],
  },
  {
    name: "the firm's van after the wallbox rebooted",
    protocol: 'ocpp1.6',
    card: 'FIRM-2',
    from: '2026-10-20T20:30:00+02:00',
    to: '2026-10-20T21:30:00+02:00',
    ev: car,
    // 11.04 kWh × 2.40 = 26.496 → 26.50; × 1.25 = 33.12
    expected: ['26.5', '33.12'],
  },
]

let node: TestNode
const simulators = new Map<SimProtocol, SimCharger>()
let runner: VisitRunner<PricedVisit>
let api: ReturnType<typeof apiClient>
const API_KEY = 'test-api-key-0123456789'
const nodeClock = new JumpingClock(MONTH_START)
const chargerClock = new FakeClock(MONTH_START)
let views: RunningViews
const outcomes: Outcome[] = []
/** October's invoices, as the billing run stored them. */
const invoices: Invoice[] = []

async function must(res: Promise<{ status: number; body: unknown }>, status = 201) {
  const r = await res
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`)
  return r.body as Record<string, unknown>
}

/** A CSV file posted to the API as `text/csv`, as an operator's script uploads Nord Pool's file. */
async function importCsv(path: string, csv: string) {
  const res = await node.app.handle(
    new Request(`http://localhost/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'text/csv' },
      body: csv,
    }),
  )
  const body = await res.json()
  if (res.status !== 200) throw new Error(`import: ${res.status}: ${JSON.stringify(body)}`)
  return body as Record<string, unknown>
}

async function seed() {
  await must(api('POST', '/organizations', { id: ORG, name: 'BRF Eken' }))
  await must(
    api('PUT', `/sites/${SITE}`, {
      name: 'BRF Eken garage',
      organizationId: ORG,
      timeZone: 'Europe/Stockholm',
      // the garage's own load is at most 10 A: 53 A left for three chargers, so each may draw 16 A
      // without the loop (its fail-safe), which the cars run on while the chargers' clock strides
      // ahead of the loop's setpoints
      mainFuseA: 63,
      buildingMaxA: 10,
      accessDefault: 'deny',
    }),
  )
  for (const id of [...PROTOCOLS.map(chargerId), WALLBOX]) {
    await must(api('PUT', `/chargers/${id}`, { organizationId: ORG }))
    await must(api('PUT', `/sites/${SITE}/connectors/${id}/1`, { maxA: 16, wiring: 'L1,L2,L3' }))
  }
  const group = async (name: string, kind: string) =>
    (await must(api('POST', '/groups', { name, kind, organizationId: ORG }))).id as string
  const residents = await group('Residents', 'tenants')
  const visitors = await group('Visitors', 'visitors')
  const firm = await group('Hantverkarna', 'employees')
  const card = (uid: string, owner: Record<string, unknown>, groupId: string) =>
    must(
      api('PUT', `/tokens/${uid}`, {
        type: 'ISO14443',
        status: 'Accepted',
        organizationId: ORG,
        groupIds: [groupId],
        ...owner,
      }),
    )
  for (const apartment of ['1101', '1102', '1103']) {
    const household = await must(api('POST', '/households', { apartment, organizationId: ORG }))
    const driver = await must(
      api('POST', '/drivers', {
        name: `Resident ${apartment}`,
        householdId: household.id,
        organizationId: ORG,
      }),
    )
    await card(`CARD-${apartment}`, { driverId: driver.id }, residents)
  }
  for (const name of ['Vera', 'Viktor']) {
    const driver = await must(api('POST', '/drivers', { name, organizationId: ORG }))
    await card(`GUEST-${name.toUpperCase()}`, { driverId: driver.id }, visitors)
  }
  const company = await must(
    api('POST', '/business-accounts', { name: 'Hantverkarna AB', organizationId: ORG }),
  )
  for (const n of [1, 2]) await card(`FIRM-${n}`, { businessAccountId: company.id }, firm)

  const series = await must(
    api('POST', '/price-series', {
      name: 'Nord Pool SE3',
      organizationId: ORG,
      currency: 'SEK',
      slotMinutes: 60,
      zone: 'SE3',
    }),
  )
  const imported = await importCsv(`/price-series/${series.id}/import?unit=MWh`, se3Csv())
  expect(imported).toMatchObject({ slots: 744, added: 744, revised: 0, unchanged: 0 })
  for (const [id, tariff, priceGroup] of [
    ['eken-residents', residentsTariff(), 'residents'],
    ['eken-visitors', visitorsTariff(series.id as string), 'visitors'],
    ['eken-business', businessTariff(), 'business'],
  ] as const) {
    await must(api('POST', '/tariffs', { id, name: id, organizationId: ORG, tariff }))
    await must(api('PUT', `/price-groups/${priceGroup}`, { tariffId: id }))
  }
  for (const [name, whoId, priceGroup] of [
    ['Residents', residents, 'residents'],
    ['Visitors', visitors, 'visitors'],
    ['Hantverkarna', firm, 'business'],
  ] as const)
    await must(
      api('POST', '/policies', {
        name,
        organizationId: ORG,
        whoKind: 'group',
        whoId,
        whereKind: 'site',
        whereId: SITE,
        windows: [],
        priceGroup,
      }),
    )
  await node.deps.services.billingProfiles.put(scope, ORG, testProfile({ invoicePrefix: 'EKEN-' }))
}

beforeAll(async () => {
  node = await startTestNode(
    { CSMS_UNKNOWN_CHARGERS: 'reject', CSMS_HEARTBEAT_INTERVAL_S: '86400', LOG_LEVEL: 'warn' },
    { clock: nodeClock },
  )
  api = apiClient(node, API_KEY)
  views = new RunningViews(node, nodeClock)
  await seed()
}, 30_000)

afterAll(async () => {
  await node?.dispose()
})

/** A total that must be there (a CDR or a running cost incl. VAT). */
function known(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) throw new Error('a total incl. VAT is missing')
  return amount
}

/**
 * Each buyer's October, by one of its cards: [to pay, öresavrundning]. 1101: 75.25 + 89.05 = 164.30;
 * 1102: 49.95 + 44.20 = 94.15; 1103: 47.65 + 61.45 (+ its credit and its correction) = 109.10; Vera
 * 124.27 (down) and Viktor 53.95 (up) on spot price; the firm 99.36 + 82.80 + 66.24 + 33.12 = 281.52.
 */
const TO_PAY: Record<string, [string, string]> = {
  'CARD-1101': ['164.00', '-0.30'],
  'CARD-1102': ['94.00', '-0.15'],
  'CARD-1103': ['109.00', '-0.10'],
  'GUEST-VERA': ['124.00', '-0.27'],
  'GUEST-VIKTOR': ['54.00', '0.05'],
  'FIRM-1': ['282.00', '0.48'],
}

const money = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)

describe('a co-op month', () => {
  test('1–20 October on both versions: residents, visitors and the firm each under their price group', async () => {
    for (const protocol of PROTOCOLS) {
      const cp = new SimCharger({
        url: node.ocppUrl,
        id: chargerId(protocol),
        protocol,
        clock: chargerClock,
        connectors: 1,
        maxCurrentA: 16,
        limitDelayMs: 0,
        meterIntervalS: METER_S,
        reconnectMs: 1e12,
      })
      expect(await cp.start()).toBe('Accepted')
      simulators.set(protocol, cp)
    }
    runner = new VisitRunner({ node, nodeClock, chargerClock, simulators, views }, VISITS)
    outcomes.push(...(await runner.runUntil(WALLBOX_DAY)))
    expect(outcomes.map((o) => o.visit.name)).toEqual(
      VISITS.filter((v) => at(v.to) < WALLBOX_DAY)
        .sort((a, b) => at(a.to) - at(b.to))
        .map((v) => v.name),
    )
  }, 60_000)

  test('a stop the old 1.6 wallbox lost is credited: a flagged CDR, its credit and the corrected CDR', async () => {
    const resident = WALLBOX_VISITS[0]!
    const van = WALLBOX_VISITS[1]!
    // the node's clock is there before the wallbox connects (a jump ends every wait that falls due)
    await nodeClock.jumpTo(at(resident.from))
    const wallbox = await OcppClient.connect({ url: node.ocppUrl, identity: WALLBOX, protocols: ['ocpp1.6'] })
    const send = async (instant: number, action: string, payload: Record<string, unknown>) => {
      if (instant > nodeClock.now()) await nodeClock.jumpTo(instant)
      const o = await wallbox.call(action, payload)
      if (o.kind !== 'result') throw new Error(`${action}: ${o.code} ${o.description}`)
      return o.payload
    }
    const iso = (ms: number) => new Date(ms).toISOString()
    const boot = { chargePointVendor: 'Garo', chargePointModel: 'GLB' }
    /** Meter values every 15 minutes at 11.04 kW from `from` until `to`, from register `wh`. */
    const charge = async (transactionId: number, from: number, to: number, wh: number) => {
      for (let t = from + METER_S * 1000; t <= to; t += METER_S * 1000) {
        const value = String(wh + ((t - from) / 3_600_000) * 11_040)
        const sampledValue = [{ value, measurand: 'Energy.Active.Import.Register', unit: 'Wh' }]
        await send(t, 'MeterValues', {
          connectorId: 1,
          transactionId,
          meterValue: [{ timestamp: iso(t), sampledValue }],
        })
      }
      return wh + ((to - from) / 3_600_000) * 11_040
    }
    await send(at(resident.from), 'BootNotification', boot)
    const first = await send(at(resident.from), 'StartTransaction', {
      connectorId: 1,
      idTag: resident.card,
      meterStart: 100_000,
      timestamp: resident.from,
    })
    const tx = first.transactionId as number
    const stopWh = await charge(tx, at(resident.from), at(resident.to), 100_000)
    const lastSeen = await views.pricedUntil(tx, at(resident.to))
    // it reboots, forgets the session and starts the firm's van on the same connector
    await send(at(van.from), 'BootNotification', boot)
    const second = await send(at(van.from), 'StartTransaction', {
      connectorId: 1,
      idTag: van.card,
      meterStart: stopWh,
      timestamp: van.from,
    })
    const lost = await eventually(
      'the superseded session’s CDR',
      async () => (await node.deps.repos.cdrs.generationsOf(tx))[0],
      10_000,
    )
    expect(lost.flags.split(',')).toContain('stopLost')
    // then the stop it kept turns up
    await send(at(van.from) + 60_000, 'StopTransaction', {
      transactionId: tx,
      meterStop: stopWh,
      timestamp: resident.to,
      reason: 'Reboot',
    })
    const cdrs = await eventually(
      'the credit and the corrected CDR',
      async () => {
        const rows = await node.deps.repos.cdrs.generationsOf(tx)
        return rows.length === 3 ? rows : undefined
      },
      10_000,
    )
    const [excl, incl] = resident.expected!
    expect(cdrs.map((c) => [c.generation, c.credits, c.totalExclVat, c.totalInclVat])).toEqual([
      [1, null, excl, incl],
      [2, lost.id, `-${excl}`, `-${incl}`],
      [3, null, excl, incl],
    ])
    outcomes.push({ visit: resident, transactionId: tx, lastSeen, cdr: cdrs[2]!, cdrs })

    const vanTx = second.transactionId as number
    const vanWh = await charge(vanTx, at(van.from), at(van.to), stopWh)
    const vanSeen = await views.pricedUntil(vanTx, at(van.to))
    await send(at(van.to), 'StopTransaction', {
      transactionId: vanTx,
      meterStop: vanWh,
      timestamp: van.to,
      reason: 'Local',
    })
    const vanCdr = await eventually('the van’s CDR', () => node.deps.repos.cdrs.ofTransaction(vanTx), 10_000)
    outcomes.push({ visit: van, transactionId: vanTx, lastSeen: vanSeen, cdr: vanCdr, cdrs: [vanCdr] })
    await wallbox.close()
  }, 30_000)

  test('the rest of October, across the night the clocks go back with two cars at once: every session under its price group', async () => {
    outcomes.push(...(await runner.runUntil(at('2026-11-01T00:00:00+01:00'))))
    for (const cp of simulators.values()) await cp.stop()
    const tariffOf = (card: string) =>
      card.startsWith('CARD')
        ? 'eken-residents'
        : card.startsWith('GUEST')
          ? 'eken-visitors'
          : 'eken-business'
    const all = [...VISITS, ...WALLBOX_VISITS]
    outcomes.sort((a, b) => all.indexOf(a.visit) - all.indexOf(b.visit))
    const chargerOf = (v: PricedVisit) => (WALLBOX_VISITS.includes(v) ? WALLBOX : chargerId(v.protocol))
    expect(outcomes.map((o) => [o.visit.name, o.cdr.tariffId, o.cdr.chargerId])).toEqual(
      all.map((v) => [v.name, tariffOf(v.card), chargerOf(v)]),
    )
    for (const o of outcomes) {
      expect(o.cdr.startedAt).toBe(at(o.visit.from))
      expect(o.cdr.endedAt).toBe(at(o.visit.to))
      expect(o.cdr.flags).toBe('')
    }
  }, 60_000)

  test('eight sessions priced by hand: 22:00 and 06:00 in local time, the DST night an hour longer, visitors at each hour’s spot price + markup or the fallback, the idle fee after its grace', () => {
    const byHand = outcomes.filter((o) => o.visit.expected)
    expect(byHand.length).toBe(8)
    for (const o of byHand)
      expect([o.visit.name, o.cdr.totalExclVat, o.cdr.totalInclVat]).toEqual([
        o.visit.name,
        ...o.visit.expected!,
      ])
    const dst = outcomes.find((o) => o.visit.ev === onePhase)
    expect(dst?.cdr.energyWh).toBe(31_280)
    expect(outcomes.find((o) => o.visit.ev === slowTopUp)?.cdr.energyWh).toBe(21_000)
  })

  test('each driver’s last running cost, published before the end, is the CDR’s total to the öre', () => {
    for (const o of outcomes) {
      expect(o.lastSeen.state).toBe('running')
      expect([o.visit.name, o.lastSeen.cost?.exclVat, o.lastSeen.cost?.inclVat]).toEqual([
        o.visit.name,
        o.cdr.totalExclVat,
        o.cdr.totalInclVat,
      ])
    }
  })

  test('the October billing run: per buyer, the invoice total = Σ its CDRs = Σ the running costs its drivers saw; öresavrundning half up to the krona', async () => {
    await nodeClock.jumpTo(BILLING_NIGHT)
    const report = await node.deps.services.billingRuns.run(scope, ORG, undefined)
    expect(report).toMatchObject({ outcome: 'done', periodStart: '2026-10-01', periodEnd: '2026-10-31' })
    expect(report.unbilled).toEqual([])
    for (const id of report.invoiceIds) {
      const row = await node.deps.repos.invoices.find(id)
      if (!row) throw new Error(`invoice ${id} not stored`)
      invoices.push(row.body as Invoice)
    }
    const buyers = new Set(outcomes.map((o) => `${o.cdr.payerKind}:${o.cdr.payerId}`))
    expect(invoices.map((i) => `${i.buyer.kind}:${i.buyer.id}`).sort()).toEqual([...buyers].sort())
    expect(buyers.size).toBe(6)
    for (const invoice of invoices) {
      const mine = outcomes.filter(
        (o) => o.cdr.payerKind === invoice.buyer.kind && o.cdr.payerId === invoice.buyer.id,
      )
      const cdrs = mine.flatMap((o) => o.cdrs)
      expect(invoice.lines.map((l) => l.cdrId).sort()).toEqual(cdrs.map((c) => c.id).sort())
      const invoiced = dec(invoice.totalExclVat).plus(invoice.totalVat)
      const ofCdrs = sum(cdrs.map((c) => dec(known(c.totalInclVat))))
      const seen = sum(mine.map((o) => dec(known(o.lastSeen.cost?.inclVat))))
      expect([invoice.buyer.id, money(invoiced)]).toEqual([invoice.buyer.id, money(ofCdrs)])
      expect(money(seen)).toBe(money(ofCdrs))
      expect(invoice.totalExclVat).toBe(money(sum(cdrs.map((c) => dec(c.totalExclVat)))))
      // Riksbanken: 1–49 öre down, 50–99 öre up
      const toPay = invoiced.toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
      expect([invoice.totalToPay, invoice.rounding]).toEqual([money(toPay), money(toPay.minus(invoiced))])
    }
    const toPay = Object.fromEntries(
      Object.keys(TO_PAY).map((card) => {
        const payer = outcomes.find((o) => o.visit.card === card)?.cdr
        const invoice = invoices.find(
          (i) => i.buyer.kind === payer?.payerKind && i.buyer.id === payer?.payerId,
        )
        return [card, [invoice?.totalToPay, invoice?.rounding]]
      }),
    )
    expect(toPay).toEqual(TO_PAY)
    const again = await node.deps.services.billingRuns.run(scope, ORG, '2026-10')
    expect(again.invoiceIds).toEqual([])
  })

  test('a visitor’s invoice PDF through the API, read back with pdftotext: her spot-priced total and what she pays', async () => {
    const payer = outcomes.find((o) => o.visit.card === 'GUEST-VERA')?.cdr
    const invoice = invoices.find((i) => i.buyer.kind === payer?.payerKind && i.buyer.id === payer?.payerId)
    if (!invoice) throw new Error('no invoice for Vera')
    const res = await node.app.handle(
      new Request(`http://localhost/api/v1/invoices/${invoice.id}.pdf`, {
        headers: { authorization: `Bearer ${API_KEY}` },
      }),
    )
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf'])
    const pdf = new Uint8Array(await res.arrayBuffer())
    if (!requirePdftotext('read the visitor’s invoice PDF back')) return
    const text = (await pdfPages(pdf)).join('\n')
    const labels = INVOICE_LABELS[invoice.language]
    const [toPay, rounding] = TO_PAY['GUEST-VERA']!
    const [excl] = outcomes.find((o) => o.visit.card === 'GUEST-VERA')!.visit.expected!
    const row = (label: string, amount: string) =>
      new RegExp(`${label}\\s+${formatDecimal(amount, invoice.language)}`)
    expect(text).toContain(invoice.number)
    expect(text).toMatch(row(labels.totalExclVat, money(dec(excl))))
    expect(text).toMatch(row(labels.rounding, rounding))
    expect(text).toMatch(row(labels.totalToPay, `${toPay} SEK`))
  })
})
