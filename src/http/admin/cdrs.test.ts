import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { CdrRow } from '@src/db/repos/cdrs'
import { adminSession } from '@src/testing/admin'
import { apiClient } from '@src/testing/api'
import { startTestNode, type TestNode } from '@src/testing/node'
import { endedTransaction, startedTransaction } from '@src/testing/transactions'

let node: TestNode
let admin: Awaited<ReturnType<typeof adminSession>>
const T0 = Date.parse('2026-12-07T18:00:00+01:00')
const HOUR = 3_600_000

/** A CDR of an ended session as the writer stores it, on `chargerId`, ending `hours` after T0. */
function cdrRow(
  id: string,
  transactionId: number,
  chargerId: string,
  hours: number,
  extra: Partial<CdrRow> = {},
): CdrRow {
  return {
    id,
    transactionId,
    organizationId: 'platform',
    chargerId,
    evseId: 1,
    idTag: 'TAG-1',
    startedAt: T0,
    endedAt: T0 + hours * HOUR,
    tariffId: null,
    tariffVersion: null,
    currency: null,
    totalExclVat: '0',
    totalInclVat: '0',
    energyWh: 10_000,
    flags: 'noTariff',
    body: { charging_periods: [] },
    createdAt: T0,
    generation: 1,
    credits: null,
    payerKind: null,
    payerId: null,
    costCentre: null,
    ...extra,
  }
}

let priced: CdrRow
beforeAll(async () => {
  node = await startTestNode()
  admin = await adminSession(node)
  const api = apiClient(node)
  const tariff = await api('POST', '/tariffs', {
    name: 'Flat energy',
    tariff: {
      currency: 'SEK',
      elements: [{ price_components: [{ type: 'ENERGY', price: '2.00', vat: 25, step_size: 1 }] }],
    },
  })
  const { transactions } = node.deps.repos
  const [[row]] = await node.deps.writer.write([
    startedTransaction(transactions, {
      chargerId: 'CP-A',
      evseId: 1,
      connectorId: 1,
      idTag: 'TAG-1',
      startStatus: 'Accepted',
      reservationId: null,
      startedAt: T0,
      meterStartWh: 0,
      ocppTxId: 'tx-a',
      now: T0,
    }),
  ] as const)
  await node.deps.writer.write([
    endedTransaction(transactions, row!.id, {
      endedAt: T0 + HOUR,
      meterStopWh: 10_000,
      energyWh: 10_000,
      stopReason: 'Superseded',
      stopIdTag: null,
      now: T0,
    }),
    transactions.patch(row!.id, { tariffId: tariff.body.id, tariffVersion: 1 }),
  ])
  const written = await node.deps.services.cdrWriter.write(row!.id)
  if (!written) throw new Error('no CDR written')
  priced = written
  const rows = [
    cdrRow('cdr-signed', -1, 'CP-B', 20, {
      body: {
        charging_periods: [],
        signed_data: { encoding_method: 'OCMF', signed_values: [{ nature: 'End', signed_data: 'OCMF|{…}' }] },
      },
    }),
    ...Array.from({ length: 52 }, (_, i) => cdrRow(`cdr-old-${i}`, -100 - i, 'CP-C', 48 + i)),
  ]
  await node.deps.writer.write(rows.map((r) => node.deps.repos.cdrs.insert(r)))
})
afterAll(() => node.dispose())

describe('the CDR pages', () => {
  test('the list is newest first and pages by key, 50 a page, like the chargers list', async () => {
    const linkOf = (html: string, text: string) =>
      (html.match(new RegExp(`<a href="([^"]+)">${text}</a>`))?.[1] ?? '').replaceAll('&amp;', '&')
    const page = await (await admin.get('/admin/cdrs')).text()
    expect(page).toContain('1–50 of 54')
    expect(page.indexOf('cdr-old-51')).toBeLessThan(page.indexOf('cdr-old-50'))
    expect(page).not.toContain(`>${priced.id}<`)
    expect(page).not.toContain('← previous')
    const nextLink = linkOf(page, 'next →')
    expect(nextLink).toContain('after=')
    // a CDR written meanwhile on top does not move the next page
    await node.deps.writer.write([node.deps.repos.cdrs.insert(cdrRow('cdr-newest', -999, 'CP-C', 200))])
    const next = await (await admin.get(nextLink)).text()
    expect(next).toContain('51–54 of 55')
    expect(next).toContain(`>${priced.id}<`)
    expect(next).not.toContain('next →')
    const back = await (await admin.get(linkOf(next, '← previous'))).text()
    expect(back).toContain('1–50 of 55')
    expect(back).toContain('>cdr-old-51<')
    expect(back).not.toContain('>cdr-newest<')
  })

  test('filters by charger and by the date a session ended', async () => {
    const a = await (await admin.get('/admin/cdrs?chargerId=CP-A')).text()
    expect(a).toContain('1–1 of 1')
    const day = await (await admin.get('/admin/cdrs?from=2026-12-08&to=2026-12-08')).text()
    expect(day).toContain('1–1 of 1')
    expect(day).toContain('cdr-signed')
    const bad = await admin.get('/admin/cdrs?from=yesterday')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Enter a date YYYY-MM-DD.')
  })

  test('a CDR: totals excl. and incl. VAT, the lines with why, flags explained, the tariff version', async () => {
    const res = await admin.get(`/admin/cdrs/${priced.id}`)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect([priced.totalExclVat, priced.totalInclVat]).toEqual(['20', '25'])
    expect(page).toContain('<dd>20.00 SEK</dd><dt>VAT</dt><dd>5.00 SEK</dd>')
    expect(page).toContain('<dd class="cdr-total">25.00 SEK</dd>')
    expect(page).toContain('2026-12-07 18:00:00 – 2026-12-07 19:00:00')
    expect(page).toContain('<td>element 1: always</td><td>10 kWh</td>')
    expect(page).toContain('The charger&#x27;s stop was lost')
    expect(page).toContain(`/admin/tariffs/${priced.tariffId}`)
    expect(page).toContain('ENERGY 10')
  })

  test('the signed meter data is shown as kept; an unknown CDR is a 404', async () => {
    const page = await (await admin.get('/admin/cdrs/cdr-signed')).text()
    expect(page).toContain('OCMF|{…}')
    expect(page).toContain('No tariff applied')
    expect((await admin.get('/admin/cdrs/cdr-none')).status).toBe(404)
  })
})
