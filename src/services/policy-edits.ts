import type { AccessFactsRepo } from '@src/db/repos/access-facts'
import { type AccessPoliciesRepo, type PolicyRow, policyOfRow } from '@src/db/repos/access-policies'
import type { ChargersRepo } from '@src/db/repos/chargers'
import type { GroupsRepo } from '@src/db/repos/groups'
import type { PeopleRepo } from '@src/db/repos/people'
import type { ScopedPolicies } from '@src/db/repos/scoped-policies'
import type { SitesRepo } from '@src/db/repos/sites'
import type { TokensRepo } from '@src/db/repos/tokens'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import { type AccessPolicy, policyInputSchema } from '@src/domain/access/model'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import type { AccessChanges } from './access-changes'
import type { Audit } from './audit'
import { newId } from './people-edits'
import type { MoveInput, PolicyInput } from './policy-input'

/** What {@link PolicyEdits} works with. */
export interface PolicyEditsDeps {
  policies: AccessPoliciesRepo
  scoped: ScopedPolicies
  facts: AccessFactsRepo
  tokens: TokensRepo
  people: PeopleRepo
  groups: GroupsRepo
  sites: SitesRepo
  chargers: ChargersRepo
  writer: DbWriter
  clock: Clock
  audit: Audit
  accessChanges: AccessChanges
}

/**
 * A refused policy edit: 400 (no organization to put it in), 403 (may read, not change), 404 (unknown
 * or another tenant's), 422 (a field names something that is not there), with the field it is about.
 */
export interface PolicyRefusal {
  ok: false
  status: 400 | 403 | 404 | 422
  message: string
  field?: string
}

/** The outcome of a policy edit: the policy as it is now (and whether it is new), or a refusal. */
export type PolicyEdited = { ok: true; policy: AccessPolicy; created: boolean } | PolicyRefusal

const unprocessable = (field: string, message: string): PolicyRefusal => ({
  ok: false,
  status: 422,
  message,
  field,
})

const WHO_NAMES: Record<Exclude<AccessPolicy['whoKind'], 'anyone'>, string> = {
  token: 'token',
  driver: 'driver',
  household: 'household',
  group: 'group',
  business: 'business account',
}

/**
 * Changes to access policies: `policies:write` in the policy's organization; every token, driver,
 * household, group, business account, site, circuit, charger or EVSE a policy names must exist in that
 * organization or one below it (else 422 naming the field: a policy naming another tenant's card
 * would never match, and would tell that tenant's ids). Policies are ordered per organization
 * (1 = first); a move or a removal renumbers them 1..n in the same write. Each change is written with
 * its audit entry, then announced to the local lists.
 */
export class PolicyEdits {
  constructor(private readonly deps: PolicyEditsDeps) {}

