/** The reject reasons: stable codes stored with each rejected record (etl_rejects.reason), counted in run summaries. */
export const REJECT_REASONS = [
  'missing_id',
  'invalid_utf8',
  'bad_date',
  'bad_number',
  'bad_enum',
  'bad_status',
  'bad_record',
  'unknown_unit',
  'ambiguous_unit',
  'split_unit_without_share',
  'due_before_received',
  // Source adapters (ADR 019): a status, channel or unit code the province has not mapped yet.
  'unmapped_status',
  'unmapped_channel',
  'unmapped_unit',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]
