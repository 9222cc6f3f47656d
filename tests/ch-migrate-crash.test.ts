/**
 * The migrator is crash-safe between statements (issue #17, migration 0302's RENAME sequence): for each
 * statement of 0302 the run is ended right after that statement ran and before it was recorded (the worst
 * moment for a kill -9), then the migrator runs again, as the next start does. It must finish, and the tables
 * must be what an uninterrupted run gives: one row per dossier, its newest version, marked for the rollups;
 * every commune in dossier_communes; the materialized view working; the old table gone.
 * Its own file: one chDB engine per process; each case works in a database of its own.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openClickHouse, type ChStore } from '../db/clickhouse/client.ts'
import { listChMigrations, migrateClickHouse, renameDone } from '../db/clickhouse/migrate.ts'
import { renderMigration } from '../db/clickhouse/render.ts'
import { DONG_SON, DONG_THUAN } from './support/etl-fixtures.ts'

let ch: ChStore
let before: string
let upTo302: string
const swap = listChMigrations().find((m) => m.name === 'dossiers_swap')!
const swapSteps = renderMigration(fs.readFileSync(swap.file, 'utf8'), { database: 'x' }).length

const q = async (query: string) => (await ch.client.query({ query, format: 'JSONEachRow' })).json()
const copy = (dir: string, keep: (v: number) => boolean) => {
  for (const m of listChMigrations().filter((m) => keep(m.version))) fs.copyFileSync(m.file, path.join(dir, path.basename(m.file)))
}

async function freshDatabase(name: string) {
  await ch.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${name}` })
  await ch.client.command({ query: `USE ${name}` })
  await migrateClickHouse(ch, before)
  const ins = (id: string, commune: string, upd: string) =>
    ch.client.command({
      query: `INSERT INTO dossiers (dossier_id, commune_code, status, received_at, updated_at, loaded_at) VALUES ('${id}', '${commune}', 2, '2026-03-02 08:00:00', '${upd}', '2026-03-05 00:00:00')`,
    })
  await ins('HC-1', DONG_THUAN, '2026-03-02 09:00:00')
  await ins('HC-1', DONG_SON, '2026-03-03 09:00:00')
  await ins('HC-2', DONG_SON, '2026-03-02 09:00:00')
}

async function expectSwapped(name: string) {
  expect(await q(`SELECT dossier_id, commune_code, loaded_at > '2026-03-06' AS marked FROM dossiers FINAL ORDER BY dossier_id`)).toEqual([
    { dossier_id: 'HC-1', commune_code: DONG_SON, marked: 1 },
    { dossier_id: 'HC-2', commune_code: DONG_SON, marked: 0 },
  ])
  expect(await q(`SELECT dossier_id, commune_code FROM dossier_communes FINAL ORDER BY dossier_id, commune_code`)).toEqual([
    { dossier_id: 'HC-1', commune_code: DONG_THUAN },
    { dossier_id: 'HC-1', commune_code: DONG_SON },
    { dossier_id: 'HC-2', commune_code: DONG_SON },
  ])
  await ch.client.command({
    query: `INSERT INTO dossiers (dossier_id, commune_code, status, updated_at) VALUES ('HC-3', '${DONG_THUAN}', 2, '2026-03-04 09:00:00')`,
  })
  expect(await q(`SELECT commune_code FROM dossier_communes WHERE dossier_id = 'HC-3'`)).toEqual([{ commune_code: DONG_THUAN }])
  expect(await q(`SELECT name FROM system.tables WHERE database = '${name}' AND name LIKE 'dossier%' ORDER BY name`)).toEqual([
    { name: 'dossier_communes' },
    { name: 'dossier_communes_mv' },
    { name: 'dossiers' },
  ])
  expect(await q(`SELECT DISTINCT version FROM schema_migrations WHERE version = ${swap.version}`)).toEqual([{ version: swap.version }])
}

beforeAll(async () => {
  before = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-ch-crash-a-'))
  upTo302 = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-ch-crash-b-'))
  copy(before, (v) => v < 300)
  copy(upTo302, (v) => v <= swap.version)
  ch = await openClickHouse({ database: 'crash_setup', dataDir: ':memory:' })
})
afterAll(async () => {
  await ch?.close()
  for (const d of [before, upTo302]) fs.rmSync(d, { recursive: true, force: true })
})

class Killed extends Error {}

describe('0302 (copy, copy, RENAME, DROP, CREATE) survives a death after any of its statements', () => {
  it('renders as five statements on one node', () => expect(swapSteps).toBe(5))

  it.each(Array.from({ length: 5 }, (_, i) => i))(
    'killed after statement %i ran, before it was recorded: the next start completes it',
    async (step) => {
      const name = `crash_${step}`
      await freshDatabase(name)
      await expect(
        migrateClickHouse(ch, upTo302, {
          afterStatement: (m, i) => {
            if (m.version === swap.version && i === step) throw new Killed(`killed after ${i}`)
          },
        }),
      ).rejects.toThrow(Killed)
      expect(await q(`SELECT count() AS n FROM schema_migrations WHERE version = ${swap.version}`)).toEqual([{ n: 0 }])
      // The next start: only 0302 is left, and it finishes.
      expect(await migrateClickHouse(ch, upTo302)).toEqual([swap.version])
      await expectSwapped(name)
      expect(await migrateClickHouse(ch, upTo302)).toEqual([])
    },
  )

  it('renameDone: a RENAME is done when every target exists and no source that is not a target does', async () => {
    await freshDatabase('crash_rename')
    const rename = renderMigration(fs.readFileSync(swap.file, 'utf8'), { database: 'crash_rename' }).find((s) => s.startsWith('RENAME'))!
    expect(rename).toBe('RENAME TABLE dossiers TO dossiers_by_commune, dossiers_by_id TO dossiers')
    expect(await renameDone(ch, rename)).toBe(false) // before 0300: no dossiers_by_commune
    await migrateClickHouse(ch, upTo302)
    expect(await renameDone(ch, rename)).toBe(false) // after 0302: dossiers_by_commune dropped
    await ch.client.command({ query: 'CREATE TABLE dossiers_by_commune (a UInt8) ENGINE = Memory' })
    expect(await renameDone(ch, rename)).toBe(true) // the state right after the RENAME
    expect(await renameDone(ch, 'SELECT 1')).toBe(null)
  })
})
