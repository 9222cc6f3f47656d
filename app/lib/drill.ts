/**
 * Links from a count to the dossiers behind it (issue 14 item 4, ADR 026): `/dossiers?commune=&period=custom&from=&to=&class=`.
 * The period is written as explicit dates, so the list covers exactly the days the count covered. Client-safe.
 */
import type { DossierClass } from '../kpi/dossier-classes.ts'

export type { DossierClass }

export function drillHref(commune: string | null | undefined, range: { from: string; to: string }, cls: DossierClass): string {
  const sp = new URLSearchParams()
  if (commune) sp.set('commune', commune)
  sp.set('period', 'custom')
  sp.set('from', range.from)
  sp.set('to', range.to)
  sp.set('class', cls)
  return `/dossiers?${sp.toString()}`
}
