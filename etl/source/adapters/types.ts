/**
 * The source adapter interface (ADR 019). The ETL pulls dossiers from one adapter chosen by
 * `TTHC_SOURCE_KIND` — `contract` (the documented JSON contract, docs/design.md §6.1), `igate` (VNPT iGate's search,
 * ADR 020) or `dvcqg-push` (what provincial systems push to our national-portal receiver, ADR 021). Every
 * adapter hands over pages of records in the contract's shape (the `MaHoSo…CapNhatLuc` fields), so that
 * validation, lineage mapping, rejects, watermarks and idempotency stay the one code path of load/pull.ts.
 * What an adapter cannot map (a status code nobody has mapped yet) comes as a reject of its page, never as a
 * guess.
 */
import type { SourceKind } from '../../../db/config-sources.ts'
import type { PullOptions } from '../../job.ts'
import type { Logger } from '../../log.ts'
import type { Reject } from '../../state/rejects.ts'
import type { RecordKind } from '../../validate/record.ts'
import type { SourcePage } from '../http.ts'

export interface AdapterPull {
  kind: RecordKind
  /** Records changed at or after this time (epoch ms), null = the whole history. */
  since: number | null
  /** Exclusive upper bound, or null (the pipeline drops records at or after it too). */
  until: number | null
  options: PullOptions
  log: Logger
  signal?: AbortSignal
  /** The fast lane's scratch directory (contract adapter only: pages streamed to files). */
  rawDir?: string
  runId: number | null
}

/** A page of contract-shaped records, plus the records the adapter itself could not map. */
export interface AdapterPage extends SourcePage {
  /** Rejected at the adapter (counted as read and rejected, kept in etl_rejects like any other). */
  rejects?: Reject[]
}

export interface SourceAdapter {
  readonly name: SourceKind
  /** Where the records come from, for the run log (a URL, `dvcqg-push:staging`…). */
  readonly label: string
  /** Everything it serves is synthetic (the built-in simulator). */
  readonly synthetic: boolean
  /** The watermark its pulls read and advance: each system keeps its own, so switching source starts afresh. */
  readonly watermarkKey: string
  /** False: its runs never move a watermark (the re-run of kept rejects, ADR 035). */
  readonly advancesWatermark?: boolean
  /** Pages may come as raw files the fast lane parses (ADR 011): the contract over HTTP only. */
  readonly rawPages: boolean
  pages(p: AdapterPull): AsyncGenerator<AdapterPage>
  /** After every batch and every reject of the run committed (push: its staged items become loaded). */
  committed?(runId: number | null): Promise<void>
  /** At the end of every run, failed or not (the code tables record the codes met without a mapping). */
  finish?(): Promise<void>
}
