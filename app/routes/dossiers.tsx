/**
 * Danh sách hồ sơ — the dossiers behind a count (issue 14 item 4, ADR 026):
 * `/dossiers?commune=&period=custom&from=&to=&class=&sort=&dir=&page=`. Its total is the count the page
 * that linked here showed (same definitions: app/kpi/queries/dossier-list.ts). Sorted and paged on the
 * server; the export links write the whole list (/export/dossiers). Scoped like every page: a commune user
 * sees their commune only (the gate refuses another commune). No citizen data is stored or shown.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { loadDossierList, parseDossierRequest } from '~/dashboard/dossiers.server'
import { dossierTable } from '~/dashboard/dossiers.tables'
import { DOSSIER_CLASSES } from '~/kpi/dossier-classes'
import { Layout } from '~/components/layout/Layout'
import { Card } from '~/components/states/States'
import { ExportLinks } from '~/components/table/ExportLinks'
import { formatCell } from '~/components/table/TableView'
import { cellValue, type ExportTable } from '~/lib/table-spec'
import type { DossierItem } from '~/kpi/dossiers.server'
import { withParams } from '~/lib/url-filters'
import { langFromRequest } from '~/i18n/lang.server'
import { translate } from '~/i18n/messages'
import { fmtDate, fmtInt } from '~/i18n/format'
import { useLang, useT } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Danh sách hồ sơ — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const url = new URL(request.url)
  const { lang } = langFromRequest(request)
  const r = parseDossierRequest(url)
  if (!r) throw new Response(translate(lang, 'drill.badClass') + DOSSIER_CLASSES.join(', '), { status: 400 })
  const stores = await getStores()
  const [shell, { list, names }] = await Promise.all([loadShell(stores), loadDossierList(stores, user, r)])
  return { shell, r, list, names }
}

const SMALL_HIDDEN = ['channel', 'ended', 'status', 'commune', 'due']

export default function DossiersPage() {
  const { shell, r, list, names } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const table = dossierTable(lang, r.cls, list.items, [], names, r.commune)
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize))
  const where = r.commune ? (names[r.commune] ?? r.commune) : t('drill.allCommunes')
  const inProcess = r.cls.startsWith('in_process')
  return (
    <Layout shell={shell} title={`${t('drill.title')}: ${t(`drill.class.${r.cls}`)}`} subtitle={`${where} · ${t('drill.subtitle')}`}>
      <p className="no-print">
        {r.commune ? (
          <Link
            to={`/communes/${r.commune}${withParams(search, { class: undefined, sort: undefined, dir: undefined, commune: undefined })}`}
          >
            ← {where}
          </Link>
        ) : (
          <Link to="/">← {t('nav.overview')}</Link>
        )}
      </p>
      <Form method="get" className="filters drill-filters no-print">
        {r.commune ? <input type="hidden" name="commune" value={r.commune} /> : null}
        <input type="hidden" name="period" value="custom" />
        <input type="hidden" name="from" value={r.period.current.from} />
        <input type="hidden" name="to" value={r.period.current.to} />
        <label>
          {t('drill.class')}{' '}
          <select name="class" defaultValue={r.cls}>
            {DOSSIER_CLASSES.map((c) => (
              <option key={c} value={c}>
                {t(`drill.class.${c}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" className="btn">
          OK
        </button>
      </Form>
      <Card title={t(`drill.class.${r.cls}`)} id="dossiers">
        <p data-testid="drill-summary">
          {t('drill.total')}:{' '}
          <strong data-testid="drill-total" data-value={list.total}>
            {fmtInt(list.total, lang)}
          </strong>{' '}
          · {t('drill.period')}: {fmtDate(list.from, lang)} – {fmtDate(list.to, lang)}
          {inProcess ? (
            <>
              {' '}
              · {t('drill.asOf')} {fmtDate(list.asOf, lang)}
            </>
          ) : null}
        </p>
        <div className="table-tools no-print">
          <ExportLinks href={`/export/dossiers${withParams(search, { page: undefined })}`} />
        </div>
        {list.items.length === 0 ? (
          <p className="state state-empty">{t('drill.empty')}</p>
        ) : (
          <DossierTable table={table} r={r} items={list.items} />
        )}
        <nav className="pager no-print" aria-label={t('drill.title')}>
          {r.page > 1 ? <Link to={withParams(search, { page: r.page - 1 })}>{t('drill.prev')}</Link> : null}{' '}
          <span data-testid="drill-page">{t('drill.page', { page: r.page, pages })}</span>{' '}
          {r.page < pages ? (
            <Link to={withParams(search, { page: r.page + 1 })} data-testid="drill-next">
              {t('drill.next')}
            </Link>
          ) : null}
        </nav>
        <p className="muted small">{t('drill.noPersonalData')}</p>
      </Card>
    </Layout>
  )
}

const SORTABLE = new Set(['commune', 'procedure', 'channel', 'received', 'due', 'ended', 'overdueDays', 'officer', 'status'])
const colClass = (key: string, kind: string) => `${kind === 'int' ? 'num' : ''} ${SMALL_HIDDEN.includes(key) ? 'hide-sm' : ''}`

/** The page of rows, with headers that sort on the server (a link: works without JavaScript). */
function DossierTable({
  table,
  r,
  items,
}: {
  table: ExportTable<DossierItem>
  r: { sortColumn: string; desc: boolean }
  items: readonly DossierItem[]
}) {
  const t = useT()
  const lang = useLang()
  const { search } = useLocation()
  const sortLink = (key: string) => withParams(search, { sort: key, dir: r.sortColumn === key && !r.desc ? 'desc' : 'asc' })
  return (
    <div className="table-wrap" role="region" aria-label={table.title} tabIndex={0}>
      <table className="data dossier-table cards-sm" data-testid="dossiers-table">
        <caption className="sr-only">{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => {
              const cls = colClass(c.key, c.kind)
              const active = r.sortColumn === c.key
              return (
                <th key={c.key} scope="col" className={cls} aria-sort={active ? (r.desc ? 'descending' : 'ascending') : undefined}>
                  {SORTABLE.has(c.key) ? (
                    <Link to={sortLink(c.key)} title={`${t('drill.sortBy')} ${c.header}`} data-sort={c.key}>
                      {c.header}
                      {active ? (r.desc ? ' ▼' : ' ▲') : ''}
                    </Link>
                  ) : (
                    c.header
                  )}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((d, i) => (
            <tr key={`${d.dossierId}-${d.eventDay}-${i}`}>
              {table.columns.map((c, j) => {
                const cls = colClass(c.key, c.kind)
                const text = formatCell(c.kind, cellValue(c, d), lang)
                return j === 0 ? (
                  <th key={c.key} scope="row" className={cls}>
                    {text}
                  </th>
                ) : (
                  <td key={c.key} className={cls} data-col={c.key} data-label={c.header}>
                    {text}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
