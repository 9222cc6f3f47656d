/** The "reasons" column of a page's table: each reason in the viewer's language, small, hidden on phones. */
import { joinReasons, type Bilingual } from '~/lib/table-spec'
import type { Column } from './DataTable'

export function reasonsColumn<T extends { reasons: readonly Bilingual[] }>(header: string, lang: 'vi' | 'en'): Column<T> {
  return {
    key: 'reasons',
    header,
    sortable: false,
    value: (r) => joinReasons(r.reasons, lang),
    render: (r) => <span className="small">{joinReasons(r.reasons, lang) || '—'}</span>,
    className: 'hide-sm reasons',
  }
}
