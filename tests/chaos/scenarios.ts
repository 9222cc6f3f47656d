/**
 * The hostile-source scenarios of issue #17, each against the real ETL (the `dossiers` job, then `reconcile`
 * where it applies) pulling from a real HTTP source on loopback (tests/support/source-server.ts). A scenario puts
 * its records at the source, runs the pulls a real deployment would run (a failed run, then the source heals
 * and the next run), and answers what it sent — each version marked when the ETL must reject it — so the ledger
 * (ledger.ts) can count lost and doubled records against `dossiers FINAL`. Ids carry the scenario's prefix.
 */
import { etlWatermarks } from '../../db/pg/schema/index.ts'
import { vnDay } from '../../db/lib/vn-time.ts'
import type { Stores } from '../../db/stores.ts'
import type { PullOptions } from '../../etl/job.ts'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { DONG_SON, DONG_THUAN, dossier } from '../support/etl-fixtures.ts'
import type { Fault, SourceServer } from '../support/source-server.ts'
import type { Sent, SourceRecord } from './ledger.ts'

export interface ScenarioContext {
  stores: Stores
  src: SourceServer
}

export interface RunNote {
  job: string
  ok: boolean
  read: number
  loaded: number
  rejected: number
  error?: string
}

export interface ScenarioResult {
  sent: Sent[]
  runs: RunNote[]
}

export interface SourceScenario {
  name: string
  /** Ids start with this (the ledger looks at these only). */
  prefix: string
  /** Seconds it takes on a quiet machine (the test runs the cheap ones). */
  cheap: boolean
  /** The ETL case's memory is measured and held to the harness's cap. */
  measured?: boolean
  run(ctx: ScenarioContext): Promise<ScenarioResult>
}

const MB = 1024 ** 2
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, n) => a + n, 0)

/** One run of `job`; a failed run is a result (its reason kept), not an exception. */
export async function pull(ctx: ScenarioContext, job = 'dossiers', options: PullOptions = {}): Promise<RunNote> {
  try {
    const s = await runJob(ctx.stores, findJob(job)!, { trigger: 'chaos', options: { retries: 0, ...options } })
    return { job, ok: true, read: s.read, loaded: s.loaded, rejected: sum(s.rejected) }
  } catch (e) {
    const msg = ((e as { cause?: Error }).cause ?? (e as Error)).message
    return { job, ok: false, read: 0, loaded: 0, rejected: 0, error: msg.replace(/ — GET .*$/, '').slice(0, 140) }
  }
}

/** A fresh source for the scenario: its records only, no fault, no watermark (a first pull reads them all). */
export async function begin(ctx: ScenarioContext, records: SourceRecord[]) {
  ctx.src.fault(null)
  ctx.src.set('dossiers', records)
  await ctx.stores.pg.db.delete(etlWatermarks)
}

