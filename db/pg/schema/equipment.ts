/** Equipment norms, prices and the inventory per commune. No 2025 norm was published: all editable. */
import { bigint, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { communes } from './reference.ts'

export const equipmentTypes = pgTable('equipment_types', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  /** 'counter' (needed per counter) | 'centre' (needed per centre) */
  basis: text('basis').notNull(),
  /** Units required per counter or per centre. */
  perUnit: doublePrecision('per_unit').notNull(),
  /** Unit price in VND. */
  unitPriceVnd: bigint('unit_price_vnd', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const equipmentInventory = pgTable(
  'equipment_inventory',
  {
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    typeCode: text('type_code')
      .notNull()
      .references(() => equipmentTypes.code),
    working: integer('working').notNull().default(0),
    broken: integer('broken').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: text('updated_by'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.typeCode] }), index('inventory_type_idx').on(t.typeCode)],
)
