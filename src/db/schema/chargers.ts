import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * A charging station, keyed by its OCPP identity (the last path segment of its WebSocket URL).
 *
 * Its id and label are also indexed for substring search by the FTS5 trigram table `chargers_search`
 * (migration `0001_charger_search`, kept in step by triggers; drizzle cannot declare virtual tables).
 */
export const chargers = sqliteTable(
  'chargers',
  {
    id: text('id').primaryKey(),
    label: text('label'),
    /** Who owns it: seen only by this organization (and its ancestors, up to the platform). */
    organizationId: text('organization_id').notNull().default('platform'),
    /** Registration as answered to BootNotification: Accepted, Pending or Rejected. */
    registration: text('registration').notNull().default('Accepted'),
    /** Security profile 1/2: hash of the HTTP Basic password; null means no password is required. */
    passwordHash: text('password_hash'),
    protocol: text('protocol'),
    vendor: text('vendor'),
    model: text('model'),
    serialNumber: text('serial_number'),
    firmwareVersion: text('firmware_version'),
    iccid: text('iccid'),
    imsi: text('imsi'),
    meterType: text('meter_type'),
    meterSerialNumber: text('meter_serial_number'),
    online: integer('online', { mode: 'boolean' }).notNull().default(false),
    nodeId: text('node_id'),
    lastBootAt: integer('last_boot_at'),
    lastSeenAt: integer('last_seen_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  /** Online counts and the online/offline filter, in id order. */
  (t) => [
    index('chargers_by_online').on(t.online, t.id),
    index('chargers_by_org').on(t.organizationId, t.id),
  ],
)

/**
 * Live status per connector. Protocol-neutral: OCPP 1.6 connector N is EVSE N / connector 1, and 1.6
 * connector 0 (the whole station) is EVSE 0 / connector 0.
 */
export const connectors = sqliteTable(
  'connectors',
  {
    chargerId: text('charger_id')
      .notNull()
      .references(() => chargers.id, { onDelete: 'cascade' }),
    evseId: integer('evse_id').notNull(),
    connectorId: integer('connector_id').notNull(),
    status: text('status').notNull(),
    errorCode: text('error_code'),
    info: text('info'),
    vendorId: text('vendor_id'),
    vendorErrorCode: text('vendor_error_code'),
    /** When the charger says the status began (its timestamp, or receipt time if it sent none). */
    statusAt: integer('status_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.chargerId, t.evseId, t.connectorId] })],
)

/** An append-only log of what a charger reported outside transactions (firmware, diagnostics, data). */
export const chargerEvents = sqliteTable(
  'charger_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    chargerId: text('charger_id').notNull(),
    at: integer('at').notNull(),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
  },
  (t) => [index('charger_events_by_charger').on(t.chargerId, t.at)],
)

/**
 * The secret behind a charger's driver QR codes: each connector's code is an HMAC of its EVSE id under
 * this key (`src/http/driver/connector-code.ts`), so only someone who scanned the code on the connector
 * reaches its running session. Kept out of the `chargers` row, which is read everywhere.
 */
export const driverKeys = sqliteTable('driver_keys', {
  chargerId: text('charger_id')
    .primaryKey()
    .references(() => chargers.id, { onDelete: 'cascade' }),
  key: text('key').notNull(),
  createdAt: integer('created_at').notNull(),
})
