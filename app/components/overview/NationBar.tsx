/**
 * The level a national deployment's page looks at (ADR 033): "Toàn quốc › <province>" and, for a user not
 * scoped to a province, the province picker (`?province=`, kept by every link that keeps the period).
 */
import { Form, Link, useLocation, useSubmit } from '@remix-run/react'
import { useT } from '~/root'

export interface NationLevel {
  /** The provinces one may drill to (empty for a user scoped to one province). */
  provinces: { code: string; name: string }[]
  /** The province looked at, or null for the nation. */
  province: { code: string; name: string } | null
}

/** The current URL with `province` set (or removed): the other filters and the period stay. */
export function withProvince(search: string, code: string | null): string {
  const sp = new URLSearchParams(search)
  if (code) sp.set('province', code)
  else sp.delete('province')
  // The commune table's sort and search belong to the level left behind.
  for (const k of ['sort', 'dir', 'q']) sp.delete(k)
  const s = sp.toString()
  return s ? `?${s}` : '?'
}

export function NationBar({ level }: { level: NationLevel }) {
  const t = useT()
  const submit = useSubmit()
  const { search } = useLocation()
  const sp = new URLSearchParams(search)
  return (
    <nav className="nation-bar" aria-label={t('nation.breadcrumb')} data-testid="nation-bar">
      <ol className="breadcrumb">
        <li>
          {level.province && level.provinces.length ? (
            <Link to={`/${withProvince(search, null)}`}>{t('nation.name')}</Link>
          ) : (
            <span aria-current={level.province ? undefined : 'page'}>{t('nation.name')}</span>
          )}
        </li>
        {level.province ? (
          <li>
            <span aria-current="page" data-province={level.province.code}>
              {level.province.name}
            </span>
          </li>
        ) : null}
      </ol>
      {level.provinces.length ? (
        <Form method="get" className="inline-form" onChange={(e) => submit(e.currentTarget)}>
          {[...sp.entries()]
            .filter(([k]) => !['province', 'sort', 'dir', 'q'].includes(k))
            .map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
          <label>
            <span className="sr-only">{t('nation.choose')}</span>
            <select
              name="province"
              defaultValue={level.province?.code ?? ''}
              key={level.province?.code ?? ''}
              aria-label={t('nation.choose')}
            >
              <option value="">{t('nation.all')}</option>
              {level.provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <noscript>
            <button type="submit" className="btn">
              {t('dash.apply')}
            </button>
          </noscript>
        </Form>
      ) : null}
    </nav>
  )
}
