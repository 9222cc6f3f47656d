/** Dates the dashboard marks (client-safe). */
/** The history chart starts here (the simulator's and the ETL's first day). */
export const HISTORY_FROM = '2025-01-01'
/** Resolution 1680/NQ-UBTVQH15: the district level abolished, communes merged. */
export const MERGER_DAY = '2025-07-01'
