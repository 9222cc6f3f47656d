/** Every 5 minutes: satisfaction ratings changed since the watermark into `ratings`. */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { ratingKind } from '../../validate/rating.ts'

export const ratingsJob: JobDefinition = {
  name: 'ratings',
  schedule: '1-59/5 * * * *',
  description: 'Đánh giá mức độ hài lòng / satisfaction ratings',
  run: (ctx) => runPull(ratingKind, ctx),
}
