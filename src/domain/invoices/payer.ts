/** Who pays for a session: a business account, a household or a driver. */
export interface Payer {
  kind: 'businessAccount' | 'household' | 'driver'
  id: string
  /** The business account's cost centre (the driver's own) the session is booked to, or null. */
  costCentre: string | null
}

/** The owner facts of a token. */
export interface TokenOwnership {
  driverId: string | null
  householdId: string | null
  businessAccountId: string | null
}

/** The facts of the token's driver that decide who pays. */
export interface DriverOwnership {
  id: string
  householdId: string | null
  businessAccountId: string | null
  costCentre: string | null
}

/**
 * Who pays a CDR: a business account first (a card it owns, or the driver's employer, booked to the
 * driver's cost centre), else a household (the card's, or the driver's), else the driver. Null when the
 * token has no owner (the CDR is reported by billing runs as unbilled, never invoiced).
 *
 * @example payerOf({ driverId: 'd1', householdId: null, businessAccountId: null }, driver) // the driver's business account, if any
 */
export function payerOf(
  token: TokenOwnership | undefined,
  driver: DriverOwnership | undefined,
): Payer | null {
  if (!token) return null
  if (token.businessAccountId)
    return { kind: 'businessAccount', id: token.businessAccountId, costCentre: null }
  if (driver?.businessAccountId)
    return { kind: 'businessAccount', id: driver.businessAccountId, costCentre: driver.costCentre }
  const household = token.householdId ?? driver?.householdId
  if (household) return { kind: 'household', id: household, costCentre: null }
  if (driver) return { kind: 'driver', id: driver.id, costCentre: null }
  return null
}
