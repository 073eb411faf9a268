import { defineConfig } from 'drizzle-kit'

/** drizzle-kit: `npm run db:generate` writes SQL migrations from `src/db/schema` into `migrations/`. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './migrations',
})
