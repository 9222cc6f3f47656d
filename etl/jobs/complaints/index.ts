/** Every 5 minutes: complaints and petitions (PAKN) changed since the watermark into `complaints`. */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { skippedSummary, sourceFor } from '../../source/adapters/index.ts'
import { complaintKind } from '../../validate/complaint.ts'

export const complaintsJob: JobDefinition = {
  name: 'complaints',
  schedule: '2-59/5 * * * *',
  description: 'Phản ánh, kiến nghị (PAKN) / complaints and petitions',
  run: (ctx) => {
    const src = sourceFor(complaintKind, ctx)
    return 'skip' in src ? Promise.resolve(skippedSummary('complaints', src.skip)) : runPull(complaintKind, ctx, src)
  },
}
