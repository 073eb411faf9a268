import type { InvoiceRow } from '@src/db/repos/invoices'
import type { Seen } from '@src/db/repos/seen'
import type { Deps } from '@src/deps'
import { localDate } from '@src/domain/invoices/billing-period'
import type { Invoice } from '@src/domain/invoices/invoice'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import type { Scope } from '@src/domain/tenancy/scope'
import { monthInput, paymentInput } from '@src/services/billing-input'
import { sellerOf } from '@src/services/billing-runs'
import {
  attachment,
  type InvoiceDocument,
  invoicePdfDocument,
  invoicesCsvDocument,
  invoicesSieDocument,
} from '@src/services/invoice-documents'
import type { Settlement } from '@src/services/payments'
import { Elysia } from 'elysia'
import { z } from 'zod'
import { apiErrorSchema, apiErrors } from './error-schema'
import { apiScoped, refused } from './guard'
import {
  invoiceDetailJson,
  invoiceDetailSchema,
  invoiceSummaryJson,
  invoiceSummarySchema,
} from './invoice-present'

/** The most invoices one CSV or SIE export carries (a month of a large seller). */
export const INVOICE_EXPORT_MAX = 50_000
/** `:id` of `GET /invoices/:id`: an invoice's id, or its id with `.pdf` for the document. */
const idOrPdf = z.object({ id: z.string().regex(/^[\w-]{1,40}(\.pdf)?$/, 'not an invoice id') })
const idParam = z.object({ id: z.string().min(1).max(40) })
const periodQuery = {
  period: monthInput,
  organizationId: z.string().min(1).max(64).optional(),
}
const writeErrors = { ...apiErrors, 404: apiErrorSchema, 409: apiErrorSchema, 413: apiErrorSchema }

/** The standing the payment port gave a row (it gives one for every row it is asked about). */
function standingIn(standings: Map<string, Settlement>, row: InvoiceRow): Settlement {
  const s = standings.get(row.id)
  if (!s) throw new Error(`the payment port gave no standing for invoice ${row.id}`)
  return s
}

/** A refusal as a response, for the routes that answer documents (which are responses themselves). */
function refusal(r: { status: 400 | 403 | 404 | 409; message: string }): Response {
  return Response.json(refused({}, r), { status: r.status })
}

const download = (doc: InvoiceDocument) =>
  new Response(doc.bytes, {
    headers: { 'content-type': doc.contentType, 'content-disposition': attachment(doc) },
  })

/**
 * `/api/v1/invoices`: the seller's invoices and credit notes with their payment standing
 * (`billing:read`), their PDF, the period's CSV and SIE exports, and crediting, payments and reminders
 * (`billing:write`).
 */
