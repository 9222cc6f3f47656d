/**
 * What one pull run carries between its steps (load/pull.ts): the summary it returns, where the time went, the
 * newest record loaded (for the watermark), and the rejects waiting to be saved.
 */
import type { JobSummary } from '../job.ts'
import type { Logger } from '../log.ts'
import { saveRejects, type Reject } from '../state/rejects.ts'
import type { Db } from '../../db/pg/client.ts'

export interface Timings {
  sourceMs: number
  validateMs: number
  insertMs: number
  fastLaneMs: number
}

export class RunState {
  readonly timings: Timings = { sourceMs: 0, validateMs: 0, insertMs: 0, fastLaneMs: 0 }
  /** Newest (CapNhatLuc, id) among the rows loaded by either lane. */
  maxAt = -Infinity
  maxId: string | null = null
  private rejects: Reject[] = []
  /** Rejects handed to `saveRejects` so far (a file import keeps at most `keepRejects`; the rest are counted). */
  private kept = 0

  constructor(
    readonly summary: JobSummary,
    readonly log: Logger,
    private readonly db: Db,
    private readonly runId: number | null,
    private readonly keepRejects = Infinity,
  ) {
    summary.timings = this.timings
  }

  /** A row was loaded: keep the newest (CapNhatLuc, id). */
  bump(at: number, id: string): void {
    if (at > this.maxAt || (at === this.maxAt && id > (this.maxId ?? ''))) {
      this.maxAt = at
      this.maxId = id
    }
  }

  reject(r: Reject): void {
    this.summary.rejected[r.reason] = (this.summary.rejected[r.reason] ?? 0) + 1
    if (this.kept >= this.keepRejects) {
      this.summary.rejectsNotKept = ((this.summary.rejectsNotKept as number | undefined) ?? 0) + 1
      return
    }
    this.kept++
    this.rejects.push(r)
  }

  get pendingRejects(): number {
    return this.rejects.length
  }

  /** Saves the rejects collected so far (taken before the await: a batch in ClickHouse may add more meanwhile). */
  async flushRejects(): Promise<void> {
    if (!this.rejects.length) return
    const taken = this.rejects
    this.rejects = []
    await saveRejects(this.db, this.summary.job, this.runId, taken)
  }
}
