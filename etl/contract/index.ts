/** The source contracts, one per record kind (etl/contract/spec.ts says what is derived from them). */
import { DOSSIER } from './dossier.ts'
import { COMPLAINT, QUEUE_TICKET, RATING } from './others.ts'
import type { Resource } from './spec.ts'

export { DOSSIER } from './dossier.ts'
export { COMPLAINT, COMPLAINT_CATEGORIES, COMPLAINT_CLASSES, QUEUE_TICKET, RATING } from './others.ts'
export * from './spec.ts'
export { REJECT_REASONS, type RejectReason } from './reasons.ts'
export { LIMITS, TIME_RANGE } from './bounds.ts'

export const CONTRACTS = {
  dossiers: DOSSIER,
  ratings: RATING,
  complaints: COMPLAINT,
  'queue-tickets': QUEUE_TICKET,
} as const satisfies Record<Resource, unknown>

/** The id field of each resource. */
export const ID_FIELDS = {
  dossiers: DOSSIER.idField,
  ratings: RATING.idField,
  complaints: COMPLAINT.idField,
  'queue-tickets': QUEUE_TICKET.idField,
} as const
