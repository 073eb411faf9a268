import { AccountLinksRepo } from '@src/db/repos/account-links'
import { AccountsRepo } from '@src/db/repos/accounts'
import { AuditRepo } from '@src/db/repos/audit'
import { OperatorsRepo } from '@src/db/repos/operators'
import { OrganizationAdminRepo } from '@src/db/repos/organization-admin'
import { OrganizationsRepo } from '@src/db/repos/organizations'
import { RolesRepo } from '@src/db/repos/roles'
import { auditLog, organizations } from '@src/db/schema'
import { openTestDatabase } from '@src/db/testing'
import { DbWriter } from '@src/db/writer'
import { builtInRole, type Role } from '@src/domain/tenancy/roles'
import { resolveScope, type Scope } from '@src/domain/tenancy/scope'
import { systemClock } from '@src/lib/clock'
import { FakeClock } from '@src/lib/fake-clock'
import { silentLogger } from '@src/lib/log'
import { Audit } from '@src/services/audit'
import { CustomRoles } from '@src/services/custom-roles'
import { Invites } from '@src/services/invites'
import { MembershipEdits } from '@src/services/membership-edits'
import { PasswordResets } from '@src/services/password-resets'
import { Scopes } from '@src/services/scopes'

/** The password every seeded account has. */
export const SEED_PASSWORD = 'seeded-password-1'

/**
 * The account services on a fresh database with a fake clock (the writer commits on the real one):
 * a platform, a co-op and an office, and `account(email, org, role)` to add members. For the
 * invitation, reset, role and membership tests.
 */
export async function accountServices() {
  const database = await openTestDatabase()
  const { db } = database
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 12))
  const writer = new DbWriter({ db, clock: systemClock, log: silentLogger, flushMs: 0 })
  const audit = new Audit({ audit: new AuditRepo(db), clock })
  const links = new AccountLinksRepo(db)
  const accounts = new AccountsRepo(db)
  const operators = new OperatorsRepo(db)
  const orgs = new OrganizationsRepo(db)
  const roles = new CustomRoles({ roles: new RolesRepo(db), links, writer, clock, audit })
  const base = { links, accounts, operators, writer, clock, audit }
  const now = clock.now()
  await writer.write([
    db.insert(organizations).values(
      ['coop', 'office'].map((id) => ({
        id,
        name: id === 'coop' ? 'Brf Solrosen' : 'Office AB',
        kind: 'owner',
        parentId: 'platform',
        createdAt: now,
        updatedAt: now,
      })),
    ),
  ])
  const hash = await Bun.password.hash(SEED_PASSWORD, { algorithm: 'argon2id' })
  const scopes = new Scopes({ organizations: orgs, keys: new OrganizationAdminRepo(db), writer, clock })
  return {
    database,
    db,
    clock,
    writer,
    accounts,
    operators,
    roles,
    invites: new Invites({ ...base, organizations: orgs, roles }),
    resets: new PasswordResets(base),
    memberships: new MembershipEdits({ accounts, organizations: orgs, roles, writer, clock, audit }),
    /** Adds an account with a role in an organization; returns its id and its scope. */
    async account(
      email: string,
      org: string,
      roleId: string,
    ): Promise<{ id: number; scope: () => Promise<Scope> }> {
      const existing = await operators.findByEmail(email)
      await writer.write([
        ...(existing ? [] : [operators.create(email, hash, now)]),
        operators.grant(email, org, roleId, now),
      ])
      const row = (await operators.findByEmail(email))!
      return { id: row.id, scope: async () => scopes.ofOperator((await operators.findByEmail(email))!) }
    },
    /** The audit actions recorded, oldest first. */
    async actions(): Promise<string[]> {
      return (await db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action)
    },
    /** A scope of built-in roles, for checks that need no account. */
    scopeOf(grants: [string, string][]): Scope {
      const tree = [
        { id: 'platform', parentId: null },
        { id: 'coop', parentId: 'platform' },
        { id: 'office', parentId: 'platform' },
      ]
      const actor = { kind: 'account', id: 999, label: 'x@example.com' } as const
      return resolveScope(
        actor,
        grants.map(([organizationId, id]) => ({ organizationId, role: builtInRole(id) as Role })),
        tree,
      )
    },
  }
}

/** A session to open on acceptance, as the controllers pass it. */
export const testSession = (tokenHash: string, at: number) => ({
  tokenHash,
  createdAt: at,
  expiresAt: at + 3600_000,
  userAgent: 'test',
  address: '127.0.0.1',
})
