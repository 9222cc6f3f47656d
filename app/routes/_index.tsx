import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getStores } from '~/models/stores.server'
import { getProvince, listCommunes } from '~/models/communes.server'
import { receivedByCommune } from '~/models/intake.server'
import { useLang, useT } from '~/root'
import { fmtInt, fmtNum } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Một Cửa KPI' }]

export async function loader(_: LoaderFunctionArgs) {
  const { pg, ch, config } = await getStores()
  const province = await getProvince(pg.db, config.PROVINCE_CODE)
  if (!province) throw new Response('Unknown province', { status: 404 })
  const communes = await listCommunes(pg.db, config.PROVINCE_CODE)
  // A ClickHouse failure is shown as an error on the column, never as zeros.
  let intake: Record<string, number> | null = null
  try {
    const m = await receivedByCommune(ch, communes.map((c) => c.code))
    intake = Object.fromEntries(communes.map((c) => [c.code, m.get(c.code)?.received ?? 0]))
  } catch (e) {
    console.error('index: ClickHouse read failed', e)
  }
  return { province, communes, intake, demo: config.TTHC_SOURCE_URL === undefined }
}

export default function Index() {
  const { province, communes, intake, demo } = useLoaderData<typeof loader>()
  const t = useT()
  const lang = useLang()
  const count = (type: string) => communes.filter((c) => c.type === type).length
  return (
    <main className="page">
      <header className="top">
        <h1>
          {t('appName')} — {province.fullName}
        </h1>
        <nav className="no-print" aria-label={t('language')}>
          <a href="?lang=vi" aria-current={lang === 'vi'}>Tiếng Việt</a> · <a href="?lang=en" aria-current={lang === 'en'}>English</a>
        </nav>
      </header>
      <p className="muted">{t('appTagline')}</p>
      {demo && <p><span className="badge-synthetic">{t('syntheticData')}</span></p>}
      <h2>
        {t('communes')}: {fmtInt(communes.length, lang)} ({fmtInt(count('xa'), lang)} {t('xa').toLowerCase()}, {fmtInt(count('phuong'), lang)}{' '}
        {t('phuong').toLowerCase()}, {fmtInt(count('dac_khu'), lang)} {t('dac_khu').toLowerCase()})
      </h2>
      {intake === null && <p className="error-card" role="alert">{t('storeError')} (ClickHouse)</p>}
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t('commune')}</th>
              <th>{t('type')}</th>
              <th className="num hide-sm">{t('area')}</th>
              <th className="num hide-sm">{t('population')}</th>
              <th className="num">{t('preMergerUnits')}</th>
              <th className="num">{t('officers')}</th>
              <th className="num">{t('dossiers')}</th>
            </tr>
          </thead>
          <tbody>
            {communes.map((c) => (
              <tr key={c.code} data-commune={c.code}>
                <td>{c.name}</td>
                <td>{t(c.type as 'xa' | 'phuong' | 'dac_khu')}</td>
                <td className="num hide-sm">{fmtNum(c.areaKm2, 2, lang)}</td>
                <td className="num hide-sm">{fmtInt(c.population, lang)}</td>
                <td className="num">{fmtInt(c.preMergerUnits, lang)}</td>
                <td className="num">{fmtInt(c.officers, lang)}</td>
                <td className="num">{intake ? fmtInt(intake[c.code], lang) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  )
}
