import { describe, expect, test } from 'bun:test'
import { minorUnits, type PaymentFacts, paymentStanding } from './payment-status'

const facts = (over: Partial<PaymentFacts>): PaymentFacts => ({
  totalToPay: '125.00',
  dueOn: '2026-12-31',
  payments: [],
  creditedBy: null,
  reminders: 0,
  ...over,
})

describe('payment standing', () => {
  test.each([
    ['nothing paid, before due', {}, '2026-12-31', 'unpaid', '125.00', false],
    ['nothing paid, past due: overdue', {}, '2027-01-01', 'unpaid', '125.00', true],
    ['partly paid', { payments: ['100.00'] }, '2027-01-01', 'unpaid', '25.00', true],
    ['paid in two parts', { payments: ['100.00', '25.00'] }, '2027-02-01', 'paid', '0.00', false],
    ['overpaid', { payments: ['130.00'] }, '2027-02-01', 'paid', '0.00', false],
    ['reminded, still open', { reminders: 1 }, '2027-01-10', 'reminded', '125.00', true],
    ['credited: nothing left', { creditedBy: '-125.00' }, '2027-02-01', 'paid', '0.00', false],
    ['a credit note', { totalToPay: '-125.00' }, '2027-02-01', 'paid', '0.00', false],
  ] as const)('%s', (_, over, today, status, outstanding, overdue) => {
    expect(paymentStanding(facts(over), today)).toEqual({ status, outstanding, overdue })
  })

  test('minor units are exact', () => {
    expect(minorUnits('125.00')).toBe(12500)
    expect(minorUnits('-0.10')).toBe(-10)
    expect(minorUnits('0.29')).toBe(29)
  })
})
