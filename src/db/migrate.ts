import { resolve } from 'node:path'
import { migrate } from 'drizzle-orm/libsql/migrator'
import type { Db } from './client'

/** The folder drizzle-kit writes to; resolved from this file so the node can start from any cwd. */
export const migrationsFolder = resolve(import.meta.dir, '../../migrations')

/** Applies pending migrations; drizzle records applied ones by hash, so this is safe on every boot. */
export async function applyMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder })
}
