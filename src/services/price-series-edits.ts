import type { PriceSeriesRepo, PriceSeriesRow, PriceSlotRow } from '@src/db/repos/price-series'
import type { ScopedPriceSeries } from '@src/db/repos/scoped-price-series'
import type { DbWriter, WriteQuery } from '@src/db/writer'
import { type NumberedSlot, type RowError, readPlainCsv } from '@src/domain/price-series/plain-csv'
import type { PriceUnit } from '@src/domain/price-series/price-unit'
import { checkSlots, SLOT_MINUTES, type SlotMinutes } from '@src/domain/price-series/slot-checks'
import { planSlots } from '@src/domain/price-series/slot-plan'
import { dec } from '@src/domain/tariffs/decimal'
import type { SpotSlot } from '@src/domain/tariffs/spot-price'
import type { Scope } from '@src/domain/tenancy/scope'
import type { Clock } from '@src/lib/clock'
import { z } from 'zod'
import type { Audit } from './audit'
import { newId } from './people-edits'
import { type Edited, refusal } from './people-input'

/** A new price series as the API and the admin form send it. */
export const seriesInput = z.object({
  name: z.string().trim().min(1, 'Enter a name, like Nord Pool SE3.').max(100),
  organizationId: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).max(64).optional()),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency like SEK'),
  slotMinutes: z.coerce
    .number()
    .refine((m) => (SLOT_MINUTES as readonly number[]).includes(m), 'slots of 15 or 60 minutes'),
  zone: z.string().trim().min(1, 'Enter the bidding zone, like SE3.').max(16),
})
/** A valid new series. */
export type SeriesInput = z.infer<typeof seriesInput>

/** Prices per kWh as decimal text, negative allowed (spot prices go below zero), at most 8 decimals. */
const pricePerKwh = z
  .string()
  .regex(/^-?\d{1,6}(\.\d{1,8})?$/, 'a price per kWh as decimal text, like "0.8731"')

/** Slots as the API's JSON sends them: instants with their offset, the price per kWh excl. VAT as text. */
export const slotsInput = z.object({
  slots: z
    .array(
      z.strictObject({
        from: z.iso.datetime({ offset: true }),
        to: z.iso.datetime({ offset: true }),
        price_per_kwh: pricePerKwh,
      }),
    )
    .min(1)
    .max(20_000),
})
/** Valid JSON slots. */
export type SlotsInput = z.infer<typeof slotsInput>

/** What an import did (or, previewed, would do), and its first slots in time order. */
export interface ImportSummary {
  series: PriceSeriesRow
  slots: number
  added: number
  revised: number
  unchanged: number
  first: SpotSlot[]
}

/** An import's outcome: done, or refused (every bad line named in `errors`, nothing written). */
export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | { ok: false; status: 400 | 403 | 404; message: string; errors: RowError[] }

/** What {@link PriceSeriesEdits} works with. */
export interface PriceSeriesEditsDeps {
  priceSeries: PriceSeriesRepo
  scoped: ScopedPriceSeries
  writer: DbWriter
  clock: Clock
  audit: Audit
}

/** Rows per INSERT: well under SQLite's bound-variable limit at six columns a slot. */
const INSERT_CHUNK = 1000
/** A preview shows this many of the first slots. */
const PREVIEW_SLOTS = 8

/**
 * Price series and their slots. An import is all or nothing: every slot is checked against the series
 * (length, start on the slot, no start twice) and one bad line refuses the whole import with each bad
 * line named. A slot the series already has at another price is revised, never overwritten: the old
 * price stays in `price_slot_revisions` with who replaced it, because a day-ahead price can be
 * corrected by the market (or a file imported in the wrong unit) and must then be fixable, while what
 * a running session was shown stays on record. A finished session is unaffected: its CDR keeps the
 * tariff it was priced under, slot prices included.
 */
export class PriceSeriesEdits {
  constructor(private readonly deps: PriceSeriesEditsDeps) {}

  /** Creates an empty series. */
  async create(scope: Scope, v: SeriesInput): Promise<Edited<PriceSeriesRow>> {
    const owner = this.deps.scoped.ownerOfNew(scope, v.organizationId)
    if (!owner.ok) return refusal(400, owner.message, 'organizationId')
    const now = this.deps.clock.now()
    const row: PriceSeriesRow = {
      id: newId('ps'),
      organizationId: owner.organizationId,
      name: v.name,
      currency: v.currency,
      slotMinutes: v.slotMinutes,
      zone: v.zone,
      createdAt: now,
      updatedAt: now,
    }
    await this.deps.writer.write([
      this.deps.priceSeries.insert(row),
      this.deps.audit.entry(scope, {
        organizationId: row.organizationId,
        action: 'priceSeries.created',
        entity: 'priceSeries',
        entityId: row.id,
        before: null,
        after: row,
      }),
    ])
    return { ok: true, row, created: true }
  }

