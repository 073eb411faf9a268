import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * A charger's device model: OCPP 2.0.1 component/variable attributes from NotifyReport and
 * Get/SetVariables, and OCPP 1.6 configuration keys (component `Configuration`, variable = key).
 * Empty strings stand for "none" in the key columns, so the primary key stays total.
 */
export const deviceVariables = sqliteTable(
  'device_variables',
  {
    chargerId: text('charger_id').notNull(),
    component: text('component').notNull(),
    componentInstance: text('component_instance').notNull().default(''),
    evseId: integer('evse_id').notNull().default(-1),
    connectorId: integer('connector_id').notNull().default(-1),
    variable: text('variable').notNull(),
    variableInstance: text('variable_instance').notNull().default(''),
    attributeType: text('attribute_type').notNull().default('Actual'),
    value: text('value'),
    mutability: text('mutability'),
    dataType: text('data_type'),
    unit: text('unit'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.chargerId,
        t.component,
        t.componentInstance,
        t.evseId,
        t.connectorId,
        t.variable,
        t.variableInstance,
        t.attributeType,
      ],
    }),
  ],
)

/** What an EV needs (2.0.1 NotifyEVChargingNeeds), the latest per EVSE: departure and energy. */
export const chargingNeeds = sqliteTable(
  'charging_needs',
  {
    chargerId: text('charger_id').notNull(),
    evseId: integer('evse_id').notNull(),
    receivedAt: integer('received_at').notNull(),
    departureAt: integer('departure_at'),
    energyWh: real('energy_wh'),
    minCurrentA: real('min_current_a'),
    maxCurrentA: real('max_current_a'),
    transferMode: text('transfer_mode').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.chargerId, t.evseId] })],
)

/** A reservation made with ReserveNow; its id is the one on the wire. */
export const reservations = sqliteTable(
  'reservations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chargerId: text('charger_id').notNull(),
    evseId: integer('evse_id'),
    idTag: text('id_tag').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Requested, Accepted, Rejected, Cancelled, Used, Expired, Removed, Failed. */
    status: text('status').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('reservations_by_charger').on(t.chargerId, t.status)],
)
