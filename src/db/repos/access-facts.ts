import type { SiteAccess } from '@src/domain/access/model'
import { DEFAULT_TIME_ZONE } from '@src/domain/site/time-zone'
import { sql } from 'drizzle-orm'
import type { Db } from '../client'
import { PLATFORM_ORG } from '../schema'
import { type TokenFacts, tokenFacts, tokenFactsOf } from './token-groups'

/** Where one EVSE of a charger is, as the access evaluator needs it. */
export interface EvsePlace {
  evseId: number | null
  siteId: string
  /** The EVSE's circuit and its parents up to the main fuse (empty: directly under it, or no site). */
  circuitChain: string[]
}

/** A charger's places: the organization whose rules apply (with its ancestors), its site's access settings, its EVSEs. */
export interface ChargerPlaces {
  /** The site's organization up to the platform (the charger's own when it is on no site). */
  organizationChain: string[]
  site: { timeZone: string; holidays: string[]; accessDefault: 'allowAccepted' | 'deny' }
  /** One per EVSE assigned to a site; one charger-wide place (evseId null) when none is. */
  evses: EvsePlace[]
}

/** Energy a token's transactions took since an instant, with the subjects a budget may count it for. */
export interface UsageRow {
  uid: string
  driverId: string | null
  householdId: string | null
  businessAccountId: string | null
  wh: number
}

const NO_SITE = { timeZone: DEFAULT_TIME_ZONE, holidays: [], accessDefault: 'allowAccepted' as const }

/**
 * Read-only lookups the access evaluator's callers need (Authorize, starts, local lists): a charger's
 * places, token facts, this month's usage. Unscoped: they run for a charger, not for a signed-in caller.
 */
export class AccessFactsRepo {
  constructor(private readonly db: Db) {}

  /** An organization and its ancestors, nearest first. */
  async chainOf(organizationId: string): Promise<string[]> {
    const rows = await this.db.all<{ id: string }>(sql`
      WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM organizations WHERE id = ${organizationId}
        UNION ALL
        SELECT o.id, o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id
      )
      SELECT id FROM up ORDER BY depth`)
    return rows.length > 0 ? rows.map((r) => r.id) : [PLATFORM_ORG]
  }

  /**
   * Where a charger's EVSEs are. An EVSE on no site takes the site of the charger's other EVSEs (the
   * charger is there); a charger on no site is the charger's organization's, with the default settings
   * (any accepted token, Stockholm time). Undefined for an unknown charger.
   */
  async placesOf(chargerId: string): Promise<ChargerPlaces | undefined> {
    const rows = await this.db.all<{
      charger_org: string
      evse_id: number | null
      site_id: string | null
      circuit_id: string | null
      site_org: string | null
      time_zone: string | null
      access_default: string | null
      holidays: string | null
    }>(sql`
      SELECT c.organization_id AS charger_org, sc.evse_id, sc.site_id, sc.circuit_id,
             s.organization_id AS site_org, s.time_zone, s.access_default, s.holidays
      FROM chargers c
      LEFT JOIN site_connectors sc ON sc.charger_id = c.id
      LEFT JOIN sites s ON s.id = sc.site_id
      WHERE c.id = ${chargerId}
      ORDER BY sc.evse_id`)
    const first = rows[0]
    if (!first) return undefined
    if (first.site_id === null) {
      return {
        organizationChain: await this.chainOf(first.charger_org),
        site: NO_SITE,
        evses: [{ evseId: null, siteId: '', circuitChain: [] }],
      }
    }
    const circuits = await this.db.all<{ id: string; parent_id: string | null }>(
      sql`SELECT id, parent_id FROM site_circuits WHERE site_id = ${first.site_id}`,
    )
    const parent = new Map(circuits.map((c) => [c.id, c.parent_id]))
    const chain = (id: string | null): string[] => {
      const out: string[] = []
      for (let at = id; at !== null && !out.includes(at); at = parent.get(at) ?? null) out.push(at)
      return out
    }
    return {
      organizationChain: await this.chainOf(first.site_org ?? first.charger_org),
      site: {
        timeZone: first.time_zone ?? DEFAULT_TIME_ZONE,
        holidays: parseDates(first.holidays),
        accessDefault: first.access_default === 'deny' ? 'deny' : 'allowAccepted',
      },
      evses: rows.map((r) => ({
        evseId: r.evse_id,
        siteId: r.site_id ?? first.site_id ?? '',
        circuitChain: chain(r.circuit_id),
      })),
    }
  }

