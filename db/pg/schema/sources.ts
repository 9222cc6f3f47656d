/**
 * Source systems other than the documented contract (ADR 019, 021): the editable code tables that map each
 * system's status, channel and unit codes onto ours, and the national-portal push receiver's senders, sessions
 * and staging table.
 */
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * One row per (system, kind, code): what the source system's code means in our terms. `target` null = a code
 * the ETL met that nobody has mapped yet (its records are rejected `unmapped_status`, `unmapped_channel` or `unmapped_unit` until IT maps it).
 * Seeded rows are `isDefault` (starting values to review), cleared when someone saves the row.
 */
export const sourceCodeMaps = pgTable(
  'source_code_maps',
  {
    /** 'igate' | 'dvcqg' */
    system: text('system').notNull(),
    /** 'status' (→ 1…10) | 'channel' (→ 1…3) | 'unit' (→ a commune code of the province) */
    kind: text('kind').notNull(),
    /** The source system's code, as text. */
    code: text('code').notNull(),
    target: text('target'),
    /** The source system's own name for the code (a hint for whoever maps it). */
    label: text('label'),
    isDefault: boolean('is_default').notNull().default(false),
    /** Records met with this code while it had no target (since it was last saved). */
    unmappedSeen: integer('unmapped_seen').notNull().default(0),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.system, t.kind, t.code] })],
)

/** A provincial system allowed to push to the receiver: its unit code (`dstcode` header) and hashed password. */
export const pushSenders = pgTable('push_senders', {
  id: serial('id').primaryKey(),
  dstcode: text('dstcode').notNull().unique(),
  username: text('username').notNull(),
  /** scrypt, as users' passwords (app/auth/password.server.ts). */
  passwordHash: text('password_hash').notNull(),
  label: text('label'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by'),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
})

/** Sessions handed out by the receiver's login; only the SHA-256 of the session string is kept. */
export const pushSessions = pgTable(
  'push_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    senderId: integer('sender_id')
      .notNull()
      .references(() => pushSenders.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('push_sessions_sender_idx').on(t.senderId)],
)

/**
 * The receiver's staging table: every pushed item (a dossier of DongBoHoSoMC or a step of CapNhatTienDoHoSoMC),
 * written before the reply, citizens' personal data already removed. The `dvcqg-push` job drains the pending
 * rows (`loaded_at` null) through the ETL and marks them loaded once the load committed.
 */
export const pushItems = pgTable(
  'push_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    senderId: integer('sender_id').notNull(),
    /** 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC' */
    service: text('service').notNull(),
    /** The envelope's `madonvi` (the sending unit). */
    unit: text('unit'),
    /** MaHoSo (null when the item has none: it is rejected when drained). */
    dossierId: text('dossier_id'),
    /** The item's own time: a dossier's latest date, a step's ThoiDiemXuLy (null when none parses). */
    version: timestamp('version', { withTimezone: true, precision: 3 }),
    item: jsonb('item').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    loadedAt: timestamp('loaded_at', { withTimezone: true }),
    runId: integer('run_id'),
  },
  (t) => [index('push_items_pending_idx').on(t.loadedAt, t.id), index('push_items_dossier_idx').on(t.dossierId, t.service)],
)
