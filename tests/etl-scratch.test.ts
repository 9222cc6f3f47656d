/**
 * The ETL's scratch files live under DATA_DIR/scratch (issue #17 item 6, ADR 018): a run first sweeps what killed
 * processes left there (and in /dev/shm and the temp dir, where older versions wrote), keeps what live processes
 * own, and stops with the reason when its scratch passes ETL_SCRATCH_MAX_BYTES — watermark unchanged, nothing of
 * its own left behind.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { getWatermark } from '../etl/state/watermarks.ts'
import { ScratchBudget, sweepScratch } from '../etl/load/scratch.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
let dataDir: string
const job = findJob('dossiers')!
/** A process id that is certainly dead: a child that has exited. */
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!
const at = (i: number) => `2026-03-02T08:${String(10 + i).padStart(2, '0')}:00+07:00`

function leave(dir: string, name: string, bytes: number): string {
  const full = path.join(dir, name)
  fs.mkdirSync(full, { recursive: true })
  fs.writeFileSync(path.join(full, 'page-1.json'), Buffer.alloc(bytes, 'x'))
  return full
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-etl-scratch-test-'))
  src = await startSourceServer()
  src.set(
    'dossiers',
    Array.from({ length: 12 }, (_, i) => dossier({ MaHoSo: `HS-S${String(i).padStart(2, '0')}`, CapNhatLuc: at(i) })),
  )
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'error', DATA_DIR: dataDir })
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('scratch space under DATA_DIR', () => {
  it('a run sweeps what dead processes left, keeps what live ones own, and writes its own files under DATA_DIR/scratch', async () => {
    const root = path.join(dataDir, 'scratch')
    fs.mkdirSync(root, { recursive: true })
    const dead = leave(root, `mck-etl-${deadPid}-abc123`, 1024 ** 2)
    fs.writeFileSync(path.join(root, `mck-etl-${deadPid}-0a1b2c.tsv`), 'x\n')
    const live = leave(root, `mck-etl-${process.ppid}-keep01`, 10)
    const other = leave(root, 'not-ours', 10)
    // The place older versions used: swept for dead processes too (a private temp dir stands in for /dev/shm).
    const legacy = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-legacy-'))
    const old = leave(legacy, `mck-etl-${deadPid}-old999`, 10)
    expect(sweepScratch([legacy])).toEqual({ removed: [old], bytes: 10 })
    fs.rmSync(legacy, { recursive: true, force: true })

    const r = await runJob(s, job, { trigger: 'test', options: { pageSize: 4 } })
    expect(r.loaded).toBe(12)
    expect(fs.existsSync(dead)).toBe(false)
    expect(fs.existsSync(path.join(root, `mck-etl-${deadPid}-0a1b2c.tsv`))).toBe(false)
    expect(fs.existsSync(live)).toBe(true)
    expect(fs.existsSync(other)).toBe(true)
    // Its pages were written there (the peak counts them), and nothing of this process is left.
    expect(r.scratchPeakBytes).toBeGreaterThan(1000)
    expect(fs.readdirSync(root).filter((n) => n.startsWith(`mck-etl-${process.pid}-`))).toEqual([])
  })

  it('past ETL_SCRATCH_MAX_BYTES the run stops with the reason, watermark unchanged, its files removed', async () => {
    const wm = (await getWatermark(s.pg.db, 'dossiers'))!.at.toISOString()
    src.add(
      'dossiers',
      ...Array.from({ length: 12 }, (_, i) => dossier({ MaHoSo: `HS-T${String(i).padStart(2, '0')}`, CapNhatLuc: at(30 + i) })),
    )
    await expect(runJob(s, job, { trigger: 'test', options: { pageSize: 2, scratchMaxBytes: 4000 } })).rejects.toThrow(
      /scratch space full: \d+ bytes in use under DATA_DIR\/scratch, more than the limit of 4000 \(ETL_SCRATCH_MAX_BYTES\)/,
    )
    expect((await getWatermark(s.pg.db, 'dossiers'))!.at.toISOString()).toBe(wm)
    const root = path.join(dataDir, 'scratch')
    expect(fs.readdirSync(root).filter((n) => n.startsWith(`mck-etl-${process.pid}-`))).toEqual([])
    // With room, the same run loads them.
    expect((await runJob(s, job, { trigger: 'test', options: { pageSize: 2 } })).loaded).toBeGreaterThanOrEqual(12)
  })

  it('the bound counts this process’s entries only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-budget-'))
    try {
      leave(dir, `mck-etl-${process.pid}-a`, 3000)
      fs.writeFileSync(path.join(dir, `mck-etl-${process.pid}-b.tsv`), Buffer.alloc(500))
      leave(dir, `mck-etl-${process.ppid}-c`, 9000)
      const b = new ScratchBudget([dir], 4000)
      expect(b.used()).toBe(3500)
      b.check(500)
      expect(() => b.check(501)).toThrow(/4001 bytes in use/)
      expect(b.peak).toBe(4001)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
