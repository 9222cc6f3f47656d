/** Vietnamese / English. A plain link (`?lang=`) that the root loader turns into a cookie: works without JS. */
import { useLocation } from '@remix-run/react'
import { useLang, useT } from '~/root'
import { withParams } from '~/lib/url-filters'

export function LangSwitch() {
  const lang = useLang()
  const t = useT()
  const { pathname, search } = useLocation()
  return (
    <div className="lang-switch no-print" role="group" aria-label={t('language')}>
      <a
        href={`${pathname}${withParams(search, { lang: 'vi', page: new URLSearchParams(search).get('page') })}`}
        aria-current={lang === 'vi' ? 'true' : undefined}
        lang="vi"
        hrefLang="vi"
      >
        VI
      </a>
      <a
        href={`${pathname}${withParams(search, { lang: 'en', page: new URLSearchParams(search).get('page') })}`}
        aria-current={lang === 'en' ? 'true' : undefined}
        lang="en"
        hrefLang="en"
      >
        EN
      </a>
    </div>
  )
}
