/** Every 5 minutes: queue tickets (centres with a ticket machine) changed since the watermark into `queue_tickets`. */
import type { JobDefinition } from '../../job.ts'
import { runPull } from '../../load/pull.ts'
import { skippedSummary, sourceFor } from '../../source/adapters/index.ts'
import { queueTicketKind } from '../../validate/queue-ticket.ts'

export const queueTicketsJob: JobDefinition = {
  name: 'queue-tickets',
  schedule: '3-59/5 * * * *',
  description: 'Vé xếp hàng / queue tickets',
  run: (ctx) => {
    const src = sourceFor(queueTicketKind, ctx)
    return 'skip' in src ? Promise.resolve(skippedSummary('queue-tickets', src.skip)) : runPull(queueTicketKind, ctx, src)
  },
}
