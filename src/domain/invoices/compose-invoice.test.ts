import { describe, expect, test } from 'bun:test'
import { dec } from '@src/domain/tariffs/decimal'
import { billingPlan, type CandidateCdr } from './billing-plan'
import {
  type BillableCdr,
  composeInvoice,
  creditNoteOf,
  type InvoiceDraft,
  invoiceNumber,
} from './compose-invoice'
import type { InvoiceBuyer, InvoiceSeller } from './invoice'

const seller: InvoiceSeller = {
  organizationId: 'brf',
  name: 'BRF Eken',
  companyNumber: '769600-1234',
  vatNumber: 'SE769600123401',
  addressLines: ['Ekvägen 1', '123 45 Stockholm'],
  country: 'SE',
  email: null,
  bankgiro: '123-4567',
  iban: null,
}
const household: InvoiceBuyer = {
  kind: 'household',
  id: 'h1',
  name: 'Lgh 1101',
  companyNumber: null,
  vatNumber: null,
  addressLines: ['Ekvägen 1, lgh 1101'],
  country: 'SE',
  email: null,
}
const german: InvoiceBuyer = {
  ...household,
  kind: 'businessAccount',
  id: 'b1',
  name: 'Acme GmbH',
  vatNumber: 'DE123456789',
  country: 'DE',
}

const cdr = (
  id: string,
  excl: string,
  incl: string,
  startedAt = Date.parse('2026-11-03T17:00:00Z'),
): BillableCdr => ({
  id,
  startedAt,
  endedAt: startedAt + 3_600_000,
  chargerId: 'CP1',
  siteName: 'Eken garage',
  timeZone: 'Europe/Stockholm',
  idTag: '04A2B3C4',
  currency: 'SEK',
  totalExclVat: excl,
  totalInclVat: incl,
  vatRatePercent: '25',
  energyWh: 12_345,
  costCentre: null,
  credits: null,
})

const draft = (buyer: InvoiceBuyer, cdrs: BillableCdr[]): InvoiceDraft => ({
  id: 'inv-1',
  seq: 42,
  number: invoiceNumber('2026-', 42),
  seller,
  buyer,
  language: 'sv',
  issuedOn: '2026-12-01',
  dueOn: '2026-12-31',
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  cdrs,
})

describe('an invoice from its CDRs', () => {
  test('lines per CDR, VAT per rate as the sum of the lines, öresavrundning to whole kronor', () => {
    const inv = composeInvoice(
      draft(household, [
        cdr('c2', '40.10', '50.13', Date.parse('2026-11-05T06:00:00Z')),
        cdr('c1', '59.80', '74.75'),
      ]),
    )
    expect(inv.number).toBe('2026-000042')
    expect(inv.lines.map((l) => [l.cdrId, l.amountExclVat, l.vat, l.amountInclVat, l.energyKWh])).toEqual([
      ['c1', '59.80', '14.95', '74.75', '12.345'],
      ['c2', '40.10', '10.03', '50.13', '12.345'],
    ])
    expect(inv.lines[0]?.description).toBe('Laddning, Eken garage (kort 04A2B3C4)')
    expect(inv.lines[0]?.startedAt).toBe('2026-11-03T18:00:00+01:00')
    expect(inv.vatRows).toEqual([{ ratePercent: '25', base: '99.90', vat: '24.98' }])
    expect([inv.totalExclVat, inv.totalVat, inv.rounding, inv.totalToPay]).toEqual([
      '99.90',
      '24.98',
      '0.12',
      '125.00',
    ])
    expect(inv.reverseCharge).toBe(false)
    expect(inv.paymentReference).toBe('4242')
  })

  test('several rates: one row each, highest first', () => {
    const food = { ...cdr('c2', '10.00', '11.20'), vatRatePercent: '12' }
    const inv = composeInvoice(draft(household, [food, cdr('c1', '10.00', '12.50')]))
    expect(inv.vatRows).toEqual([
      { ratePercent: '25', base: '10.00', vat: '2.50' },
      { ratePercent: '12', base: '10.00', vat: '1.20' },
    ])
    expect([inv.totalToPay, inv.rounding]).toEqual(['24.00', '0.30'])
  })

  test('reverse charge: a German business with a VAT number pays no Swedish VAT', () => {
    const inv = composeInvoice(draft(german, [cdr('c1', '59.80', '74.75')]))
    expect(inv.reverseCharge).toBe(true)
    expect(inv.lines[0]).toMatchObject({ vatRatePercent: '0', vat: '0.00', amountInclVat: '59.80' })
    expect(inv.vatRows).toEqual([{ ratePercent: '0', base: '59.80', vat: '0.00' }])
    expect([inv.totalToPay, inv.rounding]).toEqual(['60.00', '0.20'])
  })

  test('a credit CDR is a negative line naming what it credits, and the totals net out', () => {
    const credit = { ...cdr('c1-2', '-59.80', '-74.75'), credits: 'c1' }
    const inv = composeInvoice(
      draft(household, [cdr('c1', '59.80', '74.75'), credit, cdr('c1-3', '61.00', '76.25')]),
    )
    expect(inv.lines[1]?.description).toBe('Kreditering c1, laddning, Eken garage (kort 04A2B3C4)')
    expect([inv.totalExclVat, inv.totalVat, inv.rounding, inv.totalToPay]).toEqual([
      '61.00',
      '15.25',
      '-0.25',
      '76.00',
    ])
  })

  test('no rounding outside SEK', () => {
    const inv = composeInvoice(draft(household, [{ ...cdr('c1', '9.80', '12.25'), currency: 'EUR' }]))
    expect([inv.currency, inv.rounding, inv.totalToPay]).toEqual(['EUR', '0.00', '12.25'])
  })
})

