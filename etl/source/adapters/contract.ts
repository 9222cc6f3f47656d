/** The `contract` adapter: the documented JSON contract over HTTP (docs/design.md §6.1), as etl/source/http.ts reads it. */
import { pullPages } from '../http.ts'
import type { SourceAdapter } from './types.ts'

export interface ContractAdapterOptions {
  url: string
  token?: string
  synthetic: boolean
  /** The job whose watermark it advances (the contract's records have always used the job's own). */
  job: string
}

export function contractAdapter(o: ContractAdapterOptions): SourceAdapter {
  return {
    name: 'contract',
    label: o.url,
    synthetic: o.synthetic,
    watermarkKey: o.job,
    rawPages: true,
    pages: (p) =>
      pullPages(p.kind.path, p.since, p.until, {
        baseUrl: o.url,
        token: o.token,
        pageSize: p.options.pageSize,
        timeoutMs: p.options.timeoutMs,
        retries: p.options.retries,
        minBackoffMs: p.options.minBackoffMs,
        maxBackoffMs: p.options.maxBackoffMs,
        signal: p.signal,
        onRetry: (r) => p.log.warn('source request failed, retrying', r),
        rawDir: p.rawDir,
        maxPageBytes: p.options.maxPageBytes,
      }),
  }
}
