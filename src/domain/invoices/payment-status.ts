import { Decimal, dec, sum } from '@src/domain/tariffs/decimal'

/** Where an invoice stands: nothing left to pay, open, or open with a reminder sent. */
export type PaymentState = 'unpaid' | 'paid' | 'reminded'

/** What decides an invoice's payment state. */
export interface PaymentFacts {
  totalToPay: string
  dueOn: string
  /** Amounts paid, decimal text. */
  payments: readonly string[]
  /** The total of its credit note (negative), or null when it is not credited. */
  creditedBy: string | null
  reminders: number
}

/** The state, what is left to pay, and whether it is overdue on `today`. */
export interface PaymentStanding {
  status: PaymentState
  outstanding: string
  overdue: boolean
}

/**
 * An invoice is `paid` when its payments (and its credit note, which settles it) leave nothing to pay;
 * otherwise `reminded` once a reminder was sent, else `unpaid`. Overdue: not paid and `today` is past
 * its due date. A credit note has nothing to pay, so it is `paid`.
 *
 * @example paymentStanding({ totalToPay: '125.00', dueOn: '2026-12-31', payments: ['100.00'], creditedBy: null, reminders: 0 }, '2027-01-02') // unpaid, 25.00, overdue
 */
export function paymentStanding(f: PaymentFacts, today: string): PaymentStanding {
  const left = dec(f.totalToPay)
    .minus(sum(f.payments.map(dec)))
    .plus(f.creditedBy === null ? 0 : dec(f.creditedBy))
  const open = left.greaterThan(0)
  return {
    status: !open ? 'paid' : f.reminders > 0 ? 'reminded' : 'unpaid',
    outstanding: Decimal.max(left, 0).toFixed(2),
    overdue: open && today > f.dueOn,
  }
}

/** Decimal text to whole minor units (öre), for exact sums in SQL. */
export const minorUnits = (amount: string): number => dec(amount).times(100).toDecimalPlaces(0).toNumber()
