/** Previous / next links for a server-paged list (the page number lives in the URL under `param`). */
import { Link, useLocation } from '@remix-run/react'
import { useT } from '~/root'
import { withParams } from '~/lib/url-filters'

export function Pager({ page, pages, param = 'page', total }: { page: number; pages: number; param?: string; total: number }) {
  const t = useT()
  const { search } = useLocation()
  return (
    <nav className="pager" aria-label={t('dash.pages')}>
      {page > 1 ? (
        <Link to={withParams(search, { [param]: page - 1 })} preventScrollReset rel="prev">
          ← {t('dash.prev')}
        </Link>
      ) : (
        <span className="muted">← {t('dash.prev')}</span>
      )}
      <span>
        {t('drill.page', { page, pages })} · {t('dash.rows', { n: total })}
      </span>
      {page < pages ? (
        <Link to={withParams(search, { [param]: page + 1 })} preventScrollReset rel="next">
          {t('dash.next')} →
        </Link>
      ) : (
        <span className="muted">{t('dash.next')} →</span>
      )}
    </nav>
  )
}
