/** /admin/audit — the audit log, newest first, filterable by action, actor, text and dates; 50 a page. */
import { DayInput } from '~/components/forms/DayInput'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { getStores } from '~/models/stores.server'
import { AUTH_ACTIONS, AuditFilterSchema, listAudit } from '~/auth/audit.server'
import { requirePermission } from '~/auth/guard.server'
import { loadShell } from '~/dashboard/shell.server'
import { AdminPage, AdminTable } from '~/components/layout/AdminPage'
import { useLang, useT } from '~/root'
import { fmtDateTime } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Nhật ký — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'audit.read')
  const url = new URL(request.url)
  const parsed = AuditFilterSchema.safeParse(Object.fromEntries(url.searchParams))
  if (!parsed.success) throw new Response('Bộ lọc không hợp lệ / invalid filter', { status: 400 })
  const stores = await getStores()
  const result = await listAudit(stores, parsed.data)
  return { shell: await loadShell(stores), ...result, filter: parsed.data, actions: [...AUTH_ACTIONS] }
}

export default function AdminAudit() {
  const { shell, rows, total, page, pageSize, filter, actions } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const link = (p: number) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && k !== 'page') q.set(k, String(v))
    q.set('page', String(p))
    return `?${q}`
  }
  return (
    <AdminPage shell={shell} current="audit">
      <Form method="get" className="filters">
        <label>
          {t('auth.action')}
          <input name="action" list="audit-actions" defaultValue={filter.action ?? ''} placeholder={t('auth.all')} />
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          {t('auth.actor')} <input name="actor" defaultValue={filter.actor ?? ''} />
        </label>
        <label>
          {t('auth.search')} <input name="q" defaultValue={filter.q ?? ''} />
        </label>
        <label>
          {t('auth.from')} <DayInput name="from" defaultValue={filter.from} />
        </label>
        <label>
          {t('auth.to')} <DayInput name="to" defaultValue={filter.to} />
        </label>
        <button type="submit">{t('auth.filter')}</button>
      </Form>
      <p className="muted">
        {t('auth.entries', { n: total })} · {t('auth.pageOf', { page, pages })}
      </p>
      <AdminTable empty={rows.length === 0}>
        <thead>
          <tr>
            <th>{t('auth.when')}</th>
            <th>{t('auth.actor')}</th>
            <th>{t('auth.action')}</th>
            <th>{t('auth.target')}</th>
            <th className="hide-sm">{t('auth.detail')}</th>
            <th>{t('auth.ip')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-action={r.action}>
              <td>{fmtDateTime(r.at, lang)}</td>
              <td>{r.actor ?? '—'}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>{r.target ?? ''}</td>
              <td className="hide-sm">
                <code className="detail">{r.detail === null ? '' : JSON.stringify(r.detail)}</code>
              </td>
              <td>{r.ip ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </AdminTable>
      <nav className="pager" aria-label={t('auth.page')}>
        {page > 1 && <a href={link(page - 1)}>{t('auth.prev')}</a>} {page < pages && <a href={link(page + 1)}>{t('auth.next')}</a>}
      </nav>
    </AdminPage>
  )
}
