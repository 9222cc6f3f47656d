/**
 * Reading iGate's search without losing or doubling a record while the data moves (ADR 020).
 *
 * Spring paging is offset paging: page n is "skip n·size rows of the sorted result". When a dossier of an
 * earlier page is updated during the pull, it leaves its place (its sort time moves to now) and every later
 * row moves up one: the row that slid from page n+1 into page n is never read. So this reader never asks for
 * page n+1 of a filter. It sorts by a time field and then `id`, and after each page it moves the *filter*
 * (`updated-from`, `accepted-from`) up to the last time it read, asking for page 0 again (keyset paging built
 * from a filter): rows already read are skipped by their (time, id) key, a row updated meanwhile reappears
 * later with its new time and is read again as its new version (the pipeline keeps the newest), and a row not
 * read yet cannot move before the cursor (its new time is later than anything read).
 *
 * The filter is moved to 1 ms before the last time read, so it does not matter whether iGate's bound is
 * inclusive. Only when a whole page shares one time (a bulk change) can the filter not move: the page is then
 * read again 4× larger (up to `maxPageSize`), and past that, by page numbers within that one time (logged).
 */
import { parseTime } from '../../../db/lib/vn-time.ts'
import type { Logger } from '../../log.ts'
import type { IgateClient } from './client.ts'

export const SEARCH_PATH = '/pa/dossier/search'

export interface KeysetQuery {
  /** For logs: 'updated', 'accepted', 'open', 'returned'. */
  name: string
  /** Fixed filters (dossier-status, ancestor-agency-id…). */
  params: [string, string][]
  /** The filter bounding `field` from below: `updated-from`, `accepted-from`, `result-returned-from`. */
  fromParam: string
  /** The dossier field it sorts on (then `id`). */
  field: string
  /** Where to start (epoch ms), null = from the beginning. */
  from: number | null
}

export interface Key {
  at: number
  id: string
}

export function keyOf(item: unknown, field: string): Key {
  const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>
  return { at: parseTime(o[field]) ?? -Infinity, id: String(o.id ?? o.code ?? '') }
}

export const after = (a: Key, b: Key) => a.at > b.at || (a.at === b.at && a.id > b.id)

/** The filter's time format: ISO 8601 in UTC with milliseconds. */
export const filterTime = (ms: number) => new Date(ms).toISOString()

interface SpringPage {
  content: unknown[]
  last?: boolean
}

function asPage(body: unknown): SpringPage {
  const b = body as { content?: unknown; last?: unknown } | null
  if (!b || !Array.isArray(b.content)) throw new Error('iGate search reply has no content[] (expected a Spring page)')
  return { content: b.content, last: typeof b.last === 'boolean' ? b.last : undefined }
}

export interface KeysetStats {
  requests: number
  /** Pages re-read larger, and pages read by number within one time (see the module comment). */
  grown: number
  byNumber: number
}

/** The rows of `q`, each once per version, in pages as read. */
export async function* keysetPages(
  client: IgateClient,
  q: KeysetQuery,
  opts: { pageSize: number; maxPageSize: number; log: Logger; stats?: KeysetStats },
): AsyncGenerator<unknown[]> {
  let filterAt = q.from
  let cursor: Key | null = null
  let page = 0
  let size = opts.pageSize
  const stats = opts.stats ?? { requests: 0, grown: 0, byNumber: 0 }
  for (;;) {
    const params: [string, string][] = [
      ...q.params,
      ['spec', 'page'],
      ['page', String(page)],
      ['size', String(size)],
      ['sort', `${q.field},asc`],
      ['sort', 'id,asc'],
    ]
    if (filterAt !== null) params.push([q.fromParam, filterTime(filterAt)])
    stats.requests++
    const { content, last } = asPage(await client.get(SEARCH_PATH, params))
    const fresh = cursor ? content.filter((it) => after(keyOf(it, q.field), cursor!)) : content
    if (fresh.length) {
      cursor = keyOf(fresh[fresh.length - 1], q.field)
      yield fresh
    }
    if (last === true || content.length === 0 || (last === undefined && content.length < size)) return
    const next = cursor && cursor.at > -Infinity ? cursor.at - 1 : null
    if (fresh.length > 0 && next !== null && (filterAt === null || next > filterAt)) {
      filterAt = next
      page = 0
      size = opts.pageSize
    } else if (size < opts.maxPageSize) {
      size = Math.min(opts.maxPageSize, size * 4)
      page = 0
      stats.grown++
    } else {
      if (stats.byNumber++ === 0)
        opts.log.warn('iGate: more dossiers share one time than a page holds; reading that time by page numbers', {
          query: q.name,
          at: cursor && cursor.at > -Infinity ? filterTime(cursor.at) : null,
          size,
        })
      page++
    }
  }
}
