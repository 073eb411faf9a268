import type { GroupsRepo } from '@src/db/repos/groups'
import type { PeopleRepo } from '@src/db/repos/people'
import { PLATFORM_ORG } from '@src/db/schema'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import { parseCsv } from '@src/domain/people/csv'
import { type ImportRowError, planImport } from '@src/domain/people/csv-import'
import {
  changesNothing,
  countChanges,
  type ImportChanges,
  type RowChanges,
  resolveImport,
} from '@src/domain/people/import-changes'
import { ownerFor } from '@src/domain/tenancy/ownership'
import { can, type Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { AccessChanges } from './access-changes'
import type { Audit } from './audit'
import { newId } from './people-edits'
import { type Refusal, refusal } from './people-input'

/** What {@link PeopleImport} works with. */
export interface PeopleImportDeps {
  people: PeopleRepo
  groups: GroupsRepo
  writer: DbWriter
  clock: Clock
  audit: Audit
  accessChanges: AccessChanges
}

/** What to import and how. */
export interface ImportRequest {
  /** The CSV text (`,` or `;`, optional BOM; the columns of `IMPORT_COLUMNS`). */
  text: string
  /** The organization to import into (default: the caller's one). */
  organizationId?: string
  /** Any row error refuses the whole file. */
  strict: boolean
  /** Preview only: nothing is written. */
  dryRun: boolean
}

/** The preview, or the report of an import: what each row does, the refused rows, the totals. */
export interface ImportReport {
  ok: true
  organizationId: string
  /** True when the changes were written. */
  imported: boolean
  /** Why nothing was written although asked for (strict with row errors), if so. */
  refused: string | null
  rows: RowChanges[]
  errors: ImportRowError[]
  counts: ReturnType<typeof countChanges> & { rowsRefused: number }
}

/**
 * The CSV import of a board's list of apartments and cards: parse, check each row (`planImport`),
 * resolve against what the organization holds (`resolveImport`), and, unless a preview or strict with
 * errors, write every change in one commit with one audit entry, then announce it to the access lists.
 * Importing the same file again writes nothing. Needs `drivers:write`, and `tokens:write` and
 * `groups:write` in the organization too, as it creates tokens and memberships.
 */
export class PeopleImport {
  constructor(private readonly deps: PeopleImportDeps) {}

  /** Previews (`dryRun`) or imports a file. */
  async run(scope: Scope, req: ImportRequest): Promise<ImportReport | Refusal> {
    const owner = ownerFor(scope, 'drivers:write', req.organizationId, PLATFORM_ORG)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    const org = owner.organizationId
    const missing = (['tokens:write', 'groups:write'] as const).filter((p) => !can(scope, p, org))
    if (missing.length) return refusal(403, `an import also needs ${missing.join(' and ')}`)
    const parsed = parseCsv(req.text)
    if (!parsed.ok) return refusal(400, parsed.error, 'file')
    const [header = [], ...body] = parsed.rows
    const uidColumn = header.findIndex((h) => h.trim().toLowerCase() === 'token_uid')
    const uids =
      uidColumn < 0 ? [] : [...new Set(body.map((r) => (r[uidColumn] ?? '').trim()).filter(Boolean))]
    const [groups, tokens, drivers, households, memberships] = await Promise.all([
      this.deps.groups.of(org),
      this.deps.people.tokensByUid(uids),
      this.deps.people.driversOf(org),
      this.deps.people.householdsOf(org),
      this.deps.groups.membershipsIn(org),
    ])
    const plan = planImport(parsed.rows, {
      organizationId: org,
      groups: new Map(groups.map((g) => [g.name.toLowerCase(), g.id])),
      tokens: new Map(tokens.map((t) => [t.uid, { organizationId: t.organizationId }])),
      driversByEmail: new Map(drivers.filter((d) => d.email).map((d) => [d.email as string, d.id])),
    })
    if (!plan.ok) return refusal(400, plan.error, 'file')
    const changes = resolveImport(
      plan.rows,
      {
        households,
        drivers,
        tokens: new Map(tokens.filter((t) => t.organizationId === org).map((t) => [t.uid, t])),
        memberships: new Set(
          memberships.filter((m) => m.memberKind === 'driver').map((m) => `${m.groupId} ${m.memberId}`),
        ),
      },
      new Map(groups.map((g) => [g.id, g.name])),
      (kind) => newId(kind === 'household' ? 'hh' : 'drv'),
    )
    const counts = { ...countChanges(changes), rowsRefused: plan.errors.length }
    const report: ImportReport = {
      ok: true,
      organizationId: org,
      imported: false,
      refused: null,
      rows: changes.rows,
      errors: plan.errors,
      counts,
    }
    if (req.strict && plan.errors.length > 0)
      return { ...report, refused: `${plan.errors.length} row(s) have errors: nothing was imported (strict)` }
    if (req.dryRun || changesNothing(changes)) return report
    await this.deps.writer.write([
      ...this.#writes(org, changes),
      this.deps.audit.entry(scope, {
        organizationId: org,
        action: 'people.imported',
        entity: 'organization',
        entityId: org,
        before: null,
        after: counts,
      }),
    ])
    this.deps.accessChanges.changed(org)
    return { ...report, imported: true }
  }

  #writes(organizationId: string, c: ImportChanges): WriteQuery[] {
    const { people, groups } = this.deps
    const now = this.deps.clock.now()
    const stamps = { createdAt: now, updatedAt: now }
    return [
      ...c.households.create.map((h) =>
        people.insertHousehold({ ...h, organizationId, name: null, siteId: null, ...stamps }),
      ),
      ...c.households.update.map((h) =>
        people.updateHousehold(h.id, { parkingSpace: h.parkingSpace, updatedAt: now }),
      ),
      ...c.drivers.create.map((d) =>
        people.insertDriver({
          ...d,
          organizationId,
          language: null,
          businessAccountId: null,
          costCentre: null,
          ...stamps,
        }),
      ),
      ...c.drivers.update.map((d) =>
        people.updateDriver(d.id, {
          name: d.name,
          email: d.email,
          phone: d.phone,
          householdId: d.householdId,
          updatedAt: now,
        }),
      ),
      ...c.tokens.create.map((t) => people.insertToken({ ...t, organizationId, now })),
      ...c.tokens.update.map((t) => people.giveToken({ ...t, now })),
      ...c.memberships.map((m) =>
        groups.addMember({ groupId: m.groupId, memberKind: 'driver', memberId: m.driverId, createdAt: now }),
      ),
    ]
  }
}
