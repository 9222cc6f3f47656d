import { defineConfig } from 'drizzle-kit'

// Migrations are generated (`npm run db:generate`) and committed; both drivers apply the same folder at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema/index.ts',
  out: './db/pg/migrations',
})
