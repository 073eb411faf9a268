/**
 * The Luhn (modulus 10) check digit of a string of digits, as Bankgirot's OCR check computes it: from
 * the right, every other digit doubled (digits of the product added), the check digit what brings the
 * sum to a multiple of ten.
 */
export function luhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`not digits: ${digits}`)
  let total = 0
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[digits.length - 1 - i])
    const v = i % 2 === 0 ? d * 2 : d
    total += v > 9 ? v - 9 : v
  }
  return (10 - (total % 10)) % 10
}

/**
 * The OCR payment reference of an invoice: the seller's sequence number, a length digit (the whole
 * reference's length, modulo 10) and the Luhn check digit, so a bank with Bankgirot's "hård kontroll"
 * (length and check digit) refuses a mistyped reference.
 *
 * @example ocrReference(42) // '4242': 42, length digit 4, check digit 2
 */
export function ocrReference(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`not a sequence number: ${seq}`)
  const base = String(seq)
  const withLength = base + String((base.length + 2) % 10)
  return withLength + String(luhnCheckDigit(withLength))
}

/** True when `reference` carries a valid length digit and Luhn check digit. */
export function isOcrReference(reference: string): boolean {
  if (!/^\d{3,25}$/.test(reference)) return false
  const body = reference.slice(0, -1)
  return (
    Number(reference.at(-2)) === reference.length % 10 && luhnCheckDigit(body) === Number(reference.at(-1))
  )
}
