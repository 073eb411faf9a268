import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * A tariff of an organization: its name and which version is current. The prices live in its
 * versions, which never change once written: a session keeps the version it started under.
 */
export const tariffs = sqliteTable(
  'tariffs',
  {
    /** Also the OCPI tariff id (at most 36 characters). */
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    currentVersion: integer('current_version').notNull(),
    /** Set when retired: no new session starts under it; old sessions keep their version. */
    archivedAt: integer('archived_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('tariffs_by_org').on(t.organizationId, t.name)],
)

/** One immutable version of a tariff: the OCPI 2.2.1 Tariff (with our extensions) and its rounding policy. */
export const tariffVersions = sqliteTable(
  'tariff_versions',
  {
    tariffId: text('tariff_id').notNull(),
    version: integer('version').notNull(),
    /** The OCPI Tariff object as JSON (amounts as the operator wrote them). */
    body: text('body', { mode: 'json' }).notNull(),
    /** The rounding policy as JSON `{ scale, mode, level }`. */
    rounding: text('rounding', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    /** Who wrote it: an account's email or an API key's name. */
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tariffId, t.version] })],
)

/**
 * Which tariff a price group of an organization charges: an access policy names the price group
 * (`residents`, `visitors`), this names the tariff.
 */
export const priceGroups = sqliteTable(
  'price_groups',
  {
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    tariffId: text('tariff_id').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('price_groups_by_name').on(t.organizationId, t.name),
    index('price_groups_by_tariff').on(t.tariffId),
  ],
)

/**
 * One charge detail record per finished session, never changed (database triggers refuse an update or
 * a delete). A correction is a credit CDR (the next `generation`, negative totals, `credits` naming the
 * CDR it cancels) followed by the corrected CDR (the generation after). `body` is the OCPI-shaped pricing
 * (periods, totals, the tariff as it was); the totals are repeated as exact decimal text for billing
 * runs and reports. The payer is the token's owner when the CDR was written (null: nobody to invoice).
 */
export const cdrs = sqliteTable(
  'cdrs',
  {
    /** Also the OCPI CDR id. */
    id: text('id').primaryKey(),
    transactionId: integer('transaction_id').notNull(),
    /** 1 for a session's first CDR; each correction adds a credit CDR and a corrected one. */
    generation: integer('generation').notNull().default(1),
    /** For a credit CDR, the id of the CDR it cancels. */
    credits: text('credits'),
    /** Who pays: `businessAccount`, `household` or `driver`, and which; null when the token has no owner. */
    payerKind: text('payer_kind'),
    payerId: text('payer_id'),
    /** The business account's cost centre (the driver's) the session is booked to. */
    costCentre: text('cost_centre'),
    organizationId: text('organization_id').notNull(),
    chargerId: text('charger_id').notNull(),
    evseId: integer('evse_id').notNull(),
    idTag: text('id_tag'),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at').notNull(),
    /** Null when the session ran under no tariff (it cost nothing). */
    tariffId: text('tariff_id'),
    tariffVersion: integer('tariff_version'),
    currency: text('currency'),
    /** Billed totals, decimal text under the tariff version's rounding policy. */
    totalExclVat: text('total_excl_vat').notNull(),
    totalInclVat: text('total_incl_vat'),
    energyWh: real('energy_wh').notNull(),
    /** What a person should check, comma-separated: stopLost (Superseded), powerLoss, meterFlags. */
    flags: text('flags').notNull(),
    body: text('body', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('cdrs_by_transaction').on(t.transactionId, t.generation),
    index('cdrs_by_org').on(t.organizationId, t.endedAt),
    index('cdrs_by_payer').on(t.payerKind, t.payerId),
  ],
)
