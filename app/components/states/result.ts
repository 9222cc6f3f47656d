/**
 * A card's data or the reason it could not be read. Loaders wrap each independent read with `attempt`
 * so one failing store shows an error state on its card — never a zero — while the rest of the page works.
 */

export type Result<T> = { ok: true; data: T } | { ok: false; error: string }

export async function attempt<T>(what: string, fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await fn() }
  } catch (e) {
    // A thrown Response (404, 403) is not a store error: let Remix handle it.
    if (e instanceof Response) throw e
    // The client went away and its reads were aborted (ADR 027): expected under load, not a store error.
    if ((e as Error).name === 'AbortError') return { ok: false, error: (e as Error).message }
    console.error(JSON.stringify({ level: 'error', msg: 'dashboard read failed', what, error: (e as Error).message }))
    return { ok: false, error: (e as Error).message }
  }
}

export function ok<T>(data: T): Result<T> {
  return { ok: true, data }
}
