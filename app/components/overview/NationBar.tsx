/**
 * The level a national deployment's page looks at (ADR 033): "Toàn quốc › <province>" and, for a user not
 * scoped to a province, the province picker (`?province=`, kept by every link that keeps the period).
 */
import { Link, useLocation } from '@remix-run/react'
import { useT } from '~/root'
import { ParamSelect } from '~/components/forms/ParamSelect'

export interface NationLevel {
  /** The provinces one may drill to (empty for a user scoped to one province). */
  provinces: { code: string; name: string }[]
  /** The province looked at, or null for the nation. */
  province: { code: string; name: string } | null
}

/** The commune table's sort and search: they belong to the level left behind when the province changes. */
const LEVEL_PARAMS = ['sort', 'dir', 'q', 'page'] as const

/** The current URL with `province` set (or removed): the other filters and the period stay. */
export function withProvince(search: string, code: string | null): string {
  const sp = new URLSearchParams(search)
  if (code) sp.set('province', code)
  else sp.delete('province')
  for (const k of LEVEL_PARAMS) sp.delete(k)
  const s = sp.toString()
  return s ? `?${s}` : '?'
}

export function NationBar({ level }: { level: NationLevel }) {
  const t = useT()
  const { search } = useLocation()
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
        <ParamSelect
          param="province"
          label={t('nation.choose')}
          hideLabel
          className="inline-form"
          allLabel={t('nation.all')}
          options={level.provinces.map((p) => ({ value: p.code, label: p.name }))}
          selected={level.province?.code ?? ''}
          drop={LEVEL_PARAMS}
          keepScroll={false}
        />
      ) : null}
    </nav>
  )
}
