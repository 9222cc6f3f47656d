/**
 * What the source sent against what `dossiers FINAL` holds (issue #17 "Done when"), by id and content:
 * - expected: for each id, the newest version (by CapNhatLuc) the scenario did not mark as one to reject;
 * - lost: an expected id missing from FINAL, or held with other content (commune, status, CapNhatLuc, procedure
 *   name, officer, fee) than that version;
 * - doubled: FINAL rows beyond one per id, plus ids the scenario never expected to be stored (a record that
 *   should have been rejected, or one a fault invented).
 * Only the scenario's ids (its prefix) are looked at, so scenarios share one store.
 */
import { count, like } from 'drizzle-orm'
import { z } from 'zod'
import { etlRejects } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'

export type SourceRecord = Record<string, unknown>

export interface Sent {
  record: SourceRecord
  /** The ETL must reject this version (a bound, a date out of range). */
  reject?: boolean
}

export interface Tally {
  sent: number
  expected: number
  stored: number
  lost: number
  doubled: number
  /** Versions the scenario marked to reject. */
  toReject: number
  /** Rejects kept in etl_rejects with a reason for the scenario's ids (a record re-read is kept once). */
  rejectsKept: number
  /** Ids lost or doubled, for the report (at most 5). */
  examples: string[]
}

const Row = z.object({
  dossier_id: z.string(),
  commune_code: z.string(),
  status: z.coerce.number(),
  updated_ms: z.coerce.number(),
  procedure_name: z.string(),
  officer_id: z.string(),
  fee_vnd: z.coerce.number(),
})
type Row = z.infer<typeof Row>

const at = (r: SourceRecord) => Date.parse(String(r.CapNhatLuc))
const text = (v: unknown) =>
  String(v ?? '')
    .normalize('NFC')
    .trim()

/** The newest version of each id among the versions the ETL must keep. */
export function expectedVersions(sent: readonly Sent[]): Map<string, SourceRecord> {
  const out = new Map<string, SourceRecord>()
  for (const s of sent) {
    if (s.reject) continue
    const id = String(s.record.MaHoSo)
    const prev = out.get(id)
    if (!prev || at(s.record) >= at(prev)) out.set(id, s.record)
  }
  return out
}

function sameContent(r: SourceRecord, row: Row): boolean {
  return (
    row.commune_code === text(r.MaDonVi) &&
    row.status === Number(r.TrangThaiHoSo) &&
    row.updated_ms === at(r) &&
    row.procedure_name === text(r.TenTTHC) &&
    row.officer_id === text(r.CanBoXuLy) &&
    row.fee_vnd === Number(r.PhiLePhi ?? 0)
  )
}

export async function tally(stores: Stores, prefix: string, sent: readonly Sent[]): Promise<Tally> {
  const rs = await stores.ch.client.query({
    query: `SELECT dossier_id, commune_code, status, toUnixTimestamp64Milli(updated_at) AS updated_ms, procedure_name, officer_id, fee_vnd
            FROM dossiers FINAL WHERE startsWith(dossier_id, {prefix:String})`,
    query_params: { prefix },
    format: 'JSONEachRow',
  })
  const rows = z.array(Row).parse(await rs.json())
  const expected = expectedVersions(sent)
  const byId = new Map<string, Row[]>()
  for (const r of rows) byId.set(r.dossier_id, [...(byId.get(r.dossier_id) ?? []), r])
  const examples: string[] = []
  const note = (s: string) => void (examples.length < 5 && examples.push(s))
  let lost = 0
  for (const [id, rec] of expected) {
    const held = byId.get(id)
    if (!held?.some((row) => sameContent(rec, row))) {
      lost++
      note(`lost ${id.slice(0, 40)}`)
    }
  }
  let doubled = 0
  for (const [id, held] of byId) {
    const extra = expected.has(id) ? held.length - 1 : held.length
    if (extra > 0) note(`doubled ${id.slice(0, 40)} ×${extra}`)
    doubled += Math.max(0, extra)
  }
  const [kept] = await stores.pg.db
    .select({ n: count() })
    .from(etlRejects)
    .where(like(etlRejects.recordId, `${prefix}%`))
  return {
    sent: sent.length,
    expected: expected.size,
    stored: rows.length,
    lost,
    doubled,
    toReject: sent.filter((s) => s.reject).length,
    rejectsKept: kept?.n ?? 0,
    examples,
  }
}
