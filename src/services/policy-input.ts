import { kwhSchema, windowsSchema } from '@src/domain/access/model'
import { z } from 'zod'

/** An optional field: missing, empty or null is null (an empty form box and the API's omission alike). */
const optional = <T extends z.ZodType>(field: T) =>
  z
    .preprocess((v) => (v === '' || v === undefined ? null : v), field.nullable())
    .optional()
    .default(null)

const id = z.string().trim().min(1).max(64)

/** What decides a policy's who: `anyone` (any accepted token) or one token, driver, household, group or business account. */
export const WHO_KINDS = ['anyone', 'token', 'driver', 'household', 'group', 'business'] as const
/** Where a policy holds: a whole organization, a site, a sub-circuit of a site, a charger or one EVSE. */
export const WHERE_KINDS = ['organization', 'site', 'circuit', 'charger', 'evse'] as const

/**
 * A policy as the API and the admin form send it (validity as epoch ms; the API reads ISO instants
 * into these). `organizationId` only on create; position is kept by the service (new: last).
 *
 * @example policyInput.parse({ name: 'Visitors evenings', whoKind: 'group', whoId: 'grp_1', whereKind: 'site', whereId: 'coop-site', windows: [{ days: [1,2,3,4,5,6,7], from: '18:00', to: '08:00' }] })
 */
export const policyInput = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(100, 'Use at most 100 characters.'),
  organizationId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
  enabled: z.boolean().default(true),
  effect: z.enum(['allow', 'deny'], 'Choose allow or deny.').default('allow'),
  whoKind: z.enum(WHO_KINDS, 'Choose anyone, token, driver, household, group or business.'),
  whoId: optional(id),
  whereKind: z.enum(WHERE_KINDS, 'Choose organization, site, circuit, charger or evse.'),
  whereId: id,
  whereSub: optional(id),
  windows: windowsSchema.max(20, 'Use at most 20 windows.').default([]),
  validFrom: optional(z.number().int()),
  validUntil: optional(z.number().int()),
  holidays: z.enum(['ignore', 'exclude', 'only'], 'Choose ignore, exclude or only.').default('ignore'),
  priceGroup: optional(z.string().trim().min(1).max(64)),
  priorityTier: optional(z.number().int().min(1, 'A tier is 1 to 9.').max(9, 'A tier is 1 to 9.')),
  monthlyKwhBudget: optional(kwhSchema),
  maxSessionMinutes: optional(
    z.number().int().positive('Enter a positive number of minutes.').max(43_200, 'At most 30 days.'),
  ),
})

/** A valid policy input. */
export type PolicyInput = z.infer<typeof policyInput>

/** Where a policy goes in its organization's order: one step up or down, or to a position (1 = first). */
export const moveInput = z.union([
  z.object({ direction: z.enum(['up', 'down']) }),
  z.object({ position: z.number().int().min(1) }),
])

/** A valid move. */
export type MoveInput = z.infer<typeof moveInput>
