import { PLATFORM_ORG } from '@src/db/schema'
import type { Deps } from '@src/deps'
import { ownerFor } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Refusal } from '@src/services/people-input'
import type { OrgChoice } from '@views/admin/people-tabs'
import type { z } from 'zod'
import { fieldErrors, formFields } from './render'

/** The most rows a picker offers (a larger organization types the id, or searches the list page). */
export const PICKER_LIMIT = 500

/** A form's outcome: the valid input, or what was typed with a message per field. */
export type Parsed<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> }

/** Parses a form body with a schema; on failure keeps what was typed beside the messages. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.infer<S>> {
  const values = formFields(body)
  const parsed = schema.safeParse(values)
  if (parsed.success) return { ok: true, data: parsed.data, values }
  return { ok: false, values, errors: fieldErrors(parsed.error.issues) }
}

/** A refusal as form errors: on its field when the form has one, else on the form. */
export function refusalErrors(r: Refusal, fields: readonly string[]): Record<string, string> {
  return { [r.field && fields.includes(r.field) ? r.field : 'form']: r.message }
}

/** The organizations the caller may put a new row in, and the one preselected (its own). */
export async function orgChoices(
  deps: Deps,
  scope: Scope,
  permission: Permission,
): Promise<{ choices: OrgChoice[]; own: string }> {
  const rows = await deps.services.organizationEdits.list(scope)
  const choices = rows.filter((r) => can(scope, permission, r.id)).map((r) => ({ id: r.id, name: r.name }))
  const owner = ownerFor(scope, permission, undefined, PLATFORM_ORG)
  return { choices, own: owner.ok ? owner.organizationId : (choices[0]?.id ?? '') }
}

/** The ids of the ticked checkboxes named `prefix` + id. */
export function tickedIds(body: unknown, prefix: string): string[] {
  return Object.entries(formFields(body))
    .filter(([k, v]) => k.startsWith(prefix) && v !== '')
    .map(([k]) => k.slice(prefix.length))
}

/** A redirect after a post (the browser then gets the page; a boosted form follows it too). */
export const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } })

/** The offset of a paged list from its query. */
export const offsetOf = (q: Record<string, unknown>) => Math.max(0, Math.floor(Number(q.offset ?? 0)) || 0)

/** The search text of a list from its query (at most 100 characters). */
export const searchOf = (q: Record<string, unknown>) =>
  typeof q.search === 'string' ? q.search.trim().slice(0, 100) : ''

/** A list page's href with its search kept. */
export const pageHref = (path: string, search: string) => (offset: number) =>
  `${path}?${search ? `search=${encodeURIComponent(search)}&` : ''}offset=${offset}`
