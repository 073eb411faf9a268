import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** An identification token: an RFID card, an app user's token, a key code. */
export const tokens = sqliteTable(
  'tokens',
  {
    /** The id as the charger sends it (1.6 idTag, 2.0.1 idToken.idToken). */
    uid: text('uid').primaryKey(),
    type: text('type').notNull(),
    organizationId: text('organization_id').notNull().default('platform'),
    /** Whose it is: a driver, or directly a household or a business account (a shared card). */
    driverId: text('driver_id'),
    householdId: text('household_id'),
    businessAccountId: text('business_account_id'),
    status: text('status').notNull(),
    expiresAt: integer('expires_at'),
    /** Group id (1.6 parentIdTag): tokens with the same parent may stop each other's transactions. */
    parentUid: text('parent_uid'),
    label: text('label'),
    /** Fleet cards may charge several cars at once; by default a token answers ConcurrentTx. */
    allowConcurrentTx: integer('allow_concurrent_tx', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('tokens_by_parent').on(t.parentUid),
    index('tokens_by_org').on(t.organizationId, t.uid),
    index('tokens_by_driver').on(t.driverId),
  ],
)
