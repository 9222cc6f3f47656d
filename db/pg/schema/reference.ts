/** Reference data: provinces, communes, pre-merger lineage, the working-day calendar. */
import {
  boolean,
  date,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  index,
} from 'drizzle-orm/pg-core'

export const provinces = pgTable('provinces', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
  nameEn: text('name_en').notNull(),
  communeCount: integer('commune_count').notNull(),
})

export const communes = pgTable(
  'communes',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    nameEn: text('name_en').notNull(),
    /** 'xa' | 'phuong' | 'dac_khu' */
    type: text('type').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    areaKm2: doublePrecision('area_km2'),
    population: integer('population'),
    formedByMerger: boolean('formed_by_merger').notNull().default(false),
    /** Unset by default: no official list exists yet (Decree 272/2025); Finance edits it. */
    disadvantaged: boolean('disadvantaged'),
    disadvantagedSynthetic: boolean('disadvantaged_synthetic').notNull().default(false),
    centroidLon: doublePrecision('centroid_lon'),
    centroidLat: doublePrecision('centroid_lat'),
    formedFromText: text('formed_from_text'),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode)],
)

/** Old (pre-1 July 2025) unit → new commune. A unit split across several communes has one row per
 * destination; `share` (0..1) is null until someone knows it, and then records cannot be restated. */
export const lineage = pgTable(
  'commune_lineage',
  {
    id: serial('id').primaryKey(),
    provinceCode: text('province_code').notNull(),
    oldUnitName: text('old_unit_name').notNull(),
    /** Lower-case, NFC, single-spaced form of the name used for matching source records. */
    oldUnitKey: text('old_unit_key').notNull(),
    oldUnitCode: text('old_unit_code'),
    newCommuneCode: text('new_commune_code')
      .notNull()
      .references(() => communes.code),
    partial: boolean('partial').notNull().default(false),
    share: doublePrecision('share'),
  },
  (t) => [uniqueIndex('lineage_old_new_uq').on(t.provinceCode, t.oldUnitKey, t.newCommuneCode), index('lineage_key_idx').on(t.oldUnitKey)],
)

export const holidays = pgTable(
  'holidays',
  {
    date: date('date').notNull(),
    /** 'holiday' | 'day_off' (days off) | 'makeup_workday' (a Saturday that is worked) */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    source: text('source'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.date, t.kind] })],
)
