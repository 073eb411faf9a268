/**
 * Decimal kWh text (`'12.5'`, up to 6 decimals) as integer mWh, exact: budgets are compared without floats.
 *
 * @example
 * kwhToMwh('12.5') // 12_500_000
 */
export function kwhToMwh(kwh: string): number {
  const [whole, frac = ''] = kwh.split('.')
  return Number(whole) * 1_000_000 + Number(frac.padEnd(6, '0'))
}

/** Whether `usedWh` (integer Wh this month) has reached a budget in decimal kWh. */
export function budgetSpent(budgetKwh: string, usedWh: number): boolean {
  return usedWh * 1000 >= kwhToMwh(budgetKwh)
}
