import type { ScopedPriceSeries } from '@src/db/repos/scoped-price-series'
import type { ScopedTariffs } from '@src/db/repos/scoped-tariffs'
import type { PriceGroupRow, TariffRow, TariffsRepo, TariffVersionRow } from '@src/db/repos/tariffs'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import { DEFAULT_ROUNDING, type RoundingPolicy } from '@src/domain/tariffs/rounding'
import { type Tariff, tariffSchema } from '@src/domain/tariffs/tariff'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { z } from 'zod'
import type { Audit } from './audit'
import { newId } from './people-edits'
import { type Edited, refusal } from './people-input'

/**
 * The CPO party a tariff is published under. OCPI roaming (issue 12) will take it from the platform's
 * OCPI credentials; until then every tariff is the platform's own, in Sweden.
 */
export const TARIFF_PARTY = { country_code: 'SE', party_id: 'CSM' } as const

/** A rounding policy as the API and the forms send it. */
export const roundingSchema = z.object({
  scale: z.number().int().min(0).max(4),
  mode: z.enum(['halfUp', 'halfEven']),
  level: z.enum(['total', 'component']),
})

/**
 * A tariff as written by an operator: a name, and the OCPI Tariff without the fields the CSMS owns
 * (party, id, `last_updated`); plus the rounding policy (default: öre, half up, on the total).
 */
export const tariffInput = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(100),
  organizationId: z.string().min(1).max(64).optional(),
  /** On create only: the tariff's id (also its OCPI id); a new one is made when omitted. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,36}$/, 'An id of at most 36 letters, digits, - or _.')
    .optional(),
  tariff: tariffSchema
    .omit({ country_code: true, party_id: true, id: true, last_updated: true })
    .refine((t) => !t.spot || t.elements.every((e) => e.price_components.every((c) => c.type !== 'ENERGY')), {
      message:
        'A tariff that follows a spot price takes its energy price from the series: leave ENERGY out of its elements (a missing slot costs the fallback).',
      path: ['spot'],
    }),
  rounding: roundingSchema.default(DEFAULT_ROUNDING),
})
/** A valid tariff input. */
export type TariffInput = z.infer<typeof tariffInput>

/** A tariff with its current version. */
export interface TariffWithVersion {
  tariff: TariffRow
  current: TariffVersionRow
}

/** What {@link TariffEdits} works with. */
export interface TariffEditsDeps {
  tariffs: TariffsRepo
  scoped: ScopedTariffs
  /** The price series a spot tariff may follow: one the writer can read, in the tariff's currency. */
  series: Pick<ScopedPriceSeries, 'find'>
  writer: DbWriter
  clock: Clock
  audit: Audit
}

/**
 * Tariffs are written, never rewritten: a change is a new version and the tariff points at it; the
 * versions a session was priced under stay as they were (the database refuses to change or delete
 * one). Retiring a tariff archives it. Each change has its audit entry.
 */
export class TariffEdits {
  constructor(private readonly deps: TariffEditsDeps) {}

