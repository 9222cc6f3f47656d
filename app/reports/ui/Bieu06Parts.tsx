/** Biểu 06's parts on screen: the form's heading, its table (header rows, communes, total), the signature block. */
import { Link } from '@remix-run/react'
import { fmtDate, fmtInt } from '~/i18n/format'
import { useLang, useT } from '~/root'
import { BIEU06_HEADER, BIEU06_KEYS, type Bieu06 } from '../bieu06'

/** Form number and reporting unit, the national motto, the title, the period, the unit and receiver, the count unit. */
export function Bieu06Heading({ report, synthetic }: { report: Bieu06; synthetic: boolean }) {
  const t = useT()
  const lang = useLang()
  return (
    <>
      <div className="b06-top">
        <div>
          <strong>{t(report.variant === '06a' ? 'b06.formNoA' : 'b06.formNo')}</strong>
          <div className="b06-caps">{report.unit}</div>
        </div>
        <div>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <div className="b06-motto">Độc lập - Tự do - Hạnh phúc</div>
        </div>
      </div>
      <h2 className="b06-title">{t('b06.title')}</h2>
      <p className="b06-center">
        {t('b06.period')}: {t('b06.periodFromTo', { from: fmtDate(report.from, lang), to: fmtDate(report.to, lang) })}
      </p>
      <div className="b06-meta">
        <span>
          {t('b06.unit')}: <strong data-testid="b06-unit">{report.unit}</strong>
        </span>
        <span>
          {t('b06.receiver')}: {t('b06.receiverName')}
        </span>
      </div>
      <div className="b06-meta">
        <span className="muted">{synthetic ? t('syntheticData') : ''}</span>
        <em>{t('b06.countUnit')}</em>
      </div>
    </>
  )
}

/** The three header rows as the form groups them, the column numbers, one row per commune (linked), the total. */
export function Bieu06Table({ report, rowHref }: { report: Bieu06; rowHref?: (code: string) => string }) {
  const t = useT()
  const lang = useLang()
  const rows = [0, 1, 2] as const
  return (
    <div className="b06-frame" tabIndex={0} role="region" aria-label={t('b06.title')}>
      <table className="b06-table">
        <thead>
          {rows.map((r) => (
            <tr key={r}>
              {BIEU06_HEADER.filter((h) => h.row === r).map((h) => (
                <th key={`${h.row}-${h.col}`} rowSpan={h.rowSpan} colSpan={h.colSpan} scope={h.colSpan > 1 ? 'colgroup' : 'col'}>
                  {t.code(h.key)}
                </th>
              ))}
            </tr>
          ))}
          <tr className="b06-numbers">
            {Array.from({ length: 13 }, (_, i) => (
              <th key={i} scope="col">
                ({i + 1})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row, i) => (
            <tr key={row.commune} data-commune={row.commune}>
              <td className="num">{i + 1}</td>
              <th scope="row" className="b06-name">
                {rowHref ? <Link to={rowHref(row.commune)}>{row.name}</Link> : row.name}
              </th>
              {BIEU06_KEYS.map((k) => (
                <td key={k} className="num" data-key={k}>
                  {fmtInt(row[k], lang)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="b06-total">
            <th scope="row" colSpan={2}>
              {t('b06.totalRow')}
            </th>
            {BIEU06_KEYS.map((k) => (
              <td key={k} className="num" data-key={k}>
                {fmtInt(report.total[k], lang)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  )
}

/** The preparer and the head of the unit, with the place and today's date. */
export function Bieu06Signatures({ place, today }: { place: string; today: string }) {
  const t = useT()
  const [y, m, d] = today.split('-')
  return (
    <div className="b06-sign">
      <div>
        <strong>{t('b06.preparer')}</strong>
        <div className="small">
          <em>{t('b06.signHint')}</em>
        </div>
      </div>
      <div>
        <em>{t('b06.placeDate', { place, d: d!, m: m!, y: y! })}</em>
        <strong className="b06-block">{t('b06.head')}</strong>
        <div className="small">
          <em>{t('b06.headHint')}</em>
        </div>
      </div>
    </div>
  )
}