describe('a credit note', () => {
  test('negates every line, row, total and the rounding; its own number; credits the invoice', () => {
    const inv = composeInvoice(draft(household, [cdr('c1', '59.80', '74.75')]))
    const note = creditNoteOf(inv, {
      id: 'inv-2',
      seq: 43,
      number: '2026-000043',
      issuedOn: '2026-12-05',
      dueOn: '2026-12-05',
    })
    expect(note).toMatchObject({
      kind: 'credit',
      number: '2026-000043',
      credits: '2026-000042',
      paymentReference: '4341',
    })
    expect(note.lines[0]).toMatchObject({
      amountExclVat: '-59.80',
      vat: '-14.95',
      amountInclVat: '-74.75',
      energyKWh: '-12.345',
    })
    expect(note.vatRows).toEqual([{ ratePercent: '25', base: '-59.80', vat: '-14.95' }])
    expect([note.totalExclVat, note.totalVat, note.rounding, note.totalToPay]).toEqual([
      '-59.80',
      '-14.95',
      '-0.25',
      '-75.00',
    ])
    expect(dec(inv.totalToPay).plus(note.totalToPay).toFixed(2)).toBe('0.00')
  })
})

describe('the billing plan', () => {
  const candidate = (id: string, over: Partial<CandidateCdr>): CandidateCdr => ({
    ...cdr(id, '10.00', '12.50'),
    payer: { kind: 'driver', id: 'd1', costCentre: null },
    ...over,
  })
  test('one group per payer; no payer, unknown VAT and another currency reported; free CDRs skipped', () => {
    const plan = billingPlan(
      [
        candidate('a', {}),
        candidate('b', { payer: { kind: 'household', id: 'h1', costCentre: null } }),
        candidate('c', {}),
        candidate('d', { payer: null }),
        candidate('e', { vatRatePercent: null }),
        candidate('f', { currency: 'EUR' }),
        candidate('g', { currency: null, totalExclVat: '0', totalInclVat: '0' }),
      ],
      'SEK',
    )
    expect(plan.groups.map((g) => [g.payer.id, g.cdrs.map((c) => c.id)])).toEqual([
      ['d1', ['a', 'c']],
      ['h1', ['b']],
    ])
    expect(plan.unbilled).toEqual([
      { cdrId: 'd', reason: 'noPayer' },
      { cdrId: 'e', reason: 'vatUnknown' },
      { cdrId: 'f', reason: 'otherCurrency' },
    ])
  })
})
