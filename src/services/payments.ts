import type { InvoiceRow, InvoicesRepo, PaymentRow, ReminderRow } from '@src/db/repos/invoices'
import type { DbWriter } from '@src/db/writer'
import { localDate } from '@src/domain/invoices/billing-period'
import { minorUnits, type PaymentStanding, paymentStanding } from '@src/domain/invoices/payment-status'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { randomId } from '@src/lib/ids'
import type { Audit } from './audit'

/** An invoice's standing with what it rests on. */
export interface Settlement extends PaymentStanding {
  payments: PaymentRow[]
  reminders: ReminderRow[]
  /** The number of the credit note that credits it, or null. */
  creditedBy: string | null
}

/**
 * The payment port: where an invoice stands (`unpaid`, `paid`, `reminded`; overdue when unpaid past its
 * due date), and the two things a person does about it. A card-payment adapter would record payments
 * from its provider behind the same port.
 */
export interface PaymentStatus {
  settlementsOf(invoices: readonly InvoiceRow[]): Promise<Map<string, Settlement>>
  markPaid(scope: Scope, invoice: InvoiceRow, payment: { paidOn: string; amount: string }): Promise<void>
  remind(scope: Scope, invoice: InvoiceRow): Promise<void>
}

/** The manual adapter: an operator records a payment (date, amount) or that a reminder was sent. */
export class ManualPayments implements PaymentStatus {
  constructor(
    private readonly deps: {
      clock: Clock
      writer: DbWriter
      invoices: InvoicesRepo
      audit: Audit
      timeZone: string
    },
  ) {}

  async settlementsOf(rows: readonly InvoiceRow[]): Promise<Map<string, Settlement>> {
    const ids = rows.map((r) => r.id)
    const [{ payments, reminders }, credits] = await Promise.all([
      this.deps.invoices.settlementsOf(ids),
      this.deps.invoices.creditNotesOf(ids),
    ])
    const today = localDate(this.deps.clock.now(), this.deps.timeZone)
    const out = new Map<string, Settlement>()
    for (const row of rows) {
      const paid = payments.filter((p) => p.invoiceId === row.id)
      const sent = reminders.filter((r) => r.invoiceId === row.id)
      const credit = credits.find((c) => c.creditsInvoiceId === row.id)
      const standing = paymentStanding(
        {
          totalToPay: row.totalToPay,
          dueOn: row.dueOn,
          payments: paid.map((p) => p.amount),
          creditedBy: credit?.totalToPay ?? null,
          reminders: sent.length,
        },
        today,
      )
      out.set(row.id, { ...standing, payments: paid, reminders: sent, creditedBy: credit?.number ?? null })
    }
    return out
  }

  async markPaid(
    scope: Scope,
    invoice: InvoiceRow,
    payment: { paidOn: string; amount: string },
  ): Promise<void> {
    const row: PaymentRow = {
      id: `pay-${randomId(9)}`,
      invoiceId: invoice.id,
      paidOn: payment.paidOn,
      amount: payment.amount,
      amountMinor: minorUnits(payment.amount),
      recordedBy: scope.actor.label,
      createdAt: this.deps.clock.now(),
    }
    await this.deps.writer.write([
      this.deps.invoices.insertPayment(row),
      this.#audit(scope, invoice, 'invoice.paid', { paidOn: row.paidOn, amount: row.amount }),
    ])
  }

  async remind(scope: Scope, invoice: InvoiceRow): Promise<void> {
    const sentAt = this.deps.clock.now()
    await this.deps.writer.write([
      this.deps.invoices.insertReminder({ invoiceId: invoice.id, sentAt, sentBy: scope.actor.label }),
      this.#audit(scope, invoice, 'invoice.reminded', { sentAt }),
    ])
  }

  #audit(scope: Scope, invoice: InvoiceRow, action: string, after: unknown) {
    return this.deps.audit.entry(scope, {
      organizationId: invoice.organizationId,
      action,
      entity: 'invoice',
      entityId: invoice.id,
      before: null,
      after,
    })
  }
}
