/** The classes of dossiers a count can be drilled into, and the list's sort keys (client-safe; queries/dossier-list.ts defines them). */
export const DOSSIER_CLASSES = [
  'received',
  'processed_early',
  'processed_on_time',
  'processed_late',
  'in_process_not_due',
  'in_process_nearly_due',
  'in_process_overdue',
  'processed',
  'in_process',
  'supplement_requested',
  'rated_unsatisfied',
  'complained',
] as const
export type DossierClass = (typeof DOSSIER_CLASSES)[number]

export const DOSSIER_SORTS = ['received', 'due', 'ended', 'overdue_days', 'procedure', 'channel', 'officer', 'status', 'commune'] as const
export type DossierSort = (typeof DOSSIER_SORTS)[number]
