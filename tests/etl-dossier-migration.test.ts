/**
 * The ClickHouse migration to a dossier keyed on its id alone (0300–0302, ADR 016): a dossier stored under two
 * communes by the old (commune, id) key becomes one row, its newest version, marked (a new loaded_at) so the next
 * rollups run recomputes both communes; every commune it was in is in dossier_communes, which a materialized view
 * keeps up to date. Its own file: one chDB engine per process, migrated step by step here.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openClickHouse } from '../db/clickhouse/client.ts'
import { chMigrationsDir, listChMigrations, migrateClickHouse } from '../db/clickhouse/migrate.ts'
import { DONG_SON, DONG_THUAN } from './support/etl-fixtures.ts'

describe('the migration to the id key', () => {
  it('a dossier stored under two communes by the old key becomes one row, its newest version; both communes are marked for the rollups', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-ch-migrations-'))
    const ch = await openClickHouse({ database: 'mig_test', dataDir: ':memory:' })
    try {
      for (const m of listChMigrations().filter((m) => m.version < 300)) fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)))
      await migrateClickHouse(ch, dir)
      const ins = (id: string, commune: string, upd: string) =>
        ch.client.command({
          query: `INSERT INTO dossiers (dossier_id, commune_code, status, received_at, updated_at, loaded_at) VALUES ('${id}', '${commune}', 2, '2026-03-02 08:00:00', '${upd}', '2026-03-05 00:00:00')`,
        })
      await ins('HC-1', DONG_THUAN, '2026-03-02 09:00:00')
      await ins('HC-1', DONG_SON, '2026-03-03 09:00:00')
      await ins('HC-2', DONG_SON, '2026-03-02 09:00:00')
      const before = await ch.client.query({ query: `SELECT count() AS n FROM dossiers FINAL`, format: 'JSONEachRow' })
      expect(await before.json()).toEqual([{ n: 3 }])

      expect(await migrateClickHouse(ch, chMigrationsDir)).toEqual(
        listChMigrations()
          .filter((m) => m.version >= 300)
          .map((m) => m.version),
      )
      const q = async (query: string) => (await ch.client.query({ query, format: 'JSONEachRow' })).json()
      expect(
        await q(`SELECT dossier_id, commune_code, loaded_at > '2026-03-06' AS marked FROM dossiers FINAL ORDER BY dossier_id`),
      ).toEqual([
        { dossier_id: 'HC-1', commune_code: DONG_SON, marked: 1 },
        { dossier_id: 'HC-2', commune_code: DONG_SON, marked: 0 },
      ])
      expect(await q(`SELECT dossier_id, commune_code FROM dossier_communes FINAL ORDER BY dossier_id, commune_code`)).toEqual([
        { dossier_id: 'HC-1', commune_code: DONG_THUAN },
        { dossier_id: 'HC-1', commune_code: DONG_SON },
        { dossier_id: 'HC-2', commune_code: DONG_SON },
      ])
      // The materialized view keeps it up to date.
      await ch.client.command({
        query: `INSERT INTO dossiers (dossier_id, commune_code, status, updated_at) VALUES ('HC-3', '${DONG_THUAN}', 2, '2026-03-04 09:00:00')`,
      })
      expect(await q(`SELECT commune_code FROM dossier_communes WHERE dossier_id = 'HC-3'`)).toEqual([{ commune_code: DONG_THUAN }])
      expect(await q(`SELECT name FROM system.tables WHERE database = 'mig_test' AND name LIKE 'dossiers%' ORDER BY name`)).toEqual([
        { name: 'dossiers' },
      ])
    } finally {
      await ch.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
