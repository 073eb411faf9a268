import { parseSampleValue } from '@src/domain/charger/meter'
import type { MeterSample } from '@src/domain/charger/types'
import { and, eq, isNull, max, type SQL, sql } from 'drizzle-orm'
import { assignments, type BoundStatement, compile, placeholders } from '../bound'
import type { Db } from '../client'
import {
  chargers,
  chargingStates,
  meterValues,
  PLATFORM_ORG,
  transactionEvents,
  transactions,
} from '../schema'
import {
  listTransactions,
  type MeterValueRow,
  meterValuesOf,
  openOnEvse,
  recentMeterValuesOf,
  type SeriesPoint,
  seriesOf,
  type TransactionListQuery,
  type TransactionRow,
  tagHistory,
} from './transaction-queries'

export type { MeterValueRow, TransactionListQuery, TransactionRow } from './transaction-queries'

/**
 * What is stored of a transaction's meter (see `src/domain/charger/energy.ts`): the chosen start and
 * stop readings with their ranks, and its flags, plus when.
 */
export interface MeterFields {
  meterStartWh: number | null
  meterStartAt: number | null
  meterStartRank: number | null
  lastMeterWh: number | null
  lastMeterAt: number | null
  lastMeterRank: number | null
  meterFlags: string | null
  updatedAt: number
}

/** The columns of a stored sample the energy rule reads again when a transaction ends. */
export type StoredSample = Pick<
  MeterValueRow,
  'sampledAt' | 'measurand' | 'phase' | 'unit' | 'context' | 'location' | 'value' | 'raw'
>

/** A stored sample as the charger sent it (its value parsed again from the raw text when none was kept). */
export function storedSample(r: StoredSample): MeterSample {
  return {
    timestamp: r.sampledAt,
    measurand: r.measurand,
    value: r.value ?? parseSampleValue(r.raw),
    raw: r.raw,
    ...(r.unit === null ? {} : { unit: r.unit }),
    ...(r.context === null ? {} : { context: r.context }),
    ...(r.location === null ? {} : { location: r.location }),
  }
}

const p = sql.placeholder
const SAMPLE_COLUMNS = [
  'chargerId',
  'evseId',
  'transactionId',
  'sampledAt',
  'measurand',
  'phase',
  'unit',
  'context',
  'location',
  'format',
  'value',
  'raw',
] as const
const EVENT_COLUMNS = [
  'chargerId',
  'ocppTxId',
  'seqNo',
  'eventType',
  'triggerReason',
  'at',
  'offline',
  'receivedAt',
] as const
const METER_COLUMNS = [
  'meterStartWh',
  'meterStartAt',
  'meterStartRank',
  'lastMeterWh',
  'lastMeterAt',
  'lastMeterRank',
  'meterFlags',
  'updatedAt',
] as const
type SampleRow = Required<Omit<typeof meterValues.$inferInsert, 'id'>>
type SampleOfWireTx = Omit<SampleRow, 'transactionId'> & { wireTxId: string }
type EventRow = Required<Omit<typeof transactionEvents.$inferInsert, 'id'>>

/** Transactions and their meter values. */
export class TransactionsRepo {
  readonly #insertSample
  readonly #insertSampleOfWireTx
  readonly #insertEvent
  readonly #patchMeter
  readonly #registerSamples
  readonly #seqNos
  readonly #find
  readonly #findByWireId
  readonly #openOf
  readonly #openOfTag

