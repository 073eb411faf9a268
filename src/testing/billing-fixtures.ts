import type { NewCdr } from '@src/db/repos/cdrs'
import type { BillingProfileInput } from '@src/services/billing-profiles'

/** A seller profile for tests: a Swedish co-op invoicing in SEK, in Swedish, 30 days to pay. */
export function testProfile(over: Partial<BillingProfileInput> = {}): BillingProfileInput {
  return {
    legalName: 'BRF Eken',
    companyNumber: '769600-1234',
    vatNumber: 'SE769600123401',
    addressLines: ['Ekvägen 1', '123 45 Stockholm'],
    country: 'SE',
    email: 'styrelsen@eken.example',
    bankgiro: '123-4567',
    iban: null,
    paymentTermsDays: 30,
    invoicePrefix: '2026-',
    language: 'sv',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
    ...over,
  }
}

let n = 0

/**
 * A CDR for tests: an hour's session ending at `endedAt` (ms), priced at 25 % VAT, paid by `payer`
 * (`kind:id`, or null for none), with the given totals.
 */
export function testCdr(o: {
  organizationId: string
  payer: string | null
  endedAt: number
  excl?: string
  incl?: string
  id?: string
  costCentre?: string
}): NewCdr {
  n++
  const id = o.id ?? `cdr-t${n}`
  const [kind, payerId] = o.payer ? o.payer.split(':') : [null, null]
  return {
    id,
    transactionId: -100_000 - n,
    organizationId: o.organizationId,
    payerKind: kind ?? null,
    payerId: payerId ?? null,
    costCentre: o.costCentre ?? null,
    chargerId: 'CP-BILL',
    evseId: 1,
    idTag: 'CARD-1',
    startedAt: o.endedAt - 3_600_000,
    endedAt: o.endedAt,
    tariffId: 'home',
    tariffVersion: 1,
    currency: 'SEK',
    totalExclVat: o.excl ?? '40.00',
    totalInclVat: o.incl ?? '50.00',
    energyWh: 10_000,
    flags: '',
    body: { id, tariffs: [{ elements: [{ price_components: [{ type: 'ENERGY', price: 4, vat: 25 }] }] }] },
    createdAt: o.endedAt,
  }
}
