import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** A person who runs the back office. */
export const operators = sqliteTable('operators', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name'),
  passwordHash: text('password_hash').notNull(),
  /** Sessions made before this instant are void ("sign out everywhere", a password change). */
  sessionsValidFrom: integer('sessions_valid_from').notNull().default(0),
  disabledAt: integer('disabled_at'),
  createdAt: integer('created_at').notNull(),
  lastLoginAt: integer('last_login_at'),
})

/** A signed-in operator's session; only a hash of the cookie token is stored. */
export const operatorSessions = sqliteTable(
  'operator_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => operators.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    userAgent: text('user_agent'),
    address: text('address'),
  },
  (t) => [index('operator_sessions_by_expiry').on(t.expiresAt)],
)
