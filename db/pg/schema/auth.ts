/** Users, roles, sessions and API tokens (accounts issue builds the flows on these tables). */
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  displayName: text('display_name'),
  passwordHash: text('password_hash').notNull(),
  /** Set for users whose role is `commune`: the one commune they may see and act for. */
  communeCode: text('commune_code'),
  /** A user scoped to one province of a national deployment (ADR 033); null: the whole deployment. */
  provinceCode: text('province_code'),
  active: boolean('active').notNull().default(true),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
})

export const userRoles = pgTable(
  'user_roles',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'leadership' | 'home_affairs' | 'finance' | 'it' | 'commune' | 'admin' */
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** SHA-256 of the token; the token itself is shown once. */
  tokenHash: text('token_hash').notNull().unique(),
  label: text('label'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** After this instant the token identifies nobody (null: no expiry — tokens made before expiry existed). */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
})

/** Demo mode only (DEMO=on without TTHC_SOURCE_URL): the generated demo accounts' passwords, shown on the
 * sign-in page. Emptied, and those accounts deactivated, when the server starts in production mode. */
export const demoCredentials = pgTable('demo_credentials', {
  email: text('email').primaryKey(),
  password: text('password').notNull(),
  role: text('role').notNull(),
  communeCode: text('commune_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
