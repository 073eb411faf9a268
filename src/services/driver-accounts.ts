import type { CdrRow } from '@src/db/repos/cdrs'
import type { DeparturePlanRow, DriverAccountsRepo } from '@src/db/repos/driver-accounts'
import type { DriverRow, HouseholdRow } from '@src/db/repos/people'
import type { TokenRow } from '@src/db/repos/tokens'
import type { TransactionRow } from '@src/db/repos/transactions'
import type { DbWriter } from '@src/db/writer'
import { daysOf, daysText, type WeeklyPlan } from '@src/domain/driver-pages/weekly-plan'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { SessionCost, SessionCosts } from './session-costs'
import type { TokenEdits } from './token-edits'

/**
 * The signed-in driver: every driver row with the email the sign-in link was mailed to (one person may
 * be a driver in several organizations, a co-op and an employer). Everything a driver page reads or
 * changes is limited to what these rows own.
 */
export interface DriverIdentity {
  email: string
  drivers: DriverRow[]
  driverIds: string[]
  householdIds: string[]
}

/** A session of one of the driver's tokens, with its cost: running (priced now) or its CDR. */
export interface DriverSession {
  tx: TransactionRow
  cdr: CdrRow | null
  /** A running session's cost so far; null when ended or under no tariff. */
  running: SessionCost | null
}

/** A household of the driver: its members and the tokens of the household and of its members. */
export interface DriverHousehold {
  household: HouseholdRow
  members: DriverRow[]
  tokens: TokenRow[]
}

/** The outcome of blocking a card: refused when it is not the driver's own. */
export type BlockOutcome = { ok: true; token: TokenRow } | { ok: false; status: 404; message: string }

/** What {@link DriverAccounts} works with. */
export interface DriverAccountsDeps {
  accounts: DriverAccountsRepo
  costs: Pick<SessionCosts, 'costOf'>
  tokenEdits: Pick<TokenEdits, 'setBlocked'>
  writer: DbWriter
  clock: Clock
}

/**
 * The driver's own things, for the driver pages: their sessions with costs, their tokens (a lost one
 * blocked through the same token service as the admin's one-click block, so every list and the
 * chargers' local lists follow), their household, and their weekly departure plan. Every method takes
 * the {@link DriverIdentity} and touches only what its driver rows own, so one driver can never reach
 * another's by an id.
 */
export class DriverAccounts {
  constructor(private readonly deps: DriverAccountsDeps) {}

  /** The drivers of an email, or undefined when there are none (any more). */
  async identity(email: string): Promise<DriverIdentity | undefined> {
    const drivers = await this.deps.accounts.driversOf(email)
    if (drivers.length === 0) return undefined
    const householdIds = [...new Set(drivers.flatMap((d) => (d.householdId ? [d.householdId] : [])))]
    return { email, drivers, driverIds: drivers.map((d) => d.id), householdIds }
  }

  /** The driver's own tokens (those owned by their driver rows), by uid. */
  tokens(me: DriverIdentity): Promise<TokenRow[]> {
    return this.deps.accounts.tokensOf({ driverIds: me.driverIds, householdIds: [] })
  }

  /** The sessions of the driver's own tokens: running ones first with their cost so far, then the history. */
  async sessions(me: DriverIdentity): Promise<DriverSession[]> {
    const uids = (await this.tokens(me)).map((t) => t.uid)
    const rows = await this.deps.accounts.sessionsOf(uids)
    return Promise.all(
      rows.map(async (r) => ({
        ...r,
        running: r.tx.endedAt === null ? await this.deps.costs.costOf(r.tx) : null,
      })),
    )
  }

  /**
   * Blocks one of the driver's own cards (lost or stolen); anything else is "no such card" (404), so
   * the answer tells nothing about other drivers' cards. Audited as the driver.
   */
  async block(me: DriverIdentity, uid: string): Promise<BlockOutcome> {
    const token = (await this.tokens(me)).find((t) => t.uid === uid)
    if (!token) return { ok: false, status: 404, message: 'noSuchCard' }
    const out = await this.deps.tokenEdits.setBlocked(driverScope(me, token.organizationId), uid, true)
    if (!out.ok) return { ok: false, status: 404, message: 'noSuchCard' }
    return { ok: true, token: out.row }
  }

  /** The driver's households: their members and the tokens of the household and its members (read-only). */
  async households(me: DriverIdentity): Promise<DriverHousehold[]> {
    const [households, members] = await Promise.all([
      this.deps.accounts.householdsOf(me.householdIds),
      this.deps.accounts.householdMembers(me.householdIds),
    ])
    return Promise.all(
      households.map(async (household) => {
        const own = members.filter((m) => m.householdId === household.id)
        const tokens = await this.deps.accounts.tokensOf({
          driverIds: own.map((m) => m.id),
          householdIds: [household.id],
        })
        return { household, members: own, tokens }
      }),
    )
  }

  /** The driver's weekly departure plan (the first of their driver rows that has one). */
  async plan(me: DriverIdentity): Promise<WeeklyPlan | undefined> {
    for (const id of me.driverIds) {
      const row = await this.deps.accounts.planOf(id)
      if (row) return planOf(row)
    }
    return undefined
  }

  /** Sets (or, with undefined, removes) the weekly plan for every driver row of the person. */
  async savePlan(me: DriverIdentity, plan: WeeklyPlan | undefined): Promise<void> {
    const now = this.deps.clock.now()
    const { accounts } = this.deps
    await this.deps.writer.write(
      me.driverIds.map((driverId) =>
        plan
          ? accounts.savePlan({
              driverId,
              days: daysText(plan.days),
              time: plan.time,
              energyNeedWh: plan.energyNeedWh,
              updatedAt: now,
            })
          : accounts.deletePlan(driverId),
      ),
    )
  }
}

/** A stored plan as the domain reads it. */
export const planOf = (row: DeparturePlanRow): WeeklyPlan => ({
  days: daysOf(row.days),
  time: row.time,
  energyNeedWh: row.energyNeedWh,
})

/**
 * The scope a driver acts in when the token service blocks their own card: the token's organization,
 * token rights only, the driver named in the audit log. Made only after the card was found among the
 * driver's own.
 */
function driverScope(me: DriverIdentity, organizationId: string): Scope {
  return {
    actor: { kind: 'driver', id: me.email, label: `driver ${me.email}` },
    everywhere: new Set(),
    grants: new Map([[organizationId, new Set(['tokens:read', 'tokens:write'] as const)]]),
  }
}
