import {
  apartmentField,
  costCentreCodeField,
  emailField,
  languageField,
  nameField,
  parkingSpaceField,
  phoneField,
} from '@src/domain/people/fields'
import { z } from 'zod'

/** An optional field: empty, missing or null is null (a form's empty box and the API's omission alike). */
const optional = <T extends z.ZodType>(field: T) =>
  z
    .preprocess((v) => (v === '' || v === undefined ? null : v), field.nullable())
    .optional()
    .default(null)

const id = z.string().trim().min(1).max(64)
const organizationId = z.preprocess((v) => (v === '' ? undefined : v), id.optional())

/** A driver as the API and the admin form send it; `organizationId` only on create. */
export const driverInput = z.object({
  name: nameField,
  email: optional(emailField),
  phone: optional(phoneField),
  language: optional(languageField),
  householdId: optional(id),
  businessAccountId: optional(id),
  costCentre: optional(costCentreCodeField),
  organizationId,
})
/** A valid driver input. */
export type DriverInput = z.infer<typeof driverInput>

/** A household (an apartment with its parking space). */
export const householdInput = z.object({
  apartment: apartmentField,
  parkingSpace: optional(parkingSpaceField),
  name: optional(nameField),
  siteId: optional(id),
  organizationId,
})
/** A valid household input. */
export type HouseholdInput = z.infer<typeof householdInput>

/** A cost centre of a business account. */
export const costCentreInput = z.object({ code: costCentreCodeField, name: nameField })

/** A business account with its cost centres (given: the whole list; omitted: kept). */
export const businessAccountInput = z.object({
  name: nameField,
  companyNumber: optional(
    z
      .string()
      .trim()
      .regex(/^[\d-]{6,20}$/, 'Enter a company number like 556677-8899.'),
  ),
  billingEmail: optional(emailField),
  costCentres: z.array(costCentreInput).max(200).optional(),
  organizationId,
})
/** A valid business account input. */
export type BusinessAccountInput = z.infer<typeof businessAccountInput>

/** The kinds a group may be. */
export const GROUP_KINDS = ['employees', 'tenants', 'visitors', 'guests', 'fleet', 'custom'] as const

/** A group. */
export const groupInput = z.object({
  name: nameField,
  kind: z.enum(GROUP_KINDS, 'Choose employees, tenants, visitors, guests, fleet or custom.'),
  organizationId,
})
/** A valid group input. */
export type GroupInput = z.infer<typeof groupInput>

/** A member to add to a group. */
export const memberInput = z.object({
  kind: z.enum(['driver', 'household', 'token', 'business'], 'Choose driver, household, token or business.'),
  id: z.string().trim().min(1, 'Enter the id of the member.').max(64),
})

/** A refused edit: the status, a message a person can act on, and the field it is about. */
export interface Refusal {
  ok: false
  status: 400 | 403 | 404 | 409
  message: string
  field?: string
}

/** The outcome of an edit: done (with the row as it is now, and whether it is new), or refused. */
export type Edited<T> = { ok: true; row: T; created: boolean } | Refusal

/** A refusal. */
export const refusal = (status: Refusal['status'], message: string, field?: string): Refusal => ({
  ok: false,
  status,
  message,
  ...(field ? { field } : {}),
})