  /**
   * Imports a plain `start,end,price` CSV (prices in `unit`); `dryRun` only says what it would do.
   * Every bad line is named at once: those that cannot be read and those the series cannot take.
   */
  async importCsv(
    scope: Scope,
    id: string,
    text: string,
    unit: PriceUnit,
    dryRun = false,
  ): Promise<ImportOutcome> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return { ...r, errors: [] }
    const { slots, errors } = readPlainCsv(text, unit)
    errors.push(...checkSlots(slots, r.row.slotMinutes as SlotMinutes))
    if (errors.length > 0) return refusedLines(errors.sort((x, y) => x.line - y.line))
    if (slots.length === 0) return refusedLines([{ line: 2, message: 'the file has no slots' }])
    return this.importSlots(scope, id, slots, dryRun)
  }

  /** Imports JSON slots (`line` is the slot's position in the list, from 1). */
  importJson(scope: Scope, id: string, v: SlotsInput): Promise<ImportOutcome> {
    const slots = v.slots.map((s, i) => ({
      from: Date.parse(s.from),
      to: Date.parse(s.to),
      pricePerKwh: dec(s.price_per_kwh).toString(),
      line: i + 1,
    }))
    return this.importSlots(scope, id, slots)
  }

  /** Checks slots against the series and writes them (or, `dryRun`, only plans): see the class. */
  async importSlots(scope: Scope, id: string, slots: NumberedSlot[], dryRun = false): Promise<ImportOutcome> {
    const r = await this.deps.scoped.reach(scope, id)
    if (!r.ok) return { ...r, errors: [] }
    const errors = checkSlots(slots, r.row.slotMinutes as SlotMinutes)
    if (errors.length > 0) return refusedLines(errors)
    const stored = await this.deps.priceSeries.slotsStartingAt(
      id,
      slots.map((s) => s.from),
    )
    const plan = planSlots(
      slots.map(({ line: _l, ...s }) => s),
      stored.map((s) => ({ from: s.fromMs, pricePerKwh: s.pricePerKwh, revision: s.revision })),
    )
    const summary: ImportSummary = {
      series: r.row,
      slots: slots.length,
      added: plan.added.length,
      revised: plan.revised.length,
      unchanged: plan.unchanged,
      first: [...slots]
        .sort((a, b) => a.from - b.from)
        .slice(0, PREVIEW_SLOTS)
        .map(({ line: _l, ...s }) => s),
    }
    if (dryRun || (plan.added.length === 0 && plan.revised.length === 0)) return { ok: true, summary }
    const now = this.deps.clock.now()
    const added: PriceSlotRow[] = plan.added.map((s) => ({
      seriesId: id,
      fromMs: s.from,
      toMs: s.to,
      pricePerKwh: s.pricePerKwh,
      revision: 1,
      updatedAt: now,
    }))
    const queries: WriteQuery[] = []
    for (let i = 0; i < added.length; i += INSERT_CHUNK)
      queries.push(this.deps.priceSeries.insertSlots(added.slice(i, i + INSERT_CHUNK)))
    for (const { slot, before } of plan.revised)
      queries.push(
        this.deps.priceSeries.insertRevision({
          seriesId: id,
          fromMs: before.from,
          revision: before.revision,
          pricePerKwh: before.pricePerKwh,
          replacedAt: now,
          replacedBy: scope.actor.label,
        }),
        this.deps.priceSeries.revise(id, slot.from, {
          pricePerKwh: slot.pricePerKwh,
          revision: before.revision + 1,
          updatedAt: now,
        }),
      )
    queries.push(
      this.deps.priceSeries.touch(id, now),
      this.deps.audit.entry(scope, {
        organizationId: r.row.organizationId,
        action: 'priceSeries.imported',
        entity: 'priceSeries',
        entityId: id,
        before: null,
        after: { slots: summary.slots, added: summary.added, revised: summary.revised },
      }),
    )
    await this.deps.writer.write(queries)
    return { ok: true, summary }
  }
}

function refusedLines(errors: RowError[]): ImportOutcome {
  const lines = errors.map((e) => e.line).join(', ')
  return {
    ok: false,
    status: 400,
    message: `nothing imported: ${errors.length === 1 ? 'line' : 'lines'} ${lines} cannot be read`,
    errors,
  }
}
