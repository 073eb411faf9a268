import type { InvoiceRow } from '@src/db/repos/invoices'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import { localDate } from '@src/domain/invoices/billing-period'
import type { Invoice } from '@src/domain/invoices/invoice'
import { invoicesCsv } from '@src/domain/invoices/invoice-csv'
import { invoicesSie, SieBookingError } from '@src/domain/invoices/invoice-sie'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { can, type Scope } from '@src/domain/tenancy/scope'
import { invoicePdfDocument } from '@src/services/invoice-documents'
import { InvoicePage } from '@views/admin/invoice'
import { InvoicesPage } from '@views/admin/invoices'
import type { FormState } from '@views/components'
import { Elysia } from 'elysia'
import { requireOperator } from './auth'
import { invoiceKeyOf, invoiceKeyText, parsePaymentForm, readInvoiceFilter } from './invoice-input'
import { invoiceDetailView, invoiceHref, invoiceItemView, totalsText } from './invoice-views'
import { keyPageInfo } from './key-page'
import { formFields, html } from './render'

const PAGE = 50
/** A download holds at most this many invoices (a bigger one is refused: narrow the filter). */
export const EXPORT_MAX = 10_000

const DONE: Readonly<Record<string, string>> = {
  payment: 'Payment recorded.',
  reminder: 'Reminder recorded.',
  credit: 'Credit note issued.',
}

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
const notFound = (id: string) =>
  html(`<p>No invoice ${Bun.escapeHTML(id)}. <a href="/admin/invoices">Back to the invoices</a></p>`, 404)
const toInvoice = (id: string, done: string) =>
  new Response(null, { status: 303, headers: { location: `${invoiceHref(id)}?done=${done}` } })
const download = (body: string | Uint8Array, type: string, name: string) =>
  new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}"` },
  })

/**
 * `/admin/invoices`: the scope's invoices and credit notes (`billing:read`), filtered by status,
 * period, buyer, kind, seller and run, with the filter's totals per currency, paged by key like the
 * CDRs; the filter's CSV (Excel dialect) and SIE 4I files; one invoice's page and PDF (rendered from
 * the stored body by the documents' own renderers, so it is the issued document); and the actions
 * (`billing:write`): record a payment, record a reminder, credit the whole invoice (ticked to confirm).
 * Every action is audited by the service that does it.
 */
