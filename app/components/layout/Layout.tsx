/**
 * The page frame: skip link, header (province, synthetic badge, language), navigation that collapses
 * behind a button on a phone, the stale-data banner, and the page's <main>.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { Link, NavLink, useLocation, useNavigation, useRevalidator } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { periodParams } from '~/lib/url-filters'
import { UserMenu, useViewer } from '~/auth/components'
import { homePathFor, reach } from '~/auth/permissions'
import { NAV } from './nav'
import type { Shell } from '~/dashboard/shell.server'
import { StaleBanner } from './StaleBanner'
import { LangSwitch } from './LangSwitch'
import { LoadingState } from '../states/States'
import { fmtDateTime, inLang } from '~/i18n/format'

export function SyntheticBadge() {
  const t = useT()
  return (
    <span className="badge-synthetic" data-testid="synthetic-badge">
      {t('syntheticData')}
    </span>
  )
}

/** "Số liệu đến …": when the data was last loaded, on every page (not only when it is late). */
export function AsOf({ freshness }: { freshness: Shell['freshness'] }) {
  const t = useT()
  const lang = useLang()
  const at = freshness.ok ? freshness.data.lastLoadAt : null
  return (
    <p className="as-of muted small" data-testid="as-of" data-at={at ?? ''}>
      {at ? `${t('dash.asOf')} ${fmtDateTime(at, lang)}` : t('dash.neverLoaded')}
    </p>
  )
}

/**
 * While the first pull runs the pages would show zeros as if real: they show this instead (with how many jobs
 * have finished and which are running) and reload themselves every few seconds until the figures are there.
 */
export function FirstLoad({ state }: { state: NonNullable<Shell['firstLoad']> }) {
  const t = useT()
  const { revalidate, state: rv } = useRevalidator()
  useEffect(() => {
    const id = setInterval(() => (rv === 'idle' ? revalidate() : undefined), 4000)
    return () => clearInterval(id)
  }, [revalidate, rv])
  return (
    <div className="state state-loading first-load" role="status" aria-live="polite" data-testid="first-load">
      <strong>{t('dash.firstLoad')}</strong>
      <p>
        {t('dash.firstLoadHint')}{' '}
        <span data-testid="first-load-progress">
          {t('dash.firstLoadDone')}: {state.done}/{state.total}
          {state.running.length ? ` · ${t('dash.firstLoadRunning')}: ${state.running.join(', ')}` : ''}
        </span>
      </p>
      <progress max={state.total} value={state.done} aria-label={t('dash.firstLoad')} />
    </div>
  )
}

export function Layout({
  shell,
  title,
  subtitle,
  actions,
  children,
  needsData = true,
}: {
  shell: Shell
  title: ReactNode
  subtitle?: ReactNode
  actions?: ReactNode
  children: ReactNode
  /** Pages that show figures from the rollups show the first-load state instead while the first pull runs. */
  needsData?: boolean
}) {
  const t = useT()
  const lang = useLang()
  const location = useLocation()
  const [open, setOpen] = useState(false)
  const navigation = useNavigation()
  const keep = periodParams(location.search)
  const viewer = useViewer()
  const items = NAV.filter((n) => {
    if (!viewer) return false
    const r = reach(viewer, n.perm)
    return r === 'all' || (r !== null && !n.provinceWide)
  })
  const home = viewer ? homePathFor(viewer) : '/'
  // A national deployment's overview looks at `all` (ADR 033): named by the dictionary, not the data.
  const provinceLabel = shell.province.code === 'all' ? t('nation.name') : inLang(lang, shell.province.fullName, shell.province.name)
  return (
    <>
      <a className="skip-link" href="#main">
        {t('dash.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={home === '/' ? `/${keep}` : home} className="brand">
            {t('appName')} <span className="brand-province">· {provinceLabel}</span>
          </Link>
          <div className="header-tools">
            {shell.synthetic ? <SyntheticBadge /> : null}
            <LangSwitch />
            <UserMenu />
            <button
              type="button"
              className="nav-toggle no-print"
              aria-expanded={open}
              aria-controls="site-nav"
              onClick={() => setOpen((o) => !o)}
            >
              {t('dash.menu')}
            </button>
          </div>
        </div>
        <nav id="site-nav" className={`site-nav no-print ${open ? 'open' : ''}`} aria-label={t('dash.mainNav')}>
          <ul>
            {items.map((n) => (
              <li key={n.to}>
                <NavLink to={`${n.to}${keep}`} end onClick={() => setOpen(false)}>
                  {t.code(n.label)}
                </NavLink>
              </li>
            ))}
            {viewer?.communeCode ? (
              <li>
                <NavLink to={`/communes/${viewer.communeCode}${keep}`} onClick={() => setOpen(false)} data-testid="nav-my-commune">
                  {t('home.myCommune')}
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <StaleBanner freshness={shell.freshness} />
      <AsOf freshness={shell.freshness} />
      {navigation.state === 'loading' ? (
        <div className="loading-bar no-print">
          <LoadingState />
        </div>
      ) : null}
      <main id="main" className="page" tabIndex={-1}>
        <div className="page-head">
          <div>
            <h1>{title}</h1>
            {subtitle ? <p className="muted page-sub">{subtitle}</p> : null}
          </div>
          {actions ? <div className="page-actions no-print">{actions}</div> : null}
        </div>
        {needsData && shell.firstLoad ? <FirstLoad state={shell.firstLoad} /> : children}
      </main>
      <footer className="site-footer muted small">
        {t('appTagline')} · {shell.synthetic ? t('syntheticData') : t('dash.realData')}
      </footer>
    </>
  )
}

export function PrintButton() {
  const t = useT()
  return (
    <button type="button" className="btn" onClick={() => window.print()}>
      {t('dash.print')}
    </button>
  )
}
