/**
 * The Postgres half of the data generation (ADR 039): a counter moved by every statement that may change a
 * figure a page shows (an insert, update or delete of the reference data, the staffing, the equipment, the
 * targets, the alerts…, a transaction, any statement that is not a plain read), when it starts and when it
 * ends. Writes that no page figure depends on — a session touched or created, the audit log, an API token's
 * last use, the ETL's run log and locks — do not move it, or every request would (the session's idle deadline
 * is extended on requests). The answers of whole loaders are cached per (ClickHouse generation, this one)
 * (app/lib/answer-memo.server.ts). Kept on globalThis, as the ClickHouse generation (query-runtime.ts).
 */

/** Tables whose writes never change what a page's figures are computed from. */
const BOOKKEEPING = new Set(['sessions', 'audit_log', 'api_tokens', 'etl_runs', 'etl_locks'])

const g = globalThis as unknown as { __motCuaPgGeneration?: { n: number } }
const state = () => (g.__motCuaPgGeneration ??= { n: 0 })

export function pgGeneration(): number {
  return state().n
}

export function pgDataChanged(): void {
  state().n++
}

/** Whether a statement's text may change a figure (anything but a read or a bookkeeping write). */
export function mayChangeFigures(text: string): boolean {
  const t = text.trimStart().slice(0, 200).toLowerCase()
  if (t.startsWith('select')) return false
  const target = /^(?:insert\s+into|update|delete\s+from)\s+(?:"?public"?\.)?"?([a-z0-9_]+)"?/.exec(t)?.[1]
  return !(target && BOOKKEEPING.has(target))
}

/**
 * Replaces `obj[method]` by a version that moves the generation before and after the statement when
 * `moves(args)` says it may change figures (`() => true` for transactions: whatever they run).
 */
export function observePgWrites<O extends object>(obj: O, method: keyof O & string, moves: (args: unknown[]) => boolean): void {
  const original = (obj[method] as (...a: unknown[]) => unknown).bind(obj)
  Object.defineProperty(obj, method, {
    configurable: true,
    value: async (...args: unknown[]) => {
      if (!moves(args)) return original(...args)
      pgDataChanged()
      try {
        return await original(...args)
      } finally {
        pgDataChanged()
      }
    },
  })
}

/** The statement text of a driver call whose first argument is the SQL (PGlite query/exec, postgres.js unsafe). */
export const firstArgWrites = (args: unknown[]) => typeof args[0] !== 'string' || mayChangeFigures(args[0])