export function invoicesAdmin(deps: Deps) {
  const { invoices } = deps.scoped
  const { payments, billingRuns } = deps.services
  const today = () => localDate(deps.clock.now(), DEFAULT_TIME_ZONE)
  const organizations = async (scope: Scope) =>
    (await deps.services.organizationEdits.list(scope))
      .filter((o) => can(scope, 'billing:read', o.id))
      .map((o) => ({ value: o.id, label: o.name === o.id ? o.id : `${o.name} (${o.id})` }))

  const invoicePage = async (
    scope: Scope,
    operator: string,
    row: Seen<InvoiceRow>,
    form: FormState,
    status = 200,
  ) => {
    const [settlements, creditNote, credited] = await Promise.all([
      payments.settlementsOf([row]),
      invoices.creditOf(row),
      row.creditsInvoiceId ? invoices.find(scope, row.creditsInvoiceId) : undefined,
    ])
    const settlement = settlements.get(row.id)
    if (!settlement) return notFound(row.id)
    return html(
      InvoicePage({
        operator,
        invoice: invoiceDetailView(row, settlement, { creditNote, credited }, DEFAULT_TIME_ZONE),
        form,
        canWrite: can(scope, 'billing:write', row.organizationId),
      }),
      status,
    )
  }
  /** The filter's invoices for a download, or the answer why there is none. */
  const exported = async (scope: Scope, query: Record<string, unknown>) => {
    const { errors, filter, values } = readInvoiceFilter(query)
    if (Object.keys(errors).length > 0)
      return { ok: false as const, answer: plain(400, Object.values(errors).join(' ')) }
    const rows = await invoices.exportRows(scope, { ...filter, limit: EXPORT_MAX + 1 })
    if (rows.length > EXPORT_MAX)
      return {
        ok: false as const,
        answer: plain(400, `more than ${EXPORT_MAX} invoices: choose a period or a buyer`),
      }
    return { ok: true as const, bodies: rows.map((r) => r.body as Invoice), name: values.period || 'all' }
  }

  return new Elysia()
    .use(requireOperator(deps))
    .get('/admin/invoices', async ({ query, scope, operator }) => {
      const { values, errors, filter } = readInvoiceFilter(query)
      const after = invoiceKeyOf(query.after)
      const before = invoiceKeyOf(query.before)
      const [page, orgs] = await Promise.all([
        invoices.keyPage(scope!, {
          limit: PAGE,
          ...filter,
          ...(before ? { before } : after ? { after } : {}),
        }),
        organizations(scope!),
      ])
      const settlements = await payments.settlementsOf(page.rows)
      const info = keyPageInfo(page, query.offset, invoiceKeyText)
      return html(
        InvoicesPage({
          operator: operator!.email,
          items: page.rows.map((r) => invoiceItemView(r, settlements.get(r.id))),
          filter: { values, errors },
          organizations: orgs,
          page: info,
          limit: PAGE,
          totals: totalsText(page.sums),
        }),
        Object.keys(errors).length > 0 ? 400 : 200,
      )
    })
    .get('/admin/invoices.csv', async ({ query, scope }) => {
      const out = await exported(scope!, query)
      if (!out.ok) return out.answer
      const dialect = query.dialect === 'machine' ? 'machine' : 'excel'
      return download(
        invoicesCsv(out.bodies, { dialect }),
        'text/csv; charset=utf-8',
        `invoices-${out.name}.csv`,
      )
    })
    .get('/admin/invoices.sie', async ({ query, scope }) => {
      const out = await exported(scope!, query)
      if (!out.ok) return out.answer
      const sellers = [...new Set(out.bodies.map((b) => b.seller.organizationId))]
      const seller = out.bodies[0]?.seller
      if (!seller) return plain(400, 'no invoices match: there is nothing to book')
      if (sellers.length > 1)
        return plain(400, `an SIE file is one seller's: choose an organization (${sellers.join(', ')})`)
      const generatedOn = today()
      const year = (out.bodies[0]?.periodStart ?? generatedOn).slice(0, 4)
      try {
        const sie = invoicesSie({
          seller,
          invoices: out.bodies,
          generatedOn,
          fiscalYearStart: `${year}-01-01`,
        })
        return download(sie, 'text/plain; charset=IBM437', `invoices-${out.name}.si`)
      } catch (err) {
        if (err instanceof SieBookingError) return plain(400, err.message)
        throw err
      }
    })
    .get('/admin/invoices/:id', async ({ params, query, scope, operator }) => {
      const pdf = params.id.endsWith('.pdf')
      const id = pdf ? params.id.slice(0, -4) : params.id
      const row = await invoices.find(scope!, id)
      if (!row) return notFound(id)
      if (pdf) {
        const doc = await invoicePdfDocument(row)
        return download(doc.bytes, doc.contentType, doc.filename)
      }
      const notice = typeof query.done === 'string' ? DONE[query.done] : undefined
      return invoicePage(scope!, operator!.email, row, {
        values: {},
        errors: {},
        ...(notice ? { notice } : {}),
      })
    })
    .post('/admin/invoices/:id/payments', async ({ params, body, scope, operator }) => {
      const r = await invoices.reach(scope!, params.id)
      if (!r.ok) return r.status === 404 ? notFound(params.id) : plain(403, r.message)
      const values = formFields(body)
      if (r.row.kind !== 'invoice')
        return invoicePage(
          scope!,
          operator!.email,
          r.row,
          { values, errors: { form: 'A credit note is not paid.' } },
          409,
        )
      const form = parsePaymentForm(values)
      if (!form.ok) return invoicePage(scope!, operator!.email, r.row, { values, errors: form.errors }, 400)
      await payments.markPaid(scope!, r.row, form.data)
      return toInvoice(r.row.id, 'payment')
    })
    .post('/admin/invoices/:id/reminders', async ({ params, scope, operator }) => {
      const r = await invoices.reach(scope!, params.id)
      if (!r.ok) return r.status === 404 ? notFound(params.id) : plain(403, r.message)
      const standing = (await payments.settlementsOf([r.row])).get(r.row.id)
      if (r.row.kind !== 'invoice' || standing?.status === 'paid')
        return invoicePage(
          scope!,
          operator!.email,
          r.row,
          { values: {}, errors: { form: 'Nothing is left to pay: no reminder is needed.' } },
          409,
        )
      await payments.remind(scope!, r.row)
      return toInvoice(r.row.id, 'reminder')
    })
    .post('/admin/invoices/:id/credit', async ({ params, body, scope, operator }) => {
      const r = await invoices.reach(scope!, params.id)
      if (!r.ok) return r.status === 404 ? notFound(params.id) : plain(403, r.message)
      const values = formFields(body)
      if (values.confirm !== 'yes')
        return invoicePage(
          scope!,
          operator!.email,
          r.row,
          { values, errors: { confirm: 'Tick to confirm: a credit note cannot be undone.' } },
          400,
        )
      const out = await billingRuns.credit(scope!, r.row)
      if (!out.ok)
        return invoicePage(scope!, operator!.email, r.row, { values, errors: { form: out.message } }, 409)
      return toInvoice(out.note.id, 'credit')
    })
}
