/**
 * Finance's editing: equipment norms and unit prices (one form per type), the inventory of one commune
 * (working/broken per type) and its disadvantaged-area flag. Validated and audited on the server.
 */
import { Form } from '@remix-run/react'
import { CsrfInput } from '~/auth/components'
import { useLang, useT } from '~/root'
import { fmtDateTime, fmtInt, fmtNum, inLang } from '~/i18n/format'
import { Field, fieldError, useFormBusy } from '~/components/forms/FormBits'
import { CommunePicker } from '~/components/forms/ParamSelect'
import type { ActionResult } from '~/dashboard/forms'

export interface TypeView {
  code: string
  nameVi: string
  nameEn: string
  basis: string
  perUnit: number
  unitPriceVnd: number
  updatedAt: string
}
export interface InventoryView {
  typeCode: string
  nameVi: string
  nameEn: string
  working: number | null
  broken: number | null
  synthetic: boolean
  updatedAt: string | null
  updatedBy: string | null
}

export function NormsEditor({ types, result }: { types: TypeView[]; result?: ActionResult }) {
  const t = useT()
  const lang = useLang()
  const busy = useFormBusy()
  return (
    <div className="table-wrap">
      <table className="data" data-testid="norms-table">
        <caption className="sr-only">{t('equip.normsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('equip.type')}</th>
            <th scope="col">{t('settings.edit')}</th>
            <th scope="col" className="hide-sm">
              {t('settings.updated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {types.map((ty) => (
            <tr key={ty.code} data-type={ty.code}>
              <th scope="row">{inLang(lang, ty.nameVi, ty.nameEn)}</th>
              <td>
                <Form method="post" className="inline-form" preventScrollReset>
                  <CsrfInput />
                  <input type="hidden" name="intent" value="type.save" />
                  <input type="hidden" name="id" value={ty.code} />
                  <input type="hidden" name="code" value={ty.code} />
                  <Field label={t('equip.basis')} name="basis" error={fieldError(result, 'type.save', 'basis', ty.code)}>
                    <select name="basis" defaultValue={ty.basis}>
                      <option value="counter">{t('equip.basis.counter')}</option>
                      <option value="centre">{t('equip.basis.centre')}</option>
                    </select>
                  </Field>
                  <Field label={t('equip.perUnit')} name="perUnit" error={fieldError(result, 'type.save', 'perUnit', ty.code)}>
                    <input
                      name="perUnit"
                      defaultValue={fmtNum(ty.perUnit, ty.perUnit % 1 === 0 ? 0 : 2, lang)}
                      inputMode="decimal"
                      size={5}
                      required
                    />
                  </Field>
                  <Field label={t('equip.unitPrice')} name="unitPriceVnd" error={fieldError(result, 'type.save', 'unitPriceVnd', ty.code)}>
                    <input name="unitPriceVnd" defaultValue={fmtInt(ty.unitPriceVnd, lang)} inputMode="numeric" size={12} required />
                  </Field>
                  <button type="submit" className="btn" disabled={busy}>
                    {t('settings.save')}
                  </button>
                </Form>
              </td>
              <td className="hide-sm small muted">{fmtDateTime(ty.updatedAt, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function InventoryEditor({
  inventory,
  communes,
  selected,
  disadvantaged,
  result,
}: {
  inventory: InventoryView[]
  communes: { code: string; name: string }[]
  selected: string
  disadvantaged: boolean | null
  result?: ActionResult
}) {
  const t = useT()
  const busy = useFormBusy()
  const name = communes.find((c) => c.code === selected)?.name ?? selected
  return (
    <>
      <CommunePicker param="ic" label={t('equip.inventoryOf')} communes={communes} selected={selected} />
      <DisadvantagedForm selected={selected} name={name} disadvantaged={disadvantaged} busy={busy} />
      <div className="table-wrap">
        <table className="data" data-testid="inventory-table">
          <caption>
            {t('equip.inventoryOf')} {name}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('equip.type')}</th>
              <th scope="col">{t('settings.edit')}</th>
              <th scope="col" className="hide-sm">
                {t('settings.updated')}
              </th>
            </tr>
          </thead>
          <tbody>
            {inventory.map((i) => (
              <InventoryRow key={i.typeCode} i={i} selected={selected} result={result} busy={busy} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** The commune's disadvantaged-area flag (unset, yes, no): it weighs the commune's priority. */
function DisadvantagedForm({
  selected,
  name,
  disadvantaged,
  busy,
}: {
  selected: string
  name: string
  disadvantaged: boolean | null
  busy: boolean
}) {
  const t = useT()
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value="disadvantaged.save" />
      <input type="hidden" name="id" value={selected} />
      <input type="hidden" name="communeCode" value={selected} />
      <Field label={`${t('equip.disadvantaged')} — ${name}`} name="disadvantaged">
        <select
          name="disadvantaged"
          defaultValue={disadvantaged === null ? 'unset' : disadvantaged ? 'yes' : 'no'}
          key={`${selected}-${disadvantaged}`}
        >
          <option value="unset">{t('equip.disUnset')}</option>
          <option value="yes">{t('data.yes')}</option>
          <option value="no">{t('data.no')}</option>
        </select>
      </Field>
      <button type="submit" className="btn" disabled={busy}>
        {t('settings.save')}
      </button>
    </Form>
  )
}

/** One equipment type of the commune: working and broken units as an inline form, and when they were recorded. */
function InventoryRow({ i, selected, result, busy }: { i: InventoryView; selected: string; result?: ActionResult; busy: boolean }) {
  const t = useT()
  const lang = useLang()
  return (
    <tr data-type={i.typeCode}>
      <th scope="row">
        {inLang(lang, i.nameVi, i.nameEn)} {i.synthetic ? <span className="badge-synthetic">{t('staff.syntheticShort')}</span> : null}
      </th>
      <td>
        <Form method="post" className="inline-form" preventScrollReset>
          <CsrfInput />
          <input type="hidden" name="intent" value="inventory.save" />
          <input type="hidden" name="id" value={i.typeCode} />
          <input type="hidden" name="communeCode" value={selected} />
          <input type="hidden" name="typeCode" value={i.typeCode} />
          <Field label={t('equip.working')} name="working" error={fieldError(result, 'inventory.save', 'working', i.typeCode)}>
            <input name="working" defaultValue={i.working ?? ''} inputMode="numeric" size={4} required />
          </Field>
          <Field label={t('equip.broken')} name="broken" error={fieldError(result, 'inventory.save', 'broken', i.typeCode)}>
            <input name="broken" defaultValue={i.broken ?? ''} inputMode="numeric" size={4} required />
          </Field>
          <button type="submit" className="btn" disabled={busy}>
            {t('settings.save')}
          </button>
        </Form>
      </td>
      <td className="hide-sm small muted">
        {i.updatedAt ? `${fmtDateTime(i.updatedAt, lang)}${i.updatedBy ? ` · ${i.updatedBy}` : ''}` : t('equip.noRecord')}
      </td>
    </tr>
  )
}
