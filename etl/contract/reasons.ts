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
  /** Text longer than its field's bound (etl/contract, ADR 017). */
  'too_long',
  /** A number beyond its field's bound (a fee of 1e308). */
  'out_of_range',
  /** A time before 2000 or after 2100 (`0001-01-01`, `9999-12-31`). */
  'date_out_of_range',
  /** A time (other than a deadline) later than now + ETL_FUTURE_TOLERANCE: it would win over every later real version. */
  'future_date',
  // Source adapters (ADR 019): a status, channel or unit code the province has not mapped yet.
  'unmapped_status',
  'unmapped_channel',
  'unmapped_unit',
] as const
export type RejectReason = (typeof REJECT_REASONS)[number]
