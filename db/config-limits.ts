/**
 * The ETL's and the file import's limits (ADR 017), read from the environment with the rest of the configuration
 * (db/config.ts). Durations are written `30s`, `10m`, `2h`, `1d`; sizes `512KB`, `64MB`, `1GB` (powers of 1024).
 */
import { z } from 'zod'

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const UNIT_BYTES = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as const

/** A duration in ms from `<n>s|m|h|d`. */
export const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(v)
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 30s, 10m, 2h or 1d' })
        return z.NEVER
      }
      return Math.round(Number(m[1]) * UNIT_MS[m[2]!.toLowerCase() as keyof typeof UNIT_MS])
    })

/** A size in bytes from `<n>B|KB|MB|GB`. */
export const size = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)$/i.exec(v)
      if (!m || Number(m[1]) <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a size such as 512KB, 64MB or 1GB' })
        return z.NEVER
      }
      return Math.round(Number(m[1]) * UNIT_BYTES[m[2]!.toLowerCase() as keyof typeof UNIT_BYTES])
    })

/** A whole count ≥ 1. */
export const count = (fallback: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
    .transform((v, ctx) => {
      const n = Number(v)
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number ≥ 1' })
        return z.NEVER
      }
      return n
    })

export const LIMITS_ENV = {
  /** A source time (other than a deadline) later than now + this is rejected `future_date`. */
  ETL_FUTURE_TOLERANCE: duration('1d'),
  /** Source pages one ETL run may read; more ends the run failed (a source that never ends). */
  ETL_MAX_PAGES: count(10_000),
  /** How long one ETL run may take; longer ends it failed. */
  ETL_RUN_TIME_LIMIT: duration('2h'),
  /** Bytes of one source page; a larger page is abandoned while it streams and ends the run failed. */
  ETL_MAX_PAGE_BYTES: size('64MB'),
  /** Scratch files of the ETL under DATA_DIR/scratch, per process; past it the run fails with the reason. */
  ETL_SCRATCH_MAX_BYTES: size('1GB'),
  /** Days of CapNhatLuc the nightly reconciliation re-reads from the source (etl/jobs/reconcile). */
  ETL_RECONCILE_DAYS: count(60),
  /** The largest file the import accepts: counted while the upload streams to disk, refused past it (413). */
  IMPORT_MAX_BYTES: size('50MB'),
  /** Data rows per imported file: a file with more is refused before any row is loaded. */
  IMPORT_MAX_ROWS: count(100_000),
  /** Rejected rows kept (with their record) per imported file; past it they are only counted. */
  IMPORT_MAX_REJECTS_KEPT: count(1000),
  /** An XLSX's shared strings (the workbook's distinct texts) kept while reading: past either bound the file is refused. */
  IMPORT_MAX_SHARED_STRINGS: count(500_000),
  IMPORT_MAX_TEXT: size('64MB'),
} as const