  /** Creates a policy, last in its organization's order. */
  async create(scope: Scope, v: PolicyInput): Promise<PolicyEdited> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return { ok: false, status: 400, message: owner.message, field: 'organizationId' }
    const org = owner.organizationId
    const bad = await this.#checkRefs(org, v)
    if (bad) return bad
    const siblings = await this.deps.policies.list(undefined, org)
    const position = Math.max(0, ...siblings.map((p) => p.position)) + 1
    const policy = policyInputSchema.parse({
      ...fieldsOf(v),
      id: newId('pol'),
      organizationId: org,
      position,
    })
    const { id, ...fields } = policy
    await this.#commit(scope, org, [this.deps.policies.insert(id, fields, this.deps.clock.now())], {
      action: 'policy.created',
      id,
      before: null,
      after: policy,
    })
    return { ok: true, policy, created: true }
  }

  /** Replaces a policy's fields; its organization and position stay. */
  async update(scope: Scope, id: string, v: PolicyInput): Promise<PolicyEdited> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    const before = policyOfRow(r.row)
    const bad = await this.#checkRefs(before.organizationId, v)
    if (bad) return bad
    const policy = policyInputSchema.parse({
      ...fieldsOf(v),
      id,
      organizationId: before.organizationId,
      position: before.position,
    })
    const { id: _id, ...fields } = policy
    await this.#commit(
      scope,
      policy.organizationId,
      [this.deps.policies.update(id, fields, this.deps.clock.now())],
      { action: 'policy.updated', id, before, after: policy },
    )
    return { ok: true, policy, created: false }
  }

  /** Removes a policy; the ones after it move up. */
  async remove(scope: Scope, id: string): Promise<PolicyEdited> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    const before = policyOfRow(r.row)
    const rest = (await this.deps.scoped.siblings(r.row)).filter((p) => p.id !== id)
    await this.#commit(
      scope,
      before.organizationId,
      [this.deps.policies.remove(id), ...this.#renumber(rest)],
      { action: 'policy.deleted', id, before, after: null },
    )
    return { ok: true, policy: before, created: false }
  }

  /** Moves a policy one step up or down, or to a position (clamped to the list), renumbering all in one write. */
  async move(scope: Scope, id: string, to: MoveInput): Promise<PolicyEdited> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    const list = await this.deps.scoped.siblings(r.row)
    const from = list.findIndex((p) => p.id === id)
    const target = 'position' in to ? to.position - 1 : to.direction === 'up' ? from - 1 : from + 1
    const at = Math.min(Math.max(target, 0), list.length - 1)
    const order = list.filter((p) => p.id !== id)
    order.splice(at, 0, list[from] as PolicyRow)
    const moved = { ...policyOfRow(r.row), position: at + 1 }
    await this.#commit(scope, moved.organizationId, this.#renumber(order), {
      action: 'policy.moved',
      id,
      before: { position: r.row.position },
      after: { position: moved.position },
    })
    return { ok: true, policy: moved, created: false }
  }

  /** Updates that number `order` 1..n, for the rows whose position changes. */
  #renumber(order: readonly PolicyRow[]): WriteQuery[] {
    const now = this.deps.clock.now()
    return order.flatMap((p, i) =>
      p.position === i + 1 ? [] : [this.deps.policies.update(p.id, { position: i + 1 }, now)],
    )
  }

  /** Why a field of `v` names nothing usable in organization `org`, or undefined when all it names is there. */
  async #checkRefs(org: string, v: PolicyInput): Promise<PolicyRefusal | undefined> {
    if (v.validFrom !== null && v.validUntil !== null && v.validUntil <= v.validFrom)
      return unprocessable('validUntil', 'the policy must end after it begins (valid until after valid from)')
    return (await this.#checkWho(org, v)) ?? (await this.#checkWhere(org, v))
  }

  async #within(org: string, ownerOrg: string | undefined): Promise<boolean> {
    return ownerOrg !== undefined && (await this.deps.facts.chainOf(ownerOrg)).includes(org)
  }

  async #checkWho(org: string, v: PolicyInput): Promise<PolicyRefusal | undefined> {
    if (v.whoKind === 'anyone')
      return v.whoId === null
        ? undefined
        : unprocessable('whoId', 'a policy for anyone names no one: leave whoId empty')
    const name = WHO_NAMES[v.whoKind]
    if (v.whoId === null) return unprocessable('whoId', `choose the ${name} this policy is for (whoId)`)
    const { people, tokens, groups } = this.deps
    const found =
      v.whoKind === 'token'
        ? await tokens.find(v.whoId)
        : v.whoKind === 'driver'
          ? await people.findDriver(v.whoId)
          : v.whoKind === 'household'
            ? await people.findHousehold(v.whoId)
            : v.whoKind === 'group'
              ? await groups.find(v.whoId)
              : await people.findBusinessAccount(v.whoId)
    if (await this.#within(org, found?.organizationId)) return undefined
    return unprocessable('whoId', `no ${name} ${v.whoId} in organization ${org} (whoId)`)
  }

  async #checkWhere(org: string, v: PolicyInput): Promise<PolicyRefusal | undefined> {
    const { sites, chargers, facts } = this.deps
    const missing = (what: string) =>
      unprocessable('whereId', `no ${what} ${v.whereId} in organization ${org} (whereId)`)
    const needsSub = v.whereKind === 'circuit' || v.whereKind === 'evse'
    if (!needsSub && v.whereSub !== null)
      return unprocessable(
        'whereSub',
        `a policy for a whole ${v.whereKind} takes no whereSub: leave it empty`,
      )
    switch (v.whereKind) {
      case 'organization': {
        const chain = await facts.chainOf(v.whereId)
        return chain[0] === v.whereId && chain.includes(org) ? undefined : missing('organization')
      }
      case 'site':
        return (await this.#within(org, await sites.organizationOf(v.whereId))) ? undefined : missing('site')
      case 'circuit': {
        if (!(await this.#within(org, await sites.organizationOf(v.whereId)))) return missing('site')
        if (v.whereSub === null) return unprocessable('whereSub', 'choose the circuit of the site (whereSub)')
        const config = await sites.config(v.whereId)
        return config?.circuits.some((c) => c.id === v.whereSub)
          ? undefined
          : unprocessable('whereSub', `site ${v.whereId} has no circuit ${v.whereSub} (whereSub)`)
      }
      case 'charger':
      case 'evse': {
        const charger = await chargers.find(v.whereId)
        if (!(await this.#within(org, charger?.organizationId))) return missing('charger')
        if (v.whereKind === 'charger') return undefined
        if (v.whereSub === null || !/^[1-9]\d{0,3}$/.test(v.whereSub))
          return unprocessable('whereSub', 'choose the EVSE of the charger: its number, 1 or more (whereSub)')
        const known = await chargers.connectorsOf(v.whereId)
        return known.length === 0 || known.some((c) => String(c.evseId) === v.whereSub)
          ? undefined
          : unprocessable('whereSub', `charger ${v.whereId} has no EVSE ${v.whereSub} (whereSub)`)
      }
    }
  }

  async #commit(
    scope: Scope,
    organizationId: string,
    queries: readonly WriteQuery[],
    change: { action: string; id: string; before: unknown; after: unknown },
  ) {
    const { action, id, before, after } = change
    await this.deps.writer.write([
      ...queries,
      this.deps.audit.entry(scope, { organizationId, action, entity: 'policy', entityId: id, before, after }),
    ])
    this.deps.accessChanges.changed(organizationId)
  }
}

/** The policy fields of an input (everything but where it goes). */
function fieldsOf(v: PolicyInput): Omit<AccessPolicy, 'id' | 'organizationId' | 'position'> {
  const { organizationId: _org, ...fields } = v
  return fields
}
