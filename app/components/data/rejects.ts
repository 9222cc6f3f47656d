/**
 * A reject reason in words (issue #18 item 4): the reason code's sentence in the UI's language, and the
 * detail's leading source field name ("KenhThucHien: 7") replaced by the field's Vietnamese column title
 * ("Kênh thực hiện: 7"), "missing" by "bị trống". The column titles come from the contract through the job
 * list (db/job-control.ts `columns`), so they are the ones the template and the import accept.
 */
import type { T } from '~/root'

/** Contract field → its Vietnamese title, per job. */
export type ColumnLabels = Record<string, Record<string, string>>

export function reasonText(t: T, reason: string): string {
  return t.code(`reason.${reason}`)
}

const UNIT_REASONS = new Set(['unknown_unit', 'ambiguous_unit', 'split_unit_without_share', 'unmapped_unit'])

/** The detail with the source's field names as their column titles; a unit reason names the unit as sent. */
export function detailText(
  t: T,
  labels: Record<string, string> | undefined,
  detail: string | null,
  reason?: string,
  raw?: string | null,
): string {
  if (reason && UNIT_REASONS.has(reason) && raw && labels?.MaDonVi) {
    try {
      const unit = (JSON.parse(raw) as Record<string, unknown>).MaDonVi
      if (typeof unit === 'string' || typeof unit === 'number') return `${labels.MaDonVi}: ${JSON.stringify(String(unit))}`
    } catch {
      // not JSON: the detail as stored
    }
  }
  if (!detail) return '—'
  const m = /^([A-Za-z][A-Za-z0-9_.]*)(:| )\s*(.*)$/s.exec(detail)
  if (!m || !labels?.[m[1]!]) return detail
  const value = m[3]!.trim()
  return `${labels[m[1]!]}: ${value === 'missing' || value === 'null' || value === '""' ? t('reject.missing') : value}`
}

export function labelsOf(jobs: { name: string; columns?: { name: string; label: string }[] }[]): ColumnLabels {
  return Object.fromEntries(
    jobs.filter((j) => j.columns).map((j) => [j.name, Object.fromEntries(j.columns!.map((c) => [c.name, c.label]))]),
  )
}
