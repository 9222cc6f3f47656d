/**
 * The JS path of a pull: per record, the window filter, validation (zod, lineage), then TabSeparated batches into
 * ClickHouse; rejects are kept with their reason. Every record the fast lane is not sure of comes through here too.
 */
import { parseTime } from '../../db/lib/vn-time.ts'
import { validateRecord, type RecordKind, type ValidateContext } from '../validate/record.ts'
import type { BatchWriter } from './insert.ts'
import type { RunState } from './run-state.ts'

export interface JsLaneWindow {
  since: number | null
  until: number | null
  /** A file has no `updated_since`: records before `since` are dropped here. */
  file: boolean
}

export class JsLane {
  constructor(
    private readonly kind: RecordKind,
    private readonly state: RunState,
    private readonly writer: BatchWriter,
    private readonly window: JsLaneWindow,
    /** Validation contexts: plain, and for a page the source marks synthetic. */
    private readonly ctx: { plain: ValidateContext; synthetic: ValidateContext },
    private readonly batchRows: number,
  ) {}

  /** Outside the window: at or after its upper bound (the source has none), or before `since` in a file. */
  private outside(raw: unknown): boolean {
    const { since, until, file } = this.window
    if (until === null && !(file && since !== null)) return false
    const at = parseTime((raw as { CapNhatLuc?: unknown } | null)?.CapNhatLuc)
    return at !== null && ((until !== null && at >= until) || (file && since !== null && at < since))
  }

  async handle(items: readonly unknown[], pageSynthetic: boolean): Promise<void> {
    const { state, writer } = this
    const ctx = pageSynthetic ? this.ctx.synthetic : this.ctx.plain
    let tPage = performance.now()
    for (const raw of items) {
      if (this.outside(raw)) continue
      state.summary.read++
      const v = validateRecord(this.kind, raw, ctx)
      if (!v.ok) {
        state.reject({ reason: v.reason, detail: v.detail, recordId: v.id, raw })
        continue
      }
      writer.add(v.row)
      state.bump(v.updatedAt, v.id)
      if (writer.size >= this.batchRows) {
        state.timings.validateMs += performance.now() - tPage
        await this.flush()
        tPage = performance.now()
      }
    }
    state.timings.validateMs += performance.now() - tPage
    if (state.pendingRejects >= 1000) await state.flushRejects()
  }

  /** Inserts the rows collected so far as one statement. */
  async flush(): Promise<void> {
    const t = performance.now()
    const n = await this.writer.flush()
    this.state.timings.insertMs += performance.now() - t
    this.state.summary.loaded += n
    if (n) this.state.log.debug('batch inserted', { rows: n, loaded: this.state.summary.loaded })
  }
}
