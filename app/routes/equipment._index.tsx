/**
 * Thiết bị & ngân sách (Finance): the equipment gap by type and by commune, the cost to close it and the
 * priority order (merged and disadvantaged communes first); for Finance, the norms, unit prices, each
 * commune's inventory and its disadvantaged-area flag (validated, audited, re-snapshotted).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'

import { z } from 'zod'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { can } from '~/auth/permissions'
import { getStores } from '~/models/stores.server'
import { listCommunes } from '~/models/communes.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { Card, ResultView } from '~/components/states/States'
import { skipTableParamRevalidation } from '~/components/table/revalidate'
import { Flash } from '~/components/forms/FormBits'
import { InventoryEditor, NormsEditor } from '~/components/equipment/EquipmentEditor'
import { EquipmentByCommuneCard, EquipmentByTypeCard, EquipmentTiles } from '~/components/equipment/EquipmentGap'
import { attempt } from '~/components/states/result'
import { getEquipmentGap } from '~/kpi/index.server'
import { byType, communeGapTable, communeRows, typeTable } from '~/dashboard/equipment.tables'
import {
  DisadvantagedSchema,
  EquipmentEditError,
  getDisadvantaged,
  InventorySchema,
  listInventory,
  listTypes,
  saveDisadvantaged,
  saveInventory,
  saveType,
  TypeSchema,
} from '~/dashboard/equipment-edit.server'
import { editForm, fieldFailure, parseForm, type ActionResult } from '~/dashboard/forms'
import { computeTotals } from '~/lib/table-spec'
import { equipmentPeriod, inventoryAsOf } from '~/dashboard/equipment-edit.server'
import { langFromRequest } from '~/i18n/lang.server'
import { usePage } from '~/components/layout/use-page'
import { fmtDate } from '~/i18n/format'

export const meta: MetaFunction = () => [{ title: 'Thiết bị & ngân sách — Một Cửa KPI' }]
export const shouldRevalidate = skipTableParamRevalidation

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'kpi.read')
  const stores = await getStores()
  const url = new URL(request.url)
  // Equipment is a snapshot (the inventory as last recorded against the norms), not a flow over a period: the
  // page has no period filter. The counters a norm counts need the load of the default 30 days (the overview's
  // default period, so the two pages show one figure); the inventory's as-of date is shown instead.
  const period = equipmentPeriod()
  const { lang } = langFromRequest(request)
  const canEdit = can(user, 'equipment.edit')
  const communes = (await listCommunes(stores.pg.db, stores.config.PROVINCE_CODE)).map((c) => ({ code: c.code, name: c.name }))
  const ic = z
    .string()
    .regex(/^\d{5}$/)
    .catch(communes[0]?.code ?? '')
    .parse(url.searchParams.get('ic') ?? '')
  const [shell, gap, edit, asOf] = await Promise.all([
    loadShell(stores),
    attempt('equipment:gap', () => getEquipmentGap(stores, { from: period.current.from, to: period.current.to })),
    canEdit
      ? attempt('equipment:edit', async () => {
          const [types, inventory, disadvantaged] = await Promise.all([
            listTypes(stores),
            listInventory(stores, ic),
            getDisadvantaged(stores, ic),
          ])
          return { types, inventory, disadvantaged }
        })
      : Promise.resolve(null),
    inventoryAsOf(stores),
  ])
  const rows = gap.ok ? communeRows(gap.data) : null
  const types = gap.ok ? byType(gap.data.lines) : null
  const totals = rows ? computeTotals(communeGapTable(lang, rows, [])) : null
  return {
    shell,
    period,
    asOf,
    gap: gap.ok ? { ok: true as const, data: { gapVnd: gap.data.gapVnd, weights: gap.data.weights } } : gap,
    rows,
    types,
    totals,
    canEdit,
    edit,
    communes,
    ic,
  }
}

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, form } = await requireAction(request, 'equipment.edit', { communeFields: ['communeCode'] })
  const stores = await getStores()
  const { data, intent, withRow } = editForm(form)
  try {
    if (intent === 'inventory.save') {
      const p = parseForm(InventorySchema, data, intent)
      if (!p.ok) return withRow(p.result)
      const r = await saveInventory(stores, p.data, user.email)
      await auditRequest(request, user, 'equipment.inventory', p.data.communeCode, {
        type: p.data.typeCode,
        before: r.before,
        after: { working: p.data.working, broken: p.data.broken },
      })
      return { ok: true, intent, message: 'settings.saved' }
    }
    if (intent === 'type.save') {
      const p = parseForm(TypeSchema, data, intent)
      if (!p.ok) return withRow(p.result)
      const r = await saveType(stores, p.data)
      await auditRequest(request, user, 'equipment.norm', p.data.code, {
        before: r.before,
        after: { perUnit: p.data.perUnit, unitPriceVnd: p.data.unitPriceVnd, basis: p.data.basis },
      })
      return { ok: true, intent, message: 'settings.saved' }
    }
    if (intent === 'disadvantaged.save') {
      const p = parseForm(DisadvantagedSchema, data, intent)
      if (!p.ok) return withRow(p.result)
      const r = await saveDisadvantaged(stores, p.data)
      await auditRequest(request, user, 'commune.disadvantaged', p.data.communeCode, r)
      return { ok: true, intent, message: 'settings.saved' }
    }
  } catch (e) {
    return fieldFailure(e, EquipmentEditError, intent, data.id)
  }
  return { ok: false, intent, error: 'form.invalid', fieldErrors: {} }
}

export default function Equipment() {
  const {
    data: { shell, period, asOf, gap, rows, types, totals, canEdit, edit, communes, ic },
    result,
    t,
    lang,
  } = usePage<typeof loader, typeof action>()
  return (
    <Layout shell={shell} title={t('nav.equipment')} subtitle={t('equip.subtitle')}>
      <p className="muted small snapshot-note" data-testid="equipment-as-of">
        {t('equip.snapshot')} {asOf ? fmtDate(asOf, lang) : '—'} · {t('equip.loadWindow')} {fmtDate(period.current.from, lang)} –{' '}
        {fmtDate(period.current.to, lang)}
      </p>
      <EquipmentTiles gap={gap} rows={rows} totals={totals} />
      <p className="muted small">{t('equip.method')}</p>
      <EquipmentByTypeCard gap={gap} types={types} table={(r) => typeTable(lang, r, [])} />
      <EquipmentByCommuneCard gap={gap} rows={rows} totals={totals} />
      {canEdit && edit ? (
        <>
          <Flash result={result} />
          <ResultView result={edit} what={t('equip.normsTitle')}>
            {(e) => (
              <>
                <Card title={t('equip.normsTitle')} id="norms">
                  <p className="muted small">{t('equip.normsHint')}</p>
                  <NormsEditor types={e.types} result={result} />
                </Card>
                <Card title={t('equip.inventoryTitle')} id="inventory">
                  <InventoryEditor
                    inventory={e.inventory}
                    communes={communes}
                    selected={ic}
                    disadvantaged={e.disadvantaged}
                    result={result}
                  />
                </Card>
              </>
            )}
          </ResultView>
        </>
      ) : null}
    </Layout>
  )
}
