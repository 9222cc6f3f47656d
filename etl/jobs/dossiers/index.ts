/** Every 5 minutes: dossiers changed since the watermark, from the TTHC source (or a file) into `dossiers`. */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { skippedSummary, sourceFor } from '../../source/adapters/index.ts'
import { dossierKind } from '../../validate/dossier.ts'

export const dossiersJob: JobDefinition = {
  name: 'dossiers',
  schedule: '*/5 * * * *',
  description: 'Hồ sơ TTHC từ hệ thống một cửa / dossiers from the TTHC system',
  run: (ctx) => {
    const src = sourceFor(dossierKind, ctx)
    return 'skip' in src ? Promise.resolve(skippedSummary('dossiers', src.skip)) : runPull(dossierKind, ctx, src)
  },
}