export function invoicesApi(deps: Deps) {
  const { invoices } = deps.scoped
  const { payments } = deps.services
  const today = () => localDate(deps.clock.now(), DEFAULT_TIME_ZONE)
  const standing = async (row: InvoiceRow) => standingIn(await payments.settlementsOf([row]), row)
  /** The seller's invoices and credit notes of a month, oldest number first, for an export. */
  const ofPeriod = async (scope: Scope, organizationId: string, period: string) => {
    const { rows } = await invoices.list(scope, {
      periodStart: `${period}-01`,
      organizationId,
      limit: INVOICE_EXPORT_MAX,
      offset: 0,
    })
    return rows.sort((a, b) => a.seq - b.seq)
  }
  /** Records a payment or a reminder after the same checks: a write reach, and not a credit note. */
  const settle = async (
    scope: Scope,
    id: string,
    set: { status?: number | string },
    act: (row: Seen<InvoiceRow>) => Promise<string | undefined>,
  ) => {
    const reached = await invoices.reach(scope, id)
    if (!reached.ok) return refused(set, reached)
    if (reached.row.kind !== 'invoice')
      return refused(set, { status: 409, message: `${reached.row.number} is a credit note: nothing to pay` })
    const conflict = await act(reached.row)
    if (conflict) return refused(set, { status: 409, message: conflict })
    set.status = 201
    return invoiceDetailJson(reached.row, await standing(reached.row))
  }
  return new Elysia({ detail: { tags: ['Billing'] } })
    .use(apiScoped(deps))
    .get(
      '/invoices',
      async ({ query, scope }) => {
        const { status, period, ...rest } = query
        const { rows, total } = await invoices.list(scope, {
          ...rest,
          ...(period && { periodStart: `${period}-01` }),
          ...(status === 'overdue' ? { overdueOn: today() } : status && { status }),
        })
        const standings = await payments.settlementsOf(rows)
        return {
          items: rows.map((r) => invoiceSummaryJson(r, standingIn(standings, r))),
          total,
        }
      },
      {
        query: z.object({
          status: z.enum(['paid', 'unpaid', 'reminded', 'overdue']).optional(),
          buyerKind: z.enum(['driver', 'household', 'businessAccount']).optional(),
          buyerId: z.string().min(1).max(64).optional(),
          period: monthInput.optional(),
          kind: z.enum(['invoice', 'credit']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: z.object({ items: z.array(invoiceSummarySchema), total: z.number().int() }),
          ...apiErrors,
        },
        detail: {
          summary: 'List invoices and credit notes, newest first, with where each stands',
          description:
            'Filters: status (paid, unpaid, reminded; overdue: open past its due date), buyerKind and buyerId, period (YYYY-MM), kind (invoice or credit).',
        },
      },
    )
    .get(
      '/invoices.csv',
      async ({ query, scope }) => {
        const seller = invoices.seller(scope, 'read', query.organizationId)
        if (!seller.ok) return refusal({ status: 400, message: seller.message })
        const rows = await ofPeriod(scope, seller.organizationId, query.period)
        return download(invoicesCsvDocument(rows, query.period, query.dialect))
      },
      {
        query: z.object({ ...periodQuery, dialect: z.enum(['excel', 'machine']).default('excel') }),
        response: { 200: z.string(), ...apiErrors },
        detail: {
          summary: "A month's invoice lines as CSV (text/csv; charset=utf-8)",
          description:
            "dialect excel (default: ';', decimal comma, a UTF-8 BOM) or machine (',', decimal point). One row per invoice line, the seller's invoices and credit notes of the period.",
        },
      },
    )
    .get(
      '/invoices.sie',
      async ({ query, scope }) => {
        const seller = invoices.seller(scope, 'read', query.organizationId)
        if (!seller.ok) return refusal({ status: 400, message: seller.message })
        const rows = await ofPeriod(scope, seller.organizationId, query.period)
        const profile = await deps.services.billingProfiles.of(seller.organizationId)
        const first = rows[0]?.body as Invoice | undefined
        const from = first?.seller ?? (profile && sellerOf(profile))
        if (!from)
          return refusal({
            status: 409,
            message: `organization ${seller.organizationId} has no billing profile and no invoices`,
          })
        const timeZone = profile?.timeZone ?? DEFAULT_TIME_ZONE
        const out = invoicesSieDocument({
          seller: from,
          rows,
          period: query.period,
          generatedOn: localDate(deps.clock.now(), timeZone),
        })
        return out.ok ? download(out.doc) : refusal({ status: 409, message: out.message })
      },
      {
        query: z.object(periodQuery),
        response: { 200: z.string(), ...apiErrors, 409: apiErrorSchema },
        detail: {
          summary:
            "A month's invoices as an SIE 4I file for the bookkeeping (CP437: text/plain; charset=IBM437)",
          description:
            'One verification per invoice and credit note on its issue date; the fiscal year is the calendar year of the period. 409 when an invoice cannot be booked (a VAT rate without an account).',
        },
      },
    )
    .get(
      '/invoices/:id',
      async ({ params, scope }) => {
        const pdf = params.id.endsWith('.pdf')
        const id = pdf ? params.id.slice(0, -4) : params.id
        const row = await invoices.find(scope, id)
        if (!row) return refusal({ status: 404, message: `no invoice ${id}` })
        if (pdf) return download(await invoicePdfDocument(row))
        // a Response is not checked against the route's schema, so the JSON is parsed by it here
        return Response.json(invoiceDetailSchema.parse(invoiceDetailJson(row, await standing(row))))
      },
      {
        params: idOrPdf,
        response: { 200: invoiceDetailSchema, ...apiErrors, 404: apiErrorSchema },
        detail: {
          summary: 'Get an invoice: the issued invoice, where it stands; with .pdf, its PDF',
          description:
            'GET /invoices/{id} answers JSON; GET /invoices/{id}.pdf answers the document (application/pdf, Content-Disposition: attachment; filename="<number>.pdf").',
        },
      },
    )
    .post(
      '/invoices/:id/credit',
      async ({ params, set, scope }) => {
        const reached = await invoices.reach(scope, params.id)
        if (!reached.ok) return refused(set, reached)
        const out = await deps.services.billingRuns.credit(scope, reached.row)
        if (!out.ok) return refused(set, { status: 409, message: out.message })
        set.status = 201
        return invoiceDetailJson(out.note, await standing(out.note))
      },
      {
        params: idParam,
        response: { 201: invoiceDetailSchema, ...writeErrors },
        detail: {
          summary: 'Credit an invoice whole: a credit note numbered from the same sequence',
          description: '409 when the invoice is already credited, or is itself a credit note.',
        },
      },
    )
    .post(
      '/invoices/:id/payments',
      ({ params, body, set, scope }) =>
        settle(scope, params.id, set, async (row) => {
          await payments.markPaid(scope, row, { paidOn: body.date, amount: body.amount })
          return undefined
        }),
      {
        params: idParam,
        body: paymentInput,
        response: { 201: invoiceDetailSchema, ...writeErrors },
        detail: {
          summary: 'Record a payment of an invoice: the day and the amount (decimal text)',
          description:
            'Body: {"date":"2026-12-20","amount":"63.00"}. Answers the invoice with its new standing.',
        },
      },
    )
    .post(
      '/invoices/:id/reminders',
      ({ params, set, scope }) =>
        settle(scope, params.id, set, async (row) => {
          if ((await standing(row)).status === 'paid') return `${row.number} is paid: nothing to remind of`
          await payments.remind(scope, row)
          return undefined
        }),
      {
        params: idParam,
        response: { 201: invoiceDetailSchema, ...writeErrors },
        detail: { summary: 'Record that a reminder was sent for an open invoice' },
      },
    )
}
