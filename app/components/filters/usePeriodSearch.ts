/** A period page's query: the whole search (for exports) and the period part its links keep (`?period=…&from=…`). */
import { useLocation } from '@remix-run/react'
import { periodParams } from '~/lib/url-filters'

export function usePeriodSearch(): { search: string; keep: string } {
  const { search } = useLocation()
  return { search, keep: periodParams(search) }
}
