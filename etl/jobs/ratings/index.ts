/** Every 5 minutes: satisfaction ratings changed since the watermark into `ratings`. */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { skippedSummary, sourceFor } from '../../source/adapters/index.ts'
import { ratingKind } from '../../validate/rating.ts'

export const ratingsJob: JobDefinition = {
  name: 'ratings',
  schedule: '1-59/5 * * * *',
  description: 'Đánh giá mức độ hài lòng / satisfaction ratings',
  run: (ctx) => {
    const src = sourceFor(ratingKind, ctx)
    return 'skip' in src ? Promise.resolve(skippedSummary('ratings', src.skip)) : runPull(ratingKind, ctx, src)
  },
}
