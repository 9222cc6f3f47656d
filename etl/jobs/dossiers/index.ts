/** Every 5 minutes: dossiers changed since the watermark, from the TTHC source (or a file) into `dossiers`. */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { dossierKind } from '../../validate/dossier.ts'

export const dossiersJob: JobDefinition = {
  name: 'dossiers',
  schedule: '*/5 * * * *',
  description: 'Hồ sơ TTHC từ hệ thống một cửa / dossiers from the TTHC system',
  run: (ctx) => runPull(dossierKind, ctx),
}
