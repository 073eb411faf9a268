import type { InvoiceFilter, InvoiceKey } from '@src/db/repos/invoices'
import { z } from 'zod'
import { fieldErrors } from './render'

/** The list's filter read from a query: what was typed, a message per bad field, the repository's filter. */
export function readInvoiceFilter(q: Record<string, unknown>) {
  const text = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, 60) : '')
  const values = {
    status: text('status'),
    period: text('period'),
    buyer: text('buyer'),
    kind: text('kind'),
    org: text('org'),
    run: text('run'),
  }
  const errors: Record<string, string> = {}
  const filter: InvoiceFilter = {}
  if (values.status === 'paid' || values.status === 'unpaid' || values.status === 'reminded')
    filter.status = values.status
  else if (values.status !== '') errors.status = 'Choose paid, unpaid or reminded.'
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) filter.periodStart = `${values.period}-01`
  else if (values.period !== '') errors.period = 'Enter a month YYYY-MM.'
  if (values.kind === 'invoice' || values.kind === 'credit') filter.kind = values.kind
  else if (values.kind !== '') errors.kind = 'Choose invoices or credit notes.'
  if (values.buyer !== '') filter.buyer = values.buyer
  if (values.run !== '') filter.runId = values.run
  if (values.org !== '') filter.organizationId = values.org
  return { values, errors, filter }
}

/** A page key in a link: `{createdAt}~{id}`. */
export const invoiceKeyText = (k: InvoiceKey) => `${k.createdAt}~${k.id}`

/** A page key from a link, or undefined. */
export function invoiceKeyOf(v: unknown): InvoiceKey | undefined {
  const m = typeof v === 'string' ? /^(\d{1,15})~([\w-]{1,40})$/.exec(v) : null
  return m ? { createdAt: Number(m[1]), id: m[2] as string } : undefined
}

/** A calendar date `YYYY-MM-DD` that exists. */
const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`)
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d)
  }, 'no such date')

/**
 * A payment as typed: the date it was paid, and the amount in the invoice's currency. Rounding policy:
 * none. The amount is taken exactly as decimal text with at most 2 decimals (a decimal comma is read
 * as a point); more decimals are refused, never rounded, so what is recorded is what was paid.
 */
const paymentSchema = z.object({
  paidOn: calendarDate,
  amount: z
    .string()
    .trim()
    .transform((a) => a.replace(/\s/g, '').replace(',', '.'))
    .refine((a) => /^\d{1,9}(\.\d{1,2})?$/.test(a), 'an amount like 1250.00, at most 2 decimals')
    .refine((a) => /[1-9]/.test(a), 'more than 0')
    .transform((a) => (a.includes('.') ? a.padEnd(a.indexOf('.') + 3, '0') : `${a}.00`)),
})

/** The payment form: `{ paidOn, amount }` (amount as exact decimal text with 2 decimals), or messages. */
export function parsePaymentForm(
  values: Record<string, string>,
): { ok: true; data: { paidOn: string; amount: string } } | { ok: false; errors: Record<string, string> } {
  const out = paymentSchema.safeParse({ paidOn: values.paidOn ?? '', amount: values.amount ?? '' })
  return out.success ? { ok: true, data: out.data } : { ok: false, errors: fieldErrors(out.error.issues) }
}
