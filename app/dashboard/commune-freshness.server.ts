/**
 * Freshness per commune (Dữ liệu, IT): when each commune last sent dossier data, and which have been silent longer
 * than COMMUNE_SILENT_HOURS (or the page's `silent` hours) — a commune whose one-stop system stopped sending shows
 * here even while the jobs run on time for the others.
 */
import { asc, eq } from 'drizzle-orm'
import { communes } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { communeLastData } from '~/kpi/queries/commune-freshness'

export interface CommuneFreshness {
  code: string
  name: string
  /** The newest CapNhatLuc it sent, and when that data was loaded (ISO), or null: nothing ever. */
  lastAt: string | null
  loadedAt: string | null
  /** Hours since lastAt (null: nothing ever). */
  silentHours: number | null
  silent: boolean
}

/** `?silent=` hours (1–720), else the configured default. */
export function silentHoursParam(sp: URLSearchParams, fallback: number): number {
  const n = Number(sp.get('silent'))
  return Number.isInteger(n) && n >= 1 && n <= 720 ? n : fallback
}

/** Every commune of the province, the silent ones first (longest silence first, never heard before them), then by name. */
export async function communeFreshness(stores: Stores, thresholdHours: number, now = Date.now()): Promise<CommuneFreshness[]> {
  const list = await stores.pg.db
    .select({ code: communes.code, name: communes.fullName })
    .from(communes)
    .where(eq(communes.provinceCode, stores.config.PROVINCE_CODE))
    .orderBy(asc(communes.name))
  const rows = await communeLastData(stores.ch, { communes: list.map((c) => c.code) }, 'route:data:freshness')
  const by = new Map(rows.map((r) => [r.commune_code, r]))
  const out = list.map((c) => {
    const r = by.get(c.code)
    const silentHours = r ? Math.max(0, (now - r.last_ms) / 3_600_000) : null
    return {
      code: c.code,
      name: c.name,
      lastAt: r ? new Date(r.last_ms).toISOString() : null,
      loadedAt: r ? new Date(r.loaded_ms).toISOString() : null,
      silentHours,
      silent: silentHours === null || silentHours > thresholdHours,
    }
  })
  const rank = (x: CommuneFreshness) => (x.silent ? (x.silentHours ?? Infinity) : -1)
  return out.sort((a, b) => rank(b) - rank(a) || a.name.localeCompare(b.name, 'vi'))
}
