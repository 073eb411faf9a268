import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * A charging transaction. `id` is ours (and OCPP 1.6's integer transactionId); `ocppTxId` is the id on
 * the wire (the same number as text for 1.6, the charger's own string for 2.0.1).
 */
export const transactions = sqliteTable(
  'transactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chargerId: text('charger_id').notNull(),
    /** The charger's organization when the transaction started. */
    organizationId: text('organization_id').notNull().default('platform'),
    evseId: integer('evse_id').notNull(),
    connectorId: integer('connector_id').notNull(),
    ocppTxId: text('ocpp_tx_id').notNull(),
    idTag: text('id_tag'),
    /** Authorization status of the id tag when the transaction started. */
    startStatus: text('start_status'),
    reservationId: integer('reservation_id'),
    startedAt: integer('started_at').notNull(),
    /**
     * The reading chosen as the start (see `src/domain/charger/energy.ts`); null until one arrives (2.0.1).
     * `meterStartRank`: 2 the start message's own value (1.6 meterStart), 1 a reading its events mark as
     * theirs (Transaction.Begin), 0 a periodic reading filling in.
     */
    meterStartWh: real('meter_start_wh'),
    meterStartAt: integer('meter_start_at'),
    meterStartRank: integer('meter_start_rank'),
    /** 2.0.1: Charging, EVConnected, SuspendedEV, SuspendedEVSE, Idle (1.6: from StatusNotification). */
    chargingState: text('charging_state'),
    /** 2.0.1: the id of the RequestStartTransaction that started it. */
    remoteStartId: integer('remote_start_id'),
    /** When the driver leaves, and the energy they still want (smart charging plans by them). */
    departureAt: integer('departure_at'),
    energyNeedWh: real('energy_need_wh'),
    /** Where the departure came from: `driver`, `ev` (NotifyEVChargingNeeds), `pattern`, or null (default). */
    departureSource: text('departure_source'),
    /** Secret of the driver's page for this transaction (`/drive/<token>`). */
    driverToken: text('driver_token'),
    /** What the access evaluator decided at the start: the policy, its price group and power tier. */
    accessPolicyId: text('access_policy_id'),
    priceGroup: text('price_group'),
    priorityTier: integer('priority_tier'),
    /** The tariff version the session is priced under, fixed at its start (null: none applied). */
    tariffId: text('tariff_id'),
    tariffVersion: integer('tariff_version'),
    /** The deciding policy's maximum session length, as the instant the CSMS stops the transaction; null: no cap. */
    stopBy: integer('stop_by'),
    /** The reading chosen as the stop so far (ranked like the start); the final one once ended. */
    lastMeterWh: real('last_meter_wh'),
    lastMeterAt: integer('last_meter_at'),
    lastMeterRank: integer('last_meter_rank'),
    /** What a person should check about the readings, comma-separated: registerBackwards, clockOutsideWindow. */
    meterFlags: text('meter_flags'),
    endedAt: integer('ended_at'),
    meterStopWh: real('meter_stop_wh'),
    energyWh: real('energy_wh'),
    stopReason: text('stop_reason'),
    stopIdTag: text('stop_id_tag'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('transactions_wire_id').on(t.chargerId, t.ocppTxId),
    index('transactions_by_charger').on(t.chargerId, t.startedAt),
    index('transactions_open_by_tag').on(t.idTag, t.endedAt),
    /** The running transactions with a maximum length, for the session caps (only those rows, so it stays small). */
    index('transactions_capped').on(t.stopBy).where(sql`${t.endedAt} IS NULL AND ${t.stopBy} IS NOT NULL`),
  ],
)

/**
 * What a transaction was doing and since when (charger time): each change of its charging state
 * (2.0.1 chargingState; 1.6 from the connector's status). Pricing reads it: time parked without
 * charging (SuspendedEV, EVConnected) is PARKING_TIME, the rest of the session is TIME.
 */
export const chargingStates = sqliteTable(
  'charging_states',
  {
    transactionId: integer('transaction_id').notNull(),
    at: integer('at').notNull(),
    state: text('state').notNull(),
  },
  (t) => [index('charging_states_by_tx').on(t.transactionId, t.at)],
)

/**
 * Every 2.0.1 TransactionEvent received, once: a replayed event (same seqNo) is answered again but not
 * stored twice, and the trigger reasons and offline flags stay auditable.
 */
export const transactionEvents = sqliteTable(
  'transaction_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chargerId: text('charger_id').notNull(),
    ocppTxId: text('ocpp_tx_id').notNull(),
    seqNo: integer('seq_no').notNull(),
    eventType: text('event_type').notNull(),
    triggerReason: text('trigger_reason').notNull(),
    at: integer('at').notNull(),
    offline: integer('offline', { mode: 'boolean' }).notNull().default(false),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [uniqueIndex('transaction_events_seq').on(t.chargerId, t.ocppTxId, t.seqNo)],
)

/**
 * One sampled value (OCPP SampledValue), with every attribute kept. `raw` is the value exactly as sent
 * (signed meter data stays verifiable); `value` is the parsed number when there is one.
 *
 * A sample is stored once by its content (charger, time, EVSE, measurand, phase, location, context,
 * unit, value): a MeterValues or TransactionEvent retried on any connection, or replayed after a
 * restart, adds nothing. The trigger `meter_values_once` (migration 0006, SQL only: drizzle declares no
 * triggers) skips such a row; it finds its twins through `meter_values_by_charger`, which a wide unique
 * index over all nine values would have cost in bytes written per sample.
 */
export const meterValues = sqliteTable(
  'meter_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chargerId: text('charger_id').notNull(),
    evseId: integer('evse_id').notNull(),
    transactionId: integer('transaction_id'),
    sampledAt: integer('sampled_at').notNull(),
    measurand: text('measurand').notNull(),
    phase: text('phase'),
    unit: text('unit'),
    context: text('context'),
    location: text('location'),
    format: text('format'),
    value: real('value'),
    raw: text('raw').notNull(),
  },
  (t) => [
    index('meter_values_by_tx').on(t.transactionId, t.sampledAt),
    index('meter_values_by_charger').on(t.chargerId, t.sampledAt),
  ],
)