  constructor(private readonly db: Db) {
    const open = (where: SQL | undefined) => and(where, isNull(transactions.endedAt))
    this.#find = db
      .select()
      .from(transactions)
      .where(eq(transactions.id, p('id')))
      .prepare()
    this.#findByWireId = db
      .select()
      .from(transactions)
      .where(and(eq(transactions.chargerId, p('chargerId')), eq(transactions.ocppTxId, p('ocppTxId'))))
      .prepare()
    this.#openOf = db
      .select()
      .from(transactions)
      .where(open(eq(transactions.chargerId, p('chargerId'))))
      .prepare()
    this.#openOfTag = db
      .select({ chargerId: transactions.chargerId, evseId: transactions.evseId })
      .from(transactions)
      .where(open(eq(transactions.idTag, p('idTag'))))
      .limit(20)
      .prepare()
    this.#insertSample = compile<SampleRow>(db.insert(meterValues).values(placeholders(SAMPLE_COLUMNS)))
    const txOfWireId = sql`(select ${transactions.id} from ${transactions} where ${transactions.chargerId} = ${p('chargerId')} and ${transactions.ocppTxId} = ${p('wireTxId')})`
    this.#insertSampleOfWireTx = compile<SampleOfWireTx>(
      db.insert(meterValues).values({ ...placeholders(SAMPLE_COLUMNS), transactionId: txOfWireId }),
    )
    this.#registerSamples = db
      .select({
        sampledAt: meterValues.sampledAt,
        measurand: meterValues.measurand,
        phase: meterValues.phase,
        unit: meterValues.unit,
        context: meterValues.context,
        location: meterValues.location,
        value: meterValues.value,
        raw: meterValues.raw,
      })
      .from(meterValues)
      .where(
        and(
          eq(meterValues.transactionId, p('id')),
          eq(meterValues.measurand, 'Energy.Active.Import.Register'),
          isNull(meterValues.phase),
        ),
      )
      .prepare()
    this.#insertEvent = compile<EventRow>(
      db.insert(transactionEvents).values(placeholders(EVENT_COLUMNS)).onConflictDoNothing(),
    )
    this.#patchMeter = compile<MeterFields & { id: number }>(
      db
        .update(transactions)
        .set(assignments(METER_COLUMNS))
        .where(eq(transactions.id, p('id'))),
    )
    this.#seqNos = compile<{ chargerId: string; ocppTxId: string; seqNo: number }>(
      db
        .select({
          max: max(transactionEvents.seqNo).as('max'),
          seen: sql<number>`sum(${transactionEvents.seqNo} = ${p('seqNo')})`.as('seen'),
        })
        .from(transactionEvents)
        .where(
          and(eq(transactionEvents.chargerId, p('chargerId')), eq(transactionEvents.ocppTxId, p('ocppTxId'))),
        ),
    )
  }

  find(id: number): Promise<TransactionRow | undefined> {
    return this.#find.get({ id })
  }

  findByWireId(chargerId: string, ocppTxId: string): Promise<TransactionRow | undefined> {
    return this.#findByWireId.get({ chargerId, ocppTxId })
  }

  openOf(chargerId: string): Promise<TransactionRow[]> {
    return this.#openOf.all({ chargerId })
  }

  /** Sets when the driver leaves and how much energy they want (`source`: driver, ev, pattern). */
  setDeparture(
    id: number,
    v: { departureAt: number | null; energyNeedWh: number | null; source: string | null; now: number },
  ) {
    return this.db
      .update(transactions)
      .set({
        departureAt: v.departureAt,
        energyNeedWh: v.energyNeedWh,
        departureSource: v.source,
        updatedAt: v.now,
      })
      .where(eq(transactions.id, id))
  }

  setDriverToken(id: number, token: string) {
    return this.db.update(transactions).set({ driverToken: token }).where(eq(transactions.id, id))
  }

  findByDriverToken(token: string): Promise<TransactionRow | undefined> {
    return this.db.query.transactions.findFirst({ where: eq(transactions.driverToken, token) })
  }

  /** The open transaction on an EVSE (the driver page of a connector's QR code). */
  openOn(chargerId: string, evseId: number): Promise<TransactionRow | undefined> {
    return openOnEvse(this.db, chargerId, evseId)
  }

  /** A token's finished sessions, newest first: the driver's usual pattern. */
  history(idTag: string, limit = 30): Promise<Pick<TransactionRow, 'startedAt' | 'endedAt'>[]> {
    return tagHistory(this.db, idTag, limit)
  }

  /** Where the token is charging right now (its open transactions). */
  openOfTag(idTag: string): Promise<{ chargerId: string; evseId: number }[]> {
    return this.#openOfTag.all({ idTag })
  }

  /** A page of transactions, newest first: see {@link listTransactions}. */
  list(q: TransactionListQuery): Promise<{ rows: TransactionRow[]; total: number }> {
    return listTransactions(this.db, q)
  }

  meterValuesOf(transactionId: number, limit = 5000): Promise<MeterValueRow[]> {
    return meterValuesOf(this.db, transactionId, limit)
  }

  /** The newest sampled values of a charger, newest first. */
  recentMeterValuesOfCharger(chargerId: string, limit: number): Promise<MeterValueRow[]> {
    return recentMeterValuesOf(this.db, chargerId, limit)
  }

  /** One measurand of a transaction over time (whole-connector values only), oldest first. */
  series(transactionId: number, measurand: string, limit = 2000): Promise<SeriesPoint[]> {
    return seriesOf(this.db, transactionId, measurand, limit)
  }

  /**
   * Whether this TransactionEvent (charger, transaction, seqNo) was already stored, and the highest
   * seqNo stored for the transaction (so later events can skip the lookup).
   */
  async seqNos(
    chargerId: string,
    ocppTxId: string,
    seqNo: number,
  ): Promise<{ seen: boolean; max: number | null }> {
    const { rows } = await this.db.$client.execute(this.#seqNos({ chargerId, ocppTxId, seqNo }))
    const row = rows[0]
    return { seen: Number(row?.seen ?? 0) > 0, max: row?.max == null ? null : Number(row.max) }
  }

  insertEvent(v: EventRow): BoundStatement {
    return this.#insertEvent(v)
  }

  /** Stores a transaction's meter: the hot path of every meter value. */
  patchMeter(id: number, meter: MeterFields): BoundStatement {
    return this.#patchMeter({ id, ...meter })
  }

  /** The energy-register samples stored for a transaction (whole-connector, any unit): the energy rule's input. */
  registerSamplesOf(id: number): Promise<StoredSample[]> {
    return this.#registerSamples.all({ id })
  }

  /** Records that a transaction's charging state became `state` at `at` (charger time). */
  recordChargingState(transactionId: number, at: number, state: string) {
    return this.db.insert(chargingStates).values({ transactionId, at, state })
  }

  /**
   * Records a new transaction's first charging state, found by its wire id in the same write as its
   * insert (its row id is not known until then).
   */
  recordFirstChargingState(chargerId: string, wireTxId: string, at: number, state: string) {
    return this.db.insert(chargingStates).select(
      this.db
        .select({
          transactionId: transactions.id,
          at: sql<number>`${at}`.as('at'),
          state: sql<string>`${state}`.as('state'),
        })
        .from(transactions)
        .where(and(eq(transactions.chargerId, chargerId), eq(transactions.ocppTxId, wireTxId))),
    )
  }

  /** Transactions ended at or after `since` that have no CDR yet (a boot's catch-up), oldest first. */
  async endedWithoutCdr(since: number): Promise<number[]> {
    const rows = await this.db.all<{ id: number }>(sql`SELECT t.id FROM transactions t
      WHERE t.ended_at >= ${since} AND NOT EXISTS (SELECT 1 FROM cdrs c WHERE c.transaction_id = t.id)
      ORDER BY t.ended_at LIMIT 10000`)
    return rows.map((r) => r.id)
  }

  /**
   * display: the open transactions whose charger this node held last, or no node does now (a node's
   * boot re-creates their sessions), oldest first.
   */
  async openOnNode(nodeId: string): Promise<number[]> {
    const rows = await this.db.all<{ id: number }>(sql`SELECT t.id FROM transactions t
      JOIN chargers c ON c.id = t.charger_id
      WHERE t.ended_at IS NULL AND (c.node_id = ${nodeId} OR c.node_id IS NULL)
      ORDER BY t.started_at LIMIT 100000`)
    return rows.map((r) => r.id)
  }

  /** A transaction's charging states in the order they began. */
  chargingStatesOf(transactionId: number): Promise<{ at: number; state: string }[]> {
    return this.db
      .select({ at: chargingStates.at, state: chargingStates.state })
      .from(chargingStates)
      .where(eq(chargingStates.transactionId, transactionId))
      .orderBy(chargingStates.at)
  }

  /** Sets what a later event tells about a transaction (only the fields given). */
  patch(id: number, set: Partial<TransactionRow>) {
    return this.db.update(transactions).set(set).where(eq(transactions.id, id))
  }

  /**
   * A new transaction, with whatever its first message told (an OCPP 2.0.1 transaction may be first
   * seen in its Ended event, and is then inserted already ended). It belongs to its charger's
   * organization, read in the insert itself (the platform's for a charger nobody registered).
   */
  insertTransaction(
    v: Pick<
      typeof transactions.$inferInsert,
      | 'chargerId'
      | 'evseId'
      | 'connectorId'
      | 'ocppTxId'
      | 'idTag'
      | 'startStatus'
      | 'reservationId'
      | 'remoteStartId'
      | 'startedAt'
      | 'chargingState'
      | 'endedAt'
      | 'meterStopWh'
      | 'energyWh'
      | 'stopReason'
      | 'stopIdTag'
      | 'accessPolicyId'
      | 'priceGroup'
      | 'priorityTier'
      | 'stopBy'
    > &
      MeterFields,
  ) {
    const organizationId = sql<string>`coalesce((select ${chargers.organizationId} from ${chargers} where ${chargers.id} = ${v.chargerId}), ${PLATFORM_ORG})`
    return this.db
      .insert(transactions)
      .values({ ...v, organizationId })
      .returning({ id: transactions.id })
  }

  /** 1.6: the wire id is our row id, known only after the insert; set it in the same commit. */
  setWireIdToRowId(chargerId: string, provisional: string) {
    return this.db
      .update(transactions)
      .set({ ocppTxId: sql`cast(${transactions.id} as text)` })
      .where(and(eq(transactions.chargerId, chargerId), eq(transactions.ocppTxId, provisional)))
  }

  /**
   * One row per sample, each bound to a statement compiled once; a sample already stored (same content)
   * is skipped, silently, by the trigger `meter_values_once` (migration 0006), so no conflict clause.
   * `tx` is the transaction's row id, or its wire id when the row is inserted in the same commit (its id
   * is not known yet).
   */
  insertSamples(
    chargerId: string,
    evseId: number,
    tx: number | { wireTxId: string } | null,
    samples: readonly MeterSample[],
  ): BoundStatement[] {
    return samples.map((s) => {
      const row = {
        chargerId,
        evseId,
        sampledAt: s.timestamp,
        measurand: s.measurand,
        phase: s.phase ?? null,
        unit: s.unit ?? null,
        context: s.context ?? null,
        location: s.location ?? null,
        format: s.format ?? null,
        value: s.value ?? null,
        raw: s.raw,
      }
      return typeof tx === 'object' && tx !== null
        ? this.#insertSampleOfWireTx({ ...row, wireTxId: tx.wireTxId })
        : this.#insertSample({ ...row, transactionId: tx })
    })
  }
}
