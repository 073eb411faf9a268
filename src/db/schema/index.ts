/** The whole database schema (drizzle-kit reads this to generate `migrations/`). */
export * from './chargers'
export * from './device'
export * from './operators'
export * from './sites'
export * from './tokens'
export * from './transactions'
