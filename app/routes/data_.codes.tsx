/**
 * Dữ liệu → Bảng mã nguồn (IT): what each source system's status, channel and unit codes mean here (ADR 019).
 * Codes the ETL met without a mapping come first; each row saves on its own; every change is audited. Pushed
 * dossiers rejected for an unmapped code can be queued again once mapped; for iGate the page gives the backfill.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditRequest, requireAction, requirePermission } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { loadShell } from '~/dashboard/shell.server'
import { Layout } from '~/components/layout/Layout'
import { Card } from '~/components/states/States'
import { Flash, useFormBusy } from '~/components/forms/FormBits'
import { CodeTable } from '~/components/data/CodeTable'
import { KINDS, NewCodeForm, RereadActions, SYSTEMS } from '~/components/data/SourceCodeForms'
import { formObject, parseForm, type ActionResult } from '~/dashboard/forms'
import { SettingsError } from '~/dashboard/settings.server'
import {
  CodeKeySchema,
  CodeSaveSchema,
  deleteSourceCode,
  listSourceCodes,
  requeuePushRejects,
  saveSourceCode,
} from '~/dashboard/source-codes.server'
import { useT } from '~/root'

export const meta: MetaFunction = () => [{ title: 'Bảng mã nguồn — Một Cửa KPI' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'sources.edit')
  const stores = await getStores()
  const [shell, codes] = await Promise.all([loadShell(stores), listSourceCodes(stores)])
  return { shell, ...codes }
}

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, form } = await requireAction(request, 'sources.edit')
  const stores = await getStores()
  const data = formObject(form)
  const intent = data.intent ?? ''
  const row = `${data.system ?? ''}/${data.kind ?? ''}/${data.code ?? ''}`
  const rowErr = (r: ActionResult) => (r.ok ? r : { ...r, fieldErrors: { ...r.fieldErrors, _row: data.row ?? 'new' } })
  try {
    if (intent === 'code.save') {
      const p = parseForm(CodeSaveSchema, data, intent)
      if (!p.ok) return rowErr(p.result)
      const { before } = await saveSourceCode(stores, p.data, user.email)
      await auditRequest(request, user, 'source_code.save', `${p.data.system}/${p.data.kind}/${p.data.code}`, {
        before,
        after: p.data.target,
        label: p.data.label,
      })
      return { ok: true, intent, message: 'codes.saved' }
    }
    if (intent === 'code.delete') {
      const p = parseForm(CodeKeySchema, data, intent)
      if (!p.ok) return rowErr(p.result)
      const gone = await deleteSourceCode(stores, p.data)
      if (!gone) return { ok: false, intent, error: 'form.invalid', fieldErrors: {} }
      await auditRequest(request, user, 'source_code.delete', row, { before: gone.target })
      return { ok: true, intent, message: 'codes.deleted' }
    }
    if (intent === 'push.requeue') {
      const items = await requeuePushRejects(stores)
      await auditRequest(request, user, 'push.requeue', null, { items })
      return { ok: true, intent, message: 'codes.requeued' }
    }
  } catch (e) {
    if (e instanceof SettingsError)
      return { ok: false, intent, error: 'form.fixErrors', fieldErrors: { [e.field]: e.key, _row: data.row ?? 'new' } }
    throw e
  }
  return { ok: false, intent, error: 'form.invalid', fieldErrors: {} }
}

export default function SourceCodes() {
  const { shell, codes, communes, fields, kind, reread } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = useT()
  const busy = useFormBusy()
  const unmapped = codes.filter((c) => c.target === null)
  return (
    <Layout shell={shell} title={t('nav.codes')} subtitle={t('codes.subtitle')} needsData={false}>
      <p>
        <Link to="/data">← {t('nav.data')}</Link>
      </p>
      <Flash result={result} />
      <Card title={t('codes.sourceNow')} id="source-kind">
        <p data-testid="source-kind">
          <strong>{t(`codes.source.${kind}`)}</strong>
        </p>
        {kind === 'contract' ? <p className="muted small">{t('codes.contractNote')}</p> : null}
        <p className="muted small">{t('codes.intro')}</p>
      </Card>

      <Card title={`${t('codes.unmappedTitle')} (${unmapped.length})`} id="unmapped">
        {unmapped.length === 0 ? (
          <p className="muted">{t('codes.noUnmapped')}</p>
        ) : (
          <CodeTable testId="unmapped-table" rows={unmapped} communes={communes} fields={fields} busy={busy} result={result} showSystem />
        )}
      </Card>

      {SYSTEMS.map((system) => (
        <Card key={system} title={t(`codes.system.${system}`)} id={`system-${system}`}>
          {KINDS.map((k) => {
            const rows = codes.filter((c) => c.system === system && c.kind === k && c.target !== null)
            return (
              <section key={k} aria-labelledby={`h-${system}-${k}`}>
                <h3 id={`h-${system}-${k}`}>
                  {t(`codes.kind.${k}`)} <span className="muted small">({fields[system][k]})</span>
                </h3>
                {rows.length === 0 ? (
                  <p className="muted small">—</p>
                ) : (
                  <CodeTable testId={`codes-${system}-${k}`} rows={rows} communes={communes} fields={fields} busy={busy} result={result} />
                )}
              </section>
            )
          })}
        </Card>
      ))}

      <Card title={t('codes.addTitle')} id="add">
        <NewCodeForm communes={communes} busy={busy} />
        <p className="muted small">{t('codes.unitHint')}</p>
      </Card>

      <Card title={t('codes.rereadTitle')} id="reread">
        <RereadActions reread={reread} busy={busy} />
      </Card>
    </Layout>
  )
}
