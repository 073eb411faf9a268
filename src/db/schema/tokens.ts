import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** An identification token: an RFID card, an app user's token, a key code. */
export const tokens = sqliteTable(
  'tokens',
  {
    /** The id as the charger sends it (1.6 idTag, 2.0.1 idToken.idToken). */
    uid: text('uid').primaryKey(),
    type: text('type').notNull(),
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
  (t) => [index('tokens_by_parent').on(t.parentUid)],
)
