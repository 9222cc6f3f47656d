/**
 * Every 2 minutes (and a few seconds after each accepted push): the dossiers provincial systems pushed to the
 * national-portal receiver, from its staging table into `dossiers` through the one ETL path (ADR 021).
 */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { skippedSummary } from '../../source/adapters/index.ts'
import { pushAdapter } from '../../source/dvcqg/adapter.ts'
import { inboxStatus } from '../../../db/sources/push-inbox.ts'
import { dossierKind } from '../../validate/dossier.ts'

export const dvcqgPushJob: JobDefinition = {
  name: 'dvcqg-push',
  schedule: '*/2 * * * *',
  description: 'Hồ sơ các hệ thống đẩy về theo chuẩn đồng bộ Cổng DVCQG / dossiers pushed in the national portal’s sync format',
  run: async (ctx) => {
    // Another source kind: nothing arrives, unless items were staged before the kind was changed.
    if (ctx.stores.config.TTHC_SOURCE_KIND !== 'dvcqg-push' && (await inboxStatus(ctx.stores.pg.db)).pending === 0)
      return skippedSummary('dvcqg-push', `the push receiver is off (TTHC_SOURCE_KIND=${ctx.stores.config.TTHC_SOURCE_KIND})`)
    return runPull(dossierKind, ctx, { adapter: pushAdapter(ctx.stores), job: 'dvcqg-push' })
  },
}
