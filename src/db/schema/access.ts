import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Who may charge where, when and with what (`src/domain/access`). Ordered by `position` within an
 * organization; the first policy that matches a request decides it, and a site's `access_default`
 * decides when none does.
 */
export const accessPolicies = sqliteTable(
  'access_policies',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** `allow` or `deny`. */
    effect: text('effect').notNull(),
    /** `anyone` (any accepted token), `token`, `driver`, `household`, `group` or `business`. */
    whoKind: text('who_kind').notNull(),
    whoId: text('who_id'),
    /** `organization`, `site`, `circuit` (id: the site, sub: the circuit), `charger` or `evse` (sub: its id). */
    whereKind: text('where_kind').notNull(),
    whereId: text('where_id').notNull(),
    whereSub: text('where_sub'),
    /** JSON array of weekly windows `{ days: [1..7], from: 'HH:MM', to: 'HH:MM' }` in the site's zone; empty: always. */
    windows: text('windows', { mode: 'json' }).notNull(),
    validFrom: integer('valid_from'),
    validUntil: integer('valid_until'),
    /** `ignore`, `exclude` (not on holidays) or `only` (only on holidays). */
    holidays: text('holidays').notNull().default('ignore'),
    /** With what: the price group (tariffs), the site loop's priority tier, a monthly kWh budget, a session cap. */
    priceGroup: text('price_group'),
    priorityTier: integer('priority_tier'),
    /** Decimal kWh as text. */
    monthlyKwhBudget: text('monthly_kwh_budget'),
    maxSessionMinutes: integer('max_session_minutes'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('access_policies_by_org').on(t.organizationId, t.position)],
)

/** The local authorization list a charger holds, as last sent and acknowledged. */
export const localLists = sqliteTable('local_lists', {
  chargerId: text('charger_id').primaryKey(),
  /** The version the charger acknowledged; 0: none. */
  version: integer('version').notNull().default(0),
  /** The most entries the charger reported it can hold (1.6 LocalAuthListMaxLength, 2.0.1 ItemsPerMessage/Entries). */
  maxEntries: integer('max_entries'),
  /** Hash of the entries the charger should hold now; differs from `sentHash` while an update is owed. */
  wantedHash: text('wanted_hash'),
  sentHash: text('sent_hash'),
  sentAt: integer('sent_at'),
  /** The version of the update in flight (sent, not yet answered); null when none is. */
  pendingVersion: integer('pending_version'),
  /** How many entries the last compiled list could not hold (over `maxEntries`). */
  dropped: integer('dropped').notNull().default(0),
  /** The earliest instant the compiled list would differ (a window opens or closes): recompile then. */
  nextChangeAt: integer('next_change_at'),
  /** `Accepted`, `Failed`, `VersionMismatch`, `NotSupported` or null before the first send. */
  lastStatus: text('last_status'),
  updatedAt: integer('updated_at').notNull(),
})

/** The entries of a charger's acknowledged local list, from which a differential update is computed. */
export const localListEntries = sqliteTable(
  'local_list_entries',
  {
    chargerId: text('charger_id').notNull(),
    idTag: text('id_tag').notNull(),
    status: text('status').notNull(),
    expiresAt: integer('expires_at'),
    groupId: text('group_id'),
  },
  (t) => [primaryKey({ columns: [t.chargerId, t.idTag] })],
)

/**
 * A refused Authorize, start or remote start, with the evaluator's explanation (which policy decided
 * and why), shown in the admin beside the charger's sessions. Kept for the retention the reports use.
 */
export const accessRefusals = sqliteTable(
  'access_refusals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The charger's organization. */
    organizationId: text('organization_id').notNull(),
    chargerId: text('charger_id').notNull(),
    evseId: integer('evse_id'),
    idToken: text('id_token').notNull(),
    /** `authorize`, `start` or `remoteStart`. */
    purpose: text('purpose').notNull(),
    /** The 2.0.1-vocabulary status decided; the wire status for 1.6 follows `status16`. */
    status: text('status').notNull(),
    /** `token`, `policy` or `default`; with the policy's id when a policy decided. */
    decidedBy: text('decided_by').notNull(),
    policyId: text('policy_id'),
    /** JSON array of the explanation's lines. */
    explanation: text('explanation', { mode: 'json' }).$type<string[]>().notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    index('access_refusals_by_charger').on(t.chargerId, t.at),
    index('access_refusals_by_org').on(t.organizationId, t.at),
  ],
)
