import type { Deps } from '@src/deps'
import type { LocalListEntry } from '@src/domain/charger/commands'
import type { Scope } from '@src/domain/tenancy/scope'

/** The most entries a local list carries (charger memory is the limit; this is a safe bound). */
const MAX_ENTRIES = 10_000

/**
 * A full local authorisation list made from the stored tokens the caller may read, so a charger can authorise them while it
 * is offline. The version defaults to the current time in minutes, which only ever grows.
 */
export async function localList(
  deps: Deps,
  scope: Scope,
  version: unknown,
): Promise<{ version: number; entries: LocalListEntry[] }> {
  const { rows } = await deps.scoped.tokens.list(scope, { limit: MAX_ENTRIES, offset: 0 })
  const entries = rows.map((t) => ({
    idTag: t.uid,
    status: t.status as LocalListEntry['status'],
    ...(t.expiresAt === null ? {} : { expiresAt: t.expiresAt }),
    ...(t.parentUid === null ? {} : { groupId: t.parentUid }),
  }))
  const v =
    typeof version === 'number' && version > 0 ? version : Math.floor(deps.clock.now() / 60_000) % 2 ** 31
  return { version: v, entries }
}
