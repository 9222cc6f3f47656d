/**
 * Rejected records, kept in Postgres with the raw record and the reason (shown on the data-health page).
 * A record read again (the overlap of the next window, a re-run) is stored once: (job, fingerprint) is
 * unique, the fingerprint hashing reason + raw record. The run's summary still counts it.
 */
import crypto from 'node:crypto'
import type { Db } from '../../db/pg/client.ts'
import { etlRejects } from '../../db/pg/schema/index.ts'
import type { RejectReason } from '../validate/fields.ts'
import { storableRaw } from '../validate/fields.ts'

export interface Reject {
  reason: RejectReason
  detail: string
  recordId: string | null
  raw: unknown
}

export async function saveRejects(db: Db, job: string, runId: number | null, rejects: Reject[]): Promise<void> {
  for (let i = 0; i < rejects.length; i += 500) {
    const rows = rejects.slice(i, i + 500).map((r) => {
      const raw = storableRaw(r.raw)
      const fingerprint = crypto.createHash('sha256').update(r.reason).update('\u0000').update(JSON.stringify(raw)).digest('hex')
      return {
        job,
        runId,
        reason: r.reason,
        detail: r.detail.slice(0, 2000),
        recordId: r.recordId?.slice(0, 200) ?? null,
        raw,
        fingerprint,
      }
    })
    // The same record twice in one chunk would make ON CONFLICT fail on Postgres: keep the first.
    const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()]
    await db
      .insert(etlRejects)
      .values(unique)
      .onConflictDoNothing({ target: [etlRejects.job, etlRejects.fingerprint] })
  }
}
