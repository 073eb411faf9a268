import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * A one-time sign-in link mailed to a driver (driver pages). Only the SHA-256 of the link's secret is
 * kept; a link lasts 15 minutes and is used once (`usedAt`).
 */
export const driverSignInLinks = sqliteTable(
  'driver_sign_in_links',
  {
    hash: text('hash').primaryKey(),
    /** The email the link was sent to, lower-cased: every driver with it is signed in. */
    email: text('email').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('driver_sign_in_links_by_email').on(t.email)],
)

/** A signed-in driver's browser: the SHA-256 of its cookie's secret, until it expires or signs out. */
export const driverSessions = sqliteTable(
  'driver_sessions',
  {
    hash: text('hash').primaryKey(),
    email: text('email').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('driver_sessions_by_email').on(t.email)],
)

/**
 * A driver's weekly departure plan ("weekdays 07:15"): a session of one of the driver's tokens that
 * starts without a departure gets the plan's next time, in the site's time zone.
 */
export const departurePlans = sqliteTable('departure_plans', {
  driverId: text('driver_id').primaryKey(),
  /** ISO weekdays, comma-separated: `1,2,3,4,5` is Monday to Friday. */
  days: text('days').notNull(),
  /** `HH:MM`, local to the site the car charges at. */
  time: text('time').notNull(),
  energyNeedWh: integer('energy_need_wh'),
  updatedAt: integer('updated_at').notNull(),
})
