import fs from 'node:fs'
import path from 'node:path'
import { pgMigrationsDir } from '../db/paths.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, count, eq } from 'drizzle-orm'
import { communes, lineage, provinces } from '../db/pg/schema/index.ts'
import { appliedPgMigrations, migratePg } from '../db/pg/client.ts'
import { appliedChMigrations, listChMigrations, migrateClickHouse } from '../db/clickhouse/migrate.ts'
import { loadReference } from '../db/seed/reference.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let s: TestStores
beforeAll(async () => {
  s = await openTestStores({}, { fresh: true }) // from scratch: every migration and the reference data load run here
})
afterAll(async () => s?.dispose())

describe(`both stores on real engines (Postgres: ${process.env.DATABASE_URL ? 'server' : 'PGlite'}, ClickHouse: chDB)`, () => {
  it('applies the Postgres migrations, and a second run is a no-op', async () => {
    const first = await appliedPgMigrations(s.pg)
    const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsDir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }
    expect(first).toEqual(journal.entries.map((e) => e.tag))
    expect(first[0]).toBe('0000_init')
    expect(await migratePg(s.pg)).toEqual(first)
  })

  it('applies every ClickHouse migration once; a second run applies nothing', async () => {
    const all = listChMigrations().map((m) => m.version)
    expect(await appliedChMigrations(s.ch)).toEqual(all)
    expect(await migrateClickHouse(s.ch)).toEqual([])
    expect(await appliedChMigrations(s.ch)).toEqual(all)
  })

  it('loads 34 provinces and 3,321 communes; Quảng Trị has 78 = 69 xã + 8 phường + 1 đặc khu', async () => {
    const [p] = await s.pg.db.select({ n: count() }).from(provinces)
    const [c] = await s.pg.db.select({ n: count() }).from(communes)
    expect(p!.n).toBe(34)
    expect(c!.n).toBe(3321)
    const byType = await s.pg.db
      .select({ type: communes.type, n: count() })
      .from(communes)
      .where(eq(communes.provinceCode, '44'))
      .groupBy(communes.type)
    expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual({ xa: 69, phuong: 8, dac_khu: 1 })
  })

  it('loading reference data again changes nothing', async () => {
    const before = await s.pg.db.select({ n: count() }).from(lineage)
    await loadReference(s.pg.db)
    const after = await s.pg.db.select({ n: count() }).from(lineage)
    expect(after[0]!.n).toBe(before[0]!.n)
  })

  it('keeps the pre-merger lineage of named communes as Resolution 1680 sets it', async () => {
    const olds = async (name: string) => {
      const [c] = await s.pg.db
        .select()
        .from(communes)
        .where(and(eq(communes.provinceCode, '44'), eq(communes.name, name)))
      const rows = await s.pg.db.select({ n: lineage.oldUnitName }).from(lineage).where(eq(lineage.newCommuneCode, c!.code))
      return { merged: c!.formedByMerger, units: rows.map((r) => r.n).sort() }
    }
    // Clause 3: xã Dân Hóa ← xã Trọng Hóa và xã Dân Hóa (the national list spells it "Dân Hoá"; shown in the new tone placement).
    expect(await olds('Dân Hóa')).toEqual({ merged: true, units: ['Xã Dân Hóa', 'Xã Trọng Hóa'] })
    // Clause 56: xã Lao Bảo ← xã Tân Thành (huyện Hướng Hóa), xã Tân Long và thị trấn Lao Bảo.
    expect(await olds('Lao Bảo')).toEqual({ merged: true, units: ['Thị trấn Lao Bảo', 'Xã Tân Long', 'Xã Tân Thành (huyện Hướng Hóa)'] })
    // Clause 1: xã Nam Gianh ← các xã Quảng Hòa, Quảng Lộc, Quảng Văn và Quảng Minh.
    expect(await olds('Nam Gianh')).toEqual({ merged: true, units: ['Xã Quảng Hòa', 'Xã Quảng Lộc', 'Xã Quảng Minh', 'Xã Quảng Văn'] })
    // Clause 78: xã Tân Thành (huyện Minh Hóa) is kept as it was.
    expect(await olds('Tân Thành')).toEqual({ merged: false, units: ['Xã Tân Thành'] })
    // Clause 77: đặc khu Cồn Cỏ ← huyện Cồn Cỏ.
    expect(await olds('Cồn Cỏ')).toEqual({ merged: false, units: ['Huyện Cồn Cỏ'] })
  })

  it('builds the ClickHouse working-day calendar: across Tết 2026 only 3 working days from 13 to 24 February', async () => {
    const rs = await s.ch.client.query({
      query: `SELECT sumIf(1, is_working) AS w, max(seq) - min(seq) AS span FROM workdays FINAL WHERE day BETWEEN '2026-02-13' AND '2026-02-24'`,
      format: 'JSONEachRow',
    })
    const [row] = (await rs.json()) as { w: number; span: number }[]
    expect(Number(row!.w)).toBe(3)
  })
})
