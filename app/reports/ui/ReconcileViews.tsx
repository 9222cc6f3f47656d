/** The 766 reconciliation page's pieces: the IT role's upload form and the table of portal vs our figures. */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { Card } from '~/components/states/States'
import { useFormBusy } from '~/components/forms/FormBits'
import { fmtInt, fmtNum } from '~/i18n/format'
import { useLang, useT } from '~/root'
import type { ReconRow } from '../reconcile.server'
import { toDmy } from '../period'

export function ReconcileUpload({ error, period }: { error: string | null; period: { from: string; to: string } }) {
  const t = useT()
  const busy = useFormBusy()
  return (
    <Card title={t('rc.upload')} id="upload">
      {error ? (
        <p className="flash flash-error" role="alert" data-testid="flash">
          {t.code(error)}
        </p>
      ) : null}
      <p className="muted small">{t('rc.uploadHelp')}</p>
      <Form method="post" encType="multipart/form-data" className="b06-periods">
        <CsrfInput />
        <input type="hidden" name="intent" value="upload" />
        <label>
          {t('b06.from')}
          <input name="from" defaultValue={toDmy(period.from)} placeholder="dd/mm/yyyy" required />
        </label>
        <label>
          {t('b06.to')}
          <input name="to" defaultValue={toDmy(period.to)} placeholder="dd/mm/yyyy" required />
        </label>
        <label>
          {t('rc.files')}
          <input type="file" name="file" accept=".json,.csv,.xlsx" multiple required />
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('rc.uploadButton')}
        </button>
      </Form>
    </Card>
  )
}

export function ReconcileTable({ rows }: { rows: ReconRow[] }) {
  const t = useT()
  const lang = useLang()
  const pts = (v: number | null) => (v === null ? '—' : fmtNum(v, 2, lang))
  const int = (v: number | null) => (v === null ? '—' : fmtInt(v, lang))
  return (
    <div className="b06-frame" tabIndex={0} role="region" aria-label={t('rc.title')}>
      <table className="b06-table rc-table">
        <thead>
          <tr>
            <th rowSpan={2}>{t('commune')}</th>
            <th rowSpan={2}>{t('rc.metric')}</th>
            <th colSpan={3}>{t('rc.portal')}</th>
            <th colSpan={3}>{t('rc.ours')}</th>
            <th rowSpan={2}>{t('rc.diff')}</th>
            <th rowSpan={2}>{t('rc.status')}</th>
          </tr>
          <tr>
            {[0, 1].map((i) => [
              <th key={`n${i}`}>{t('rc.numerator')}</th>,
              <th key={`d${i}`}>{t('rc.denominator')}</th>,
              <th key={`p${i}`}>{t('rc.points')}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.commune}-${r.metric}`}
              className={r.status === 'different' ? 'rc-diff' : undefined}
              data-commune={r.commune}
              data-metric={r.metric}
              data-status={r.status}
            >
              <th scope="row" className="b06-name">
                {r.name}
              </th>
              <td>
                {t(`q766.metric.${r.metric}`)} <span className="muted small">({r.metric})</span>
              </td>
              <td className="num">{int(r.portal.numerator)}</td>
              <td className="num">{int(r.portal.denominator)}</td>
              <td className="num">{pts(r.portal.points)}</td>
              <td className="num">{int(r.ours.numerator)}</td>
              <td className="num">{int(r.ours.denominator)}</td>
              <td className="num">{pts(r.ours.points)}</td>
              <td className="num" data-key="diff">
                {pts(r.diffPoints)}
              </td>
              <td>
                {t(`rc.status.${r.status}`)}
                {r.differs.length ? ` (${r.differs.map((d) => t(`rc.part.${d}`)).join(', ')})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