  /** Creates a tariff with its first version. */
  async create(scope: Scope, v: TariffInput): Promise<Edited<TariffWithVersion>> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    const spot = await this.#spotRefusal(scope, v)
    if (spot) return spot
    const id = v.id ?? newId('trf')
    if (await this.deps.tariffs.find(id)) return refusal(409, `there is already a tariff ${id}`, 'id')
    const now = this.deps.clock.now()
    const tariff: TariffRow = {
      id,
      organizationId: owner.organizationId,
      name: v.name,
      currentVersion: 1,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    }
    const current = this.#version(scope, id, 1, v, now)
    await this.deps.writer.write([
      this.deps.tariffs.insert(tariff),
      this.deps.tariffs.insertVersion(current),
      this.#audit(scope, tariff, 'tariff.created', null, current),
    ])
    return { ok: true, row: { tariff, current }, created: true }
  }

  /** Writes the next version of a tariff (and its name); sessions already started keep theirs. */
  async revise(scope: Scope, id: string, v: TariffInput): Promise<Edited<TariffWithVersion>> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    if (r.row.archivedAt !== null) return refusal(409, `tariff ${id} is archived`)
    const spot = await this.#spotRefusal(scope, v)
    if (spot) return spot
    const before = await this.deps.tariffs.version(id, r.row.currentVersion)
    const now = this.deps.clock.now()
    const current = this.#version(scope, id, r.row.currentVersion + 1, v, now)
    const tariff: TariffRow = { ...r.row, name: v.name, currentVersion: current.version, updatedAt: now }
    await this.deps.writer.write([
      this.deps.tariffs.insertVersion(current),
      this.deps.tariffs.update(id, { name: v.name, currentVersion: current.version, updatedAt: now }),
      this.#audit(scope, tariff, 'tariff.revised', before ?? null, current),
    ])
    return { ok: true, row: { tariff, current }, created: false }
  }

  /** Archives a tariff: no session starts under it any more; refused while a price group charges it. */
  async archive(scope: Scope, id: string): Promise<Edited<TariffRow>> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return r
    const groups = await this.deps.tariffs.priceGroupsCharging(id)
    if (groups.length > 0)
      return refusal(
        409,
        `the price group ${groups.map((g) => g.name).join(', ')} charges this tariff: move it to another first`,
      )
    if (r.row.archivedAt !== null) return { ok: true, row: r.row, created: false }
    const now = this.deps.clock.now()
    const row: TariffRow = { ...r.row, archivedAt: now, updatedAt: now }
    await this.deps.writer.write([
      this.deps.tariffs.update(id, { archivedAt: now, updatedAt: now }),
      this.#audit(scope, row, 'tariff.archived', r.row, row),
    ])
    return { ok: true, row, created: false }
  }

  /** Points a price group of the tariff's organization at the tariff (creating the group). */
  async setPriceGroup(scope: Scope, name: string, tariffId: string): Promise<Edited<PriceGroupRow>> {
    const r = await this.deps.scoped.reach(scope, tariffId)
    if (!r.ok) return refusal(r.status === 404 ? 400 : r.status, r.message, 'tariffId')
    if (r.row.archivedAt !== null) return refusal(409, `tariff ${tariffId} is archived`, 'tariffId')
    const existing = (await this.deps.tariffs.priceGroupsOf(r.row.organizationId)).find(
      (g) => g.name === name,
    )
    const row: PriceGroupRow = {
      organizationId: r.row.organizationId,
      name,
      tariffId,
      updatedAt: this.deps.clock.now(),
    }
    await this.deps.writer.write([
      this.deps.tariffs.setPriceGroup(row),
      this.deps.audit.entry(scope, {
        organizationId: row.organizationId,
        action: 'priceGroup.set',
        entity: 'priceGroup',
        entityId: name,
        before: existing ?? null,
        after: row,
      }),
    ])
    return { ok: true, row, created: existing === undefined }
  }

  /** Removes a price group of an organization the scope may write tariffs in. */
  async removePriceGroup(scope: Scope, organizationId: string, name: string): Promise<Edited<PriceGroupRow>> {
    const visible = await this.deps.scoped.priceGroupsList(scope)
    const group = visible.find((g) => g.organizationId === organizationId && g.name === name)
    if (!group) return refusal(404, `no price group ${name}`)
    const r = await this.deps.scoped.reach(scope, group.tariffId)
    if (!r.ok) return r
    const queries: WriteQuery[] = [
      this.deps.tariffs.removePriceGroup(organizationId, name),
      this.deps.audit.entry(scope, {
        organizationId,
        action: 'priceGroup.removed',
        entity: 'priceGroup',
        entityId: name,
        before: group,
        after: null,
      }),
    ]
    await this.deps.writer.write(queries)
    return { ok: true, row: group, created: false }
  }

  /** Why the series a tariff follows cannot be followed: unknown to the writer, or in another currency. */
  async #spotRefusal(scope: Scope, v: TariffInput) {
    const spot = v.tariff.spot
    if (!spot) return undefined
    const series = await this.deps.series.find(scope, spot.series_id)
    if (!series) return refusal(400, `no price series ${spot.series_id}`, 'spot')
    if (series.currency !== v.tariff.currency)
      return refusal(
        400,
        `price series ${series.name} is in ${series.currency}, the tariff in ${v.tariff.currency}`,
        'spot',
      )
    return undefined
  }

  #version(scope: Scope, tariffId: string, version: number, v: TariffInput, now: number): TariffVersionRow {
    const body: Tariff = {
      ...TARIFF_PARTY,
      id: tariffId,
      ...v.tariff,
      last_updated: new Date(now).toISOString(),
    }
    const rounding: RoundingPolicy = v.rounding
    return { tariffId, version, body, rounding, createdAt: now, createdBy: scope.actor.label }
  }

  #audit(scope: Scope, tariff: TariffRow, action: string, before: unknown, after: unknown) {
    return this.deps.audit.entry(scope, {
      organizationId: tariff.organizationId,
      action,
      entity: 'tariff',
      entityId: tariff.id,
      before,
      after,
    })
  }
}
