import type { Invoice } from './invoice'

/** Every word an invoice document prints, in one language. */
export interface InvoiceLabels {
  invoice: string
  credit: string
  credits: string
  number: string
  issuedOn: string
  dueOn: string
  period: string
  paymentReference: string
  seller: string
  buyer: string
  companyNumber: string
  vatNumber: string
  email: string
  bankgiro: string
  iban: string
  time: string
  siteCharger: string
  description: string
  energy: string
  costCentre: string
  vatPercent: string
  amountExclVat: string
  vatRate: string
  vatBase: string
  vat: string
  totalExclVat: string
  totalVat: string
  rounding: string
  totalToPay: string
  totalCredited: string
  reverseCharge: string
}

/** The labels in Swedish and English; a test checks both have every label and that they differ. */
export const INVOICE_LABELS: Record<Invoice['language'], InvoiceLabels> = {
  sv: {
    invoice: 'Faktura',
    credit: 'Kreditfaktura',
    credits: 'Krediterar faktura',
    number: 'Fakturanummer',
    issuedOn: 'Fakturadatum',
    dueOn: 'Förfallodatum',
    period: 'Period',
    paymentReference: 'OCR-nummer',
    seller: 'Säljare',
    buyer: 'Kund',
    companyNumber: 'Org.nr',
    vatNumber: 'Momsreg.nr',
    email: 'E-post',
    bankgiro: 'Bankgiro',
    iban: 'IBAN',
    time: 'Tid',
    siteCharger: 'Plats / laddpunkt',
    description: 'Beskrivning',
    energy: 'kWh',
    costCentre: 'Kostnadsställe',
    vatPercent: 'Moms %',
    amountExclVat: 'Belopp exkl. moms',
    vatRate: 'Momssats',
    vatBase: 'Underlag',
    vat: 'Moms',
    totalExclVat: 'Summa exkl. moms',
    totalVat: 'Summa moms',
    rounding: 'Öresavrundning',
    totalToPay: 'Att betala',
    totalCredited: 'Att kreditera',
    reverseCharge: 'Omvänd betalningsskyldighet',
  },
  en: {
    invoice: 'Invoice',
    credit: 'Credit note',
    credits: 'Credits invoice',
    number: 'Invoice number',
    issuedOn: 'Invoice date',
    dueOn: 'Due date',
    period: 'Period',
    paymentReference: 'Payment reference (OCR)',
    seller: 'Seller',
    buyer: 'Customer',
    companyNumber: 'Company reg. no.',
    vatNumber: 'VAT reg. no.',
    email: 'Email',
    bankgiro: 'Bankgiro',
    iban: 'IBAN',
    time: 'Time',
    siteCharger: 'Site / charger',
    description: 'Description',
    energy: 'kWh',
    costCentre: 'Cost centre',
    vatPercent: 'VAT %',
    amountExclVat: 'Amount excl. VAT',
    vatRate: 'VAT rate',
    vatBase: 'Taxable amount',
    vat: 'VAT',
    totalExclVat: 'Total excl. VAT',
    totalVat: 'Total VAT',
    rounding: 'Rounding',
    totalToPay: 'Total to pay',
    totalCredited: 'Total credited',
    reverseCharge: 'Reverse charge: VAT to be accounted for by the recipient, art. 196 Directive 2006/112/EC',
  },
}

/**
 * A decimal text (`-1234.50`, `12.125`) as the language writes numbers: `-1 234,50` in Swedish (space
 * between thousands, decimal comma), `-1,234.50` in English. The digits are the text's own: no rounding.
 */
export function formatDecimal(value: string, language: Invoice['language']): string {
  const negative = value.startsWith('-')
  const [whole = '0', fraction] = (negative ? value.slice(1) : value).split('.')
  const group = language === 'sv' ? ' ' : ','
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)
  const decimals = fraction === undefined ? '' : `${language === 'sv' ? ',' : '.'}${fraction}`
  return `${negative ? '-' : ''}${grouped}${decimals}`
}