  /** A site's organization and access settings (zone, holidays, default), for the timetable; undefined for an unknown site. */
  async siteAccess(siteId: string): Promise<(SiteAccess & { organizationId: string }) | undefined> {
    const [row] = await this.db.all<{
      organization_id: string
      time_zone: string
      access_default: string
      holidays: string | null
    }>(sql`SELECT organization_id, time_zone, access_default, holidays FROM sites WHERE id = ${siteId}`)
    if (!row) return undefined
    return {
      organizationId: row.organization_id,
      timeZone: row.time_zone,
      holidays: parseDates(row.holidays),
      accessDefault: row.access_default === 'deny' ? 'deny' : 'allowAccepted',
    }
  }

  /** One token's facts (owners, groups); undefined for an unknown token. */
  token(uid: string): Promise<TokenFacts | undefined> {
    return tokenFacts(this.db, uid)
  }

  /** Every token of these organizations with its facts, by uid. */
  tokensOf(organizationIds: readonly string[]): Promise<TokenFacts[]> {
    return tokenFactsOf(this.db, organizationIds)
  }

  /**
   * Energy per token since `since` of every token sharing a budget subject with `t` (itself, its
   * driver, household or business account): the rows a budget check sums.
   */
  usageAround(t: TokenFacts, since: number): Promise<UsageRow[]> {
    return this.#usage(
      since,
      sql`(k.uid = ${t.uid}
        OR (${t.driverId} IS NOT NULL AND k.driver_id = ${t.driverId})
        OR (${t.householdId} IS NOT NULL AND COALESCE(k.household_id, d.household_id) = ${t.householdId})
        OR (${t.businessAccountId} IS NOT NULL AND COALESCE(k.business_account_id, d.business_account_id) = ${t.businessAccountId}))`,
    )
  }

  /** Energy per token since `since` of every token of these organizations. */
  usageOf(organizationIds: readonly string[], since: number): Promise<UsageRow[]> {
    if (organizationIds.length === 0) return Promise.resolve([])
    const ids = sql.join(
      organizationIds.map((id) => sql`${id}`),
      sql`, `,
    )
    return this.#usage(since, sql`k.organization_id IN (${ids})`)
  }

  async #usage(since: number, where: ReturnType<typeof sql>): Promise<UsageRow[]> {
    const rows = await this.db.all<{
      uid: string
      driver_id: string | null
      household_id: string | null
      business_account_id: string | null
      wh: number | null
    }>(sql`
      SELECT k.uid, k.driver_id,
             COALESCE(k.household_id, d.household_id) AS household_id,
             COALESCE(k.business_account_id, d.business_account_id) AS business_account_id,
             SUM(COALESCE(t.energy_wh, MAX(0, t.last_meter_wh - t.meter_start_wh), 0)) AS wh
      FROM transactions t
      JOIN tokens k ON k.uid = t.id_tag
      LEFT JOIN drivers d ON d.id = k.driver_id
      WHERE t.started_at >= ${since} AND ${where}
      GROUP BY k.uid`)
    return rows.map((r) => ({
      uid: r.uid,
      driverId: r.driver_id,
      householdId: r.household_id,
      businessAccountId: r.business_account_id,
      wh: r.wh ?? 0,
    }))
  }
}

function parseDates(json: string | null): string[] {
  if (json === null) return []
  try {
    const v: unknown = JSON.parse(json)
    return Array.isArray(v) ? v.filter((d): d is string => typeof d === 'string') : []
  } catch {
    return []
  }
}
