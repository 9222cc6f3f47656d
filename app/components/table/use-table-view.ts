/** A DataTable's search and sort: in the URL (q, sort, dir) with `urlSync`, else in the component's state. */
import { useState } from 'react'
import { useSearchParams } from '@remix-run/react'
import type { SortDir } from '~/lib/charts/table'

export interface TableView {
  q: string
  sort: string
  dir: SortDir
}

export function useTableView(
  defaultSort: { key: string; dir: SortDir } | undefined,
  urlSync: boolean | undefined,
): [TableView, (next: Partial<TableView>) => void] {
  const [params, setParams] = useSearchParams()
  const [local, setLocal] = useState({ q: '', sort: defaultSort?.key ?? '', dir: (defaultSort?.dir ?? 'asc') as SortDir })
  const state = urlSync
    ? {
        q: params.get('q') ?? '',
        sort: params.get('sort') ?? defaultSort?.key ?? '',
        dir: ((params.get('dir') as SortDir | null) ?? defaultSort?.dir ?? 'asc') as SortDir,
      }
    : local
  const update = (next: Partial<TableView>) => {
    if (!urlSync) return setLocal({ ...local, ...next })
    setParams(
      (prev) => {
        const sp = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(next)) {
          if (v) sp.set(k, String(v))
          else sp.delete(k)
        }
        return sp
      },
      { replace: true, preventScrollReset: true },
    )
  }
  return [state, update]
}