const ok = (records: SourceRecord[]): Sent[] => records.map((record) => ({ record }))
const t = (day: number, hour = 9) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+07:00`
const many = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => dossier({ MaHoSo: `${prefix}${String(i + 1).padStart(4, '0')}`, CapNhatLuc: t(2 + (i % 20)) }))

/** A fault on the first run, then the source heals and the next run loads everything. */
function faultThenHeal(name: string, prefix: string, fault: Fault, options: PullOptions, measured = false): SourceScenario {
  return {
    name,
    prefix,
    cheap: false,
    measured,
    async run(ctx) {
      const records = many(prefix, 30)
      await begin(ctx, records)
      ctx.src.fault({ fault, page: fault.kind === 'huge' ? 2 : undefined })
      const failed = await pull(ctx, 'dossiers', { pageSize: 10, ...options })
      ctx.src.fault(null)
      const healed = await pull(ctx, 'dossiers', { pageSize: 10 })
      return { sent: ok(records), runs: [failed, healed] }
    },
  }
}

export const SCENARIOS: SourceScenario[] = [
  {
    // Issue #17 item 1: HC-1 received in 18859, moved to 18871, then back to 18859, one version per pull.
    name: 'commune-move',
    prefix: 'HC-',
    cheap: true,
    async run(ctx) {
      const versions = [
        dossier({ MaHoSo: 'HC-1', MaDonVi: DONG_THUAN, CapNhatLuc: t(2) }),
        dossier({ MaHoSo: 'HC-1', MaDonVi: DONG_SON, TrangThaiHoSo: 4, CapNhatLuc: t(3) }),
        dossier({ MaHoSo: 'HC-1', MaDonVi: DONG_THUAN, TrangThaiHoSo: 5, CapNhatLuc: t(4) }),
      ]
      await begin(ctx, [])
      const runs = []
      for (const v of versions) {
        ctx.src.add('dossiers', v)
        runs.push(await pull(ctx))
      }
      return { sent: ok(versions), runs }
    },
  },
  {
    // Item 2: versions dated 2030 and 2500 must not freeze the dossier; dates before 2000 and after 2100 rejected.
    name: 'bad-dates',
    prefix: 'HD-',
    cheap: true,
    async run(ctx) {
      const first: Sent[] = [
        { record: dossier({ MaHoSo: 'HD-1', CapNhatLuc: t(2) }) },
        { record: dossier({ MaHoSo: 'HD-1', TrangThaiHoSo: 4, CapNhatLuc: '2030-01-01T09:00:00+07:00' }), reject: true },
        { record: dossier({ MaHoSo: 'HD-1', TrangThaiHoSo: 5, CapNhatLuc: '2500-01-01T09:00:00+07:00' }), reject: true },
        { record: dossier({ MaHoSo: 'HD-2', NgayTiepNhan: '0001-01-01T00:00:00+07:00', CapNhatLuc: t(2, 10) }), reject: true },
        { record: dossier({ MaHoSo: 'HD-3', NgayNopHoSo: '1999-12-31T08:00:00+07:00', CapNhatLuc: t(2, 11) }), reject: true },
        { record: dossier({ MaHoSo: 'HD-4', NgayHenTra: '2101-01-01T17:00:00+07:00', CapNhatLuc: t(2, 12) }), reject: true },
      ]
      // The real correction, later than the first version but long before the future-dated ones.
      const correction: Sent = {
        record: dossier({ MaHoSo: 'HD-1', TrangThaiHoSo: 9, NgayKetThucXuLy: t(5, 8), CapNhatLuc: t(5, 8) }),
      }
      await begin(
        ctx,
        first.map((s) => s.record),
      )
      const a = await pull(ctx)
      ctx.src.add('dossiers', correction.record)
      const b = await pull(ctx)
      return { sent: [...first, correction], runs: [a, b] }
    },
  },
  {
    // Item 5: no length limits before — a 1 MB name, a 5 MB officer id, a 100 KB id, 9999-12-31, a fee of 1e308.
    name: 'oversized-fields',
    prefix: 'HB-',
    cheap: false,
    async run(ctx) {
      const sent: Sent[] = [
        { record: dossier({ MaHoSo: 'HB-1', TenTTHC: 'T'.repeat(MB), CapNhatLuc: t(2, 8) }), reject: true },
        { record: dossier({ MaHoSo: 'HB-2', CanBoXuLy: 'C'.repeat(5 * MB), CapNhatLuc: t(2, 9) }), reject: true },
        { record: dossier({ MaHoSo: 'HB-3' + 'x'.repeat(100 * 1024), CapNhatLuc: t(2, 10) }), reject: true },
        { record: dossier({ MaHoSo: 'HB-4', NgayHenTra: '9999-12-31T17:00:00+07:00', CapNhatLuc: t(2, 11) }), reject: true },
        { record: dossier({ MaHoSo: 'HB-5', PhiLePhi: 1e308, CapNhatLuc: t(2, 12) }), reject: true },
        { record: dossier({ MaHoSo: 'HB-6', PhiLePhi: 50_000, CapNhatLuc: t(2, 13) }) },
      ]
      await begin(
        ctx,
        sent.map((s) => s.record),
      )
      return { sent, runs: [await pull(ctx)] }
    },
  },
  // Item 3: a cursor that repeats; a source that never ends (ETL_MAX_PAGES lowered to 200 to stay quick).
  faultThenHeal('repeat-cursor', 'HR-', { kind: 'repeat-cursor', cursor: 'lap-lai' }, {}),
  faultThenHeal('endless-source', 'HE-', { kind: 'endless' }, { maxPages: 200 }),
  // Item 8: a 200 MB page (page 2), read with the default ETL_MAX_PAGE_BYTES (64 MB).
  faultThenHeal('huge-page-200MB', 'HG-', { kind: 'huge', bytes: 200 * MB }, {}, true),
  {
    // Item 4: a record committed 13 h behind the watermark and a change without a new CapNhatLuc: the pull
    // misses both, the reconciliation (last ETL_RECONCILE_DAYS days) loads them.
    name: 'late-commit+reconcile',
    prefix: 'HL-',
    cheap: false,
    async run(ctx) {
      const d1 = vnDay(Date.now() - 6 * 86_400_000)
      const d2 = vnDay(Date.now() - 5 * 86_400_000)
      const rec = (id: string, day: string, hour: number, over: SourceRecord = {}) =>
        dossier({
          MaHoSo: id,
          NgayNopHoSo: `${day}T08:00:00+07:00`,
          NgayTiepNhan: `${day}T08:00:00+07:00`,
          NgayHenTra: `${day}T17:00:00+07:00`,
          CapNhatLuc: `${day}T${String(hour).padStart(2, '0')}:00:00+07:00`,
          ...over,
        })
      const base = [rec('HL-1', d1, 9), rec('HL-2', d1, 10), rec('HL-3', d2, 9), rec('HL-4', d2, 11)]
      await begin(ctx, base)
      const first = await pull(ctx)
      const late = rec('HL-5', d1, 11)
      const silent = rec('HL-3', d2, 9, { TrangThaiHoSo: 4, TenTTHC: 'Đăng ký kết hôn' })
      ctx.src.set('dossiers', [...base.filter((r) => r.MaHoSo !== 'HL-3'), late, silent])
      const missed = await pull(ctx)
      const reconciled = await pull(ctx, 'reconcile')
      return { sent: ok([...base, late, silent]), runs: [first, missed, reconciled] }
    },
  },
]
