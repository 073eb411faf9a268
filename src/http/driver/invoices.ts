import type { InvoiceRow } from '@src/db/repos/invoices'
import type { Deps } from '@src/deps'
import type { DriverIdentity } from '@src/services/driver-accounts'
import { attachment, invoicePdfDocument } from '@src/services/invoice-documents'
import { type DriverInvoiceView, InvoicesPage } from '@views/driver/me-invoices'
import { Elysia } from 'elysia'
import { html } from '../admin/render'
import { driverSecretOf, messagesOf } from './driver-cookies'

/** How many invoices the tab lists (the latest). */
const LATEST = 50

/**
 * The driver's "Invoices" tab at `/me/invoices` and each document's PDF at `/me/invoices/:id.pdf`: the
 * invoices and credit notes billed to one of the signed-in person's driver records, or to a household
 * they are a member of (who pays is decided when the CDR is written, `src/domain/invoices/payer.ts`; an
 * employer's business account invoices go to the employer, not here). Any other id is "not found", the
 * same answer as for an id that does not exist. The PDF is rendered from the stored invoice.
 */
export function driverInvoicesController(deps: Deps) {
  const { driverSignIn, driverAccounts, payments } = deps.services
  const identity = async (request: Request): Promise<DriverIdentity | undefined> => {
    const email = await driverSignIn.emailOf(driverSecretOf(request))
    return email ? driverAccounts.identity(email) : undefined
  }
  const own = (me: DriverIdentity) =>
    deps.repos.invoices.ofBuyers(
      [
        { kind: 'driver', ids: me.driverIds },
        { kind: 'household', ids: me.householdIds },
      ],
      LATEST,
    )
  const signInFirst = () => new Response(null, { status: 303, headers: { location: '/me/sign-in' } })
  const view = (r: InvoiceRow, status: DriverInvoiceView['status'], overdue: boolean): DriverInvoiceView => ({
    number: r.number,
    credit: r.kind === 'credit',
    household: r.buyerKind === 'household',
    period: `${r.periodStart} – ${r.periodEnd}`,
    dueOn: r.dueOn,
    total: `${r.totalToPay} ${r.currency}`,
    status,
    overdue,
    pdfHref: `/me/invoices/${encodeURIComponent(r.id)}.pdf`,
  })
  return new Elysia({ name: 'driver-invoices' })
    .get('/me/invoices', async ({ request }) => {
      const me = await identity(request)
      if (!me) return signInFirst()
      const rows = await own(me)
      const settled = await payments.settlementsOf(rows)
      const invoices = rows.map((r) => {
        const s = settled.get(r.id)
        return view(r, s?.status ?? 'unpaid', s?.overdue ?? false)
      })
      return html(InvoicesPage({ m: messagesOf(request), email: me.email, invoices }))
    })
    .get('/me/invoices/:id', async ({ params, request }) => {
      const me = await identity(request)
      if (!me) return signInFirst()
      const m = /^(.{1,60})\.pdf$/.exec(params.id)
      const row = m ? await deps.repos.invoices.find(m[1] as string) : undefined
      const mine =
        row !== undefined &&
        ((row.buyerKind === 'driver' && me.driverIds.includes(row.buyerId)) ||
          (row.buyerKind === 'household' && me.householdIds.includes(row.buyerId)))
      if (!row || !mine)
        return new Response(messagesOf(request).invoices.none, {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        })
      const doc = await invoicePdfDocument(row)
      return new Response(doc.bytes, {
        headers: { 'content-type': doc.contentType, 'content-disposition': attachment(doc) },
      })
    })
}
