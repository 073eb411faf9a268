import { z } from 'zod'

/** `HH:MM`, 00:00 to 23:59, local wall-clock time in the site's zone. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM')

/**
 * One weekly window as stored in `access_policies.windows`: ISO days (Monday = 1) on which it starts,
 * from and to in local time. `to <= from` runs across midnight into the next day (18:00–08:00).
 */
export const windowSchema = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1),
  from: hhmm,
  to: hhmm,
})

/** The stored windows of a policy; an empty array means always. */
export const windowsSchema = z.array(windowSchema)

/** A weekly window (see {@link windowSchema}). */
export type AccessWindow = z.infer<typeof windowSchema>

/** Decimal kWh with up to 6 decimals, exact (compared as integer mWh, never as a float). */
export const kwhSchema = z.string().regex(/^\d+(\.\d{1,6})?$/, 'a decimal number of kWh')

/** A policy as a form or repository gives it, validated before it reaches the evaluator. */
export const policyInputSchema = z.object({
  id: z.string().min(1),
  organizationId: z.string().min(1),
  name: z.string().min(1),
  position: z.number().int(),
  enabled: z.boolean(),
  effect: z.enum(['allow', 'deny']),
  whoKind: z.enum(['anyone', 'token', 'driver', 'household', 'group', 'business']),
  whoId: z.string().nullable(),
  whereKind: z.enum(['organization', 'site', 'circuit', 'charger', 'evse']),
  whereId: z.string().min(1),
  whereSub: z.string().nullable(),
  windows: windowsSchema,
  validFrom: z.number().int().nullable(),
  validUntil: z.number().int().nullable(),
  holidays: z.enum(['ignore', 'exclude', 'only']),
  priceGroup: z.string().nullable(),
  priorityTier: z.number().int().min(1).max(9).nullable(),
  monthlyKwhBudget: kwhSchema.nullable(),
  maxSessionMinutes: z.number().int().positive().nullable(),
})

/** The tier a session without a policy tier has in the site loop: the middle of 1 (served first) to 9 (last). */
export const NORMAL_PRIORITY_TIER = 5

/**
 * An access policy: who × where × when × with what. `priorityTier` is the power priority the site
 * loop honours: 1 is served first, 9 last, null is {@link NORMAL_PRIORITY_TIER}; within a tier the
 * loop's own order (departure, need) holds.
 */
export type AccessPolicy = z.infer<typeof policyInputSchema>

/** The token facts the evaluator needs; the caller resolves owners through the driver and all group memberships. */
export interface AccessToken {
  uid: string
  status: string
  expiresAt: number | null
  parentUid: string | null
  allowConcurrentTx: boolean
  driverId: string | null
  householdId: string | null
  businessAccountId: string | null
  /** Every group the token is in, directly or through its driver, household or business account. */
  groupIds: ReadonlySet<string>
}

/** Where a request is: the site's organization up to the root, the site, the EVSE's circuit chain, charger, EVSE. */
export interface AccessPlace {
  organizationChain: readonly string[]
  siteId: string
  circuitChain: readonly string[]
  chargerId: string
  evseId: number | null
}

/** The site's access settings: its IANA zone, holidays (local `YYYY-MM-DD`) and its default. */
export interface SiteAccess {
  timeZone: string
  holidays: readonly string[]
  accessDefault: 'allowAccepted' | 'deny'
}
