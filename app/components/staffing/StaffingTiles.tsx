/** The staffing page's tiles: staff required and assigned, shortage and surplus, the model's predictions and accuracy, overload. */
import { useLang, useT } from '~/root'
import { fmtInt } from '~/i18n/format'
import { formatter } from '~/components/format'
import { KpiTile } from '~/components/tiles/KpiTile'
import type { loadStaffing } from '~/dashboard/staffing.server'

export type StaffingData = Awaited<ReturnType<typeof loadStaffing>>

export function StaffingTiles({ data }: { data: StaffingData }) {
  const t = useT()
  const lang = useLang()
  const f = { int: formatter('int', lang), num: formatter('num', lang), pct: formatter('pct', lang) }
  const need = data.need
  const ov = data.overload
  return (
    <section className="tiles" aria-label={t('overview.tiles')}>
      <KpiTile
        id="required"
        kpi="staff_required"
        label={t('staff.required')}
        result={need.ok ? { ok: true, data: { value: need.data.required } } : need}
        direction="neutral"
        format={f.int}
        href="#ranking"
      />
      <KpiTile
        id="assigned"
        kpi="staff_assigned"
        label={t('staff.assigned')}
        result={need.ok ? { ok: true, data: { value: need.data.assigned } } : need}
        direction="neutral"
        format={f.int}
        href="#ranking"
      />
      <KpiTile
        id="shortage"
        kpi="staff_shortage"
        result={need.ok ? { ok: true, data: { value: need.data.shortage } } : need}
        direction="lower_better"
        format={f.int}
        href="#ranking"
      />
      <KpiTile
        id="surplus"
        kpi="staff_surplus"
        result={need.ok ? { ok: true, data: { value: need.data.surplus } } : need}
        direction="neutral"
        format={f.int}
        href="#ranking"
      />
      <KpiTile
        id="predictedLate"
        kpi="predicted_late"
        result={need.ok ? { ok: true, data: { value: need.data.predictedLate } } : need}
        direction="lower_better"
        format={f.num}
        hint={need.ok ? `${need.data.horizonDays} ${t('staff.workingDaysAhead')}` : undefined}
        href="#ranking"
      />
      <KpiTile
        id="predictedWait"
        kpi="predicted_wait"
        result={need.ok ? { ok: true, data: { value: need.data.predictedWaitMinutes } } : need}
        direction="lower_better"
        format={f.num}
      />
      <KpiTile
        id="modelAccuracy"
        kpi="model_error"
        result={
          data.model.error
            ? { ok: false, error: data.model.error }
            : { ok: true, data: { value: data.model.wape === null ? null : data.model.wape } }
        }
        direction="lower_better"
        format={f.pct}
        hint={
          data.model.computing
            ? t('staff.modelComputing')
            : `${t('staff.modelAccuracyHint')}: ${f.num(data.model.predicted)} / ${fmtInt(data.model.observed ?? 0, lang)} (${data.model.windows ?? 0} × 4 ${t('staff.weeks')})`
        }
      />
      <KpiTile
        id="overload"
        kpi="overload_communes"
        result={ov.ok ? { ok: true, data: { value: ov.data.counts.overload } } : ov}
        direction="lower_better"
        format={f.int}
        hint={ov.ok ? `${t('overload.watch')}: ${fmtInt(ov.data.counts.watch, lang)}` : undefined}
        href="#ranking"
      />
      <KpiTile
        id="perOfficer"
        kpi="per_officer_per_day"
        result={data.load.ok ? { ok: true, data: { value: data.load.data.perOfficerPerWorkday } } : data.load}
        direction="neutral"
        format={f.num}
      />
    </section>
  )
}
