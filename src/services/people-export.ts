import type { GroupsRepo } from '@src/db/repos/groups'
import type { ScopedPeople } from '@src/db/repos/scoped-people'
import { toCsv } from '@src/domain/people/csv'
import { exportRows } from '@src/domain/people/csv-export'
import type { Scope } from '@src/domain/tenancy/scope'

/** The most drivers one export holds (a large operator exports per organization). */
export const EXPORT_LIMIT = 50_000

/**
 * The CSV export of drivers with apartment, parking space, email, phone, tokens and groups, in the
 * import's columns (so an export re-imports), of every organization the scope reads drivers in.
 */
export class PeopleExport {
  constructor(private readonly deps: { scoped: ScopedPeople; groups: GroupsRepo }) {}

  /** The CSV text. */
  async csv(scope: Scope): Promise<string> {
    const { rows } = await this.deps.scoped.listDrivers(scope, { limit: EXPORT_LIMIT, offset: 0 })
    const ids = rows.map((d) => d.id)
    const [tokens, memberships] = await Promise.all([
      this.deps.scoped.tokensOfDrivers(scope, rows),
      this.deps.groups.membershipsOf('driver', ids),
    ])
    const orgs = [...new Set(rows.map((d) => d.organizationId))]
    const groups = new Map(
      (await Promise.all(orgs.map((o) => this.deps.groups.of(o)))).flat().map((g) => [g.id, g]),
    )
    const byOrg = new Map(rows.map((d) => [d.id, d.organizationId]))
    return toCsv(
      exportRows(
        rows.map((d) => ({
          ...d,
          tokens: tokens.filter((t) => t.driverId === d.id),
          groups: memberships
            .filter((m) => m.memberId === d.id && groups.get(m.groupId)?.organizationId === byOrg.get(d.id))
            .map((m) => groups.get(m.groupId)?.name ?? '')
            .sort(),
        })),
      ),
    )
  }
}
