import { reachOf } from '@src/domain/tenancy/ownership'
import type { Permission } from '@src/domain/tenancy/permissions'
import type { Scope } from '@src/domain/tenancy/scope'

declare const seen: unique symbol

/**
 * A row a scoped repository found within the caller's scope. Follow-up reads of its parts (a charger's
 * connectors, a transaction's meter values) take a `Seen` row, so they can only follow a scoped find:
 * the type, not a convention, keeps a controller from reading another tenant's parts by id.
 */
export type Seen<T> = T & { readonly [seen]: true }

/** What a caller may do with an existing row: 404 (unknown or another tenant's), 403 (read-only), or the row. */
export type Reach<T> = { ok: true; row: Seen<T> } | { ok: false; status: 403 | 404; message: string }

/** What to check: the permission to see the row at all, the one the action needs, and the 404 message. */
export interface Check {
  read: Permission
  permission: Permission
  missing: string
}

/**
 * The reach of `scope` to a row owned by `organizationId` (no row: 404, as for a hidden one).
 *
 * @example reachOwned(scope, row, row?.organizationId, { read: 'tokens:read', permission: 'tokens:write', missing: `no token ${uid}` })
 */
export function reachOwned<T>(
  scope: Scope,
  row: T | undefined,
  organizationId: string | undefined,
  check: Check,
): Reach<T> {
  const { read, permission, missing } = check
  if (row === undefined || organizationId === undefined) return { ok: false, status: 404, message: missing }
  const r = reachOf(scope, read, permission, organizationId)
  if (r === 'hidden') return { ok: false, status: 404, message: missing }
  if (r === 'read-only')
    return { ok: false, status: 403, message: `you may not do that here (${permission})` }
  return { ok: true, row: row as Seen<T> }
}

/** {@link reachOwned} for a row that carries its `organizationId`. */
export function reach<T extends { organizationId: string }>(
  scope: Scope,
  row: T | undefined,
  check: Check,
): Reach<T> {
  return reachOwned(scope, row, row?.organizationId, check)
}

/** The row if the scope may read it (as {@link Seen}), else undefined: a scoped find. */
export function readable<T extends { organizationId: string }>(
  scope: Scope,
  row: T | undefined,
  read: Permission,
): Seen<T> | undefined {
  const r = reach(scope, row, { read, permission: read, missing: '' })
  return r.ok ? r.row : undefined
}
