/**
 * POST /data/import (multipart: kind, file, csrf) — the file import of source records for units that report
 * by spreadsheet. The file is kept under DATA_DIR/imports, run through the same ETL job as the API pull
 * (validation, lineage mapping, rejects kept with reasons, run recorded) by the scheduler (db/job-control.ts),
 * then the rollups it requests are awaited so the dashboard shows the imported dossiers. Audited as `import.file`. Answers the run summary as JSON.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { auditRequest, requireAction } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { IMPORT_KINDS, type ImportResult } from '~/components/data/ImportForm'
import { isJobBusy, jobControl } from '../../db/job-control.ts'

const MAX_BYTES = 50 * 1024 * 1024

export async function loader() {
  return new Response('POST a file here (see the Data page)', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireAction(request, 'data.import')
  const kind = z.enum(IMPORT_KINDS).safeParse(form.get('kind'))
  const file = form.get('file')
  const reply = (r: ImportResult, status = 200) => Response.json(r, { status })
  if (!kind.success)
    return reply({ ok: false, error: 'Loại dữ liệu không hợp lệ / invalid record kind', fieldErrors: { kind: 'form.invalid' } }, 400)
  if (!(file instanceof File) || file.size === 0)
    return reply({ ok: false, error: 'Chưa chọn tệp / no file chosen', fieldErrors: { file: 'Chưa chọn tệp / no file chosen' } }, 400)
  const ext = path.extname(file.name).toLowerCase()
  if (ext !== '.xlsx' && ext !== '.csv')
    return reply(
      {
        ok: false,
        error: 'Chỉ nhận tệp .xlsx hoặc .csv / only .xlsx or .csv files',
        fieldErrors: { file: 'Chỉ nhận tệp .xlsx hoặc .csv / only .xlsx or .csv' },
      },
      400,
    )
  if (file.size > MAX_BYTES) return reply({ ok: false, error: 'Tệp lớn hơn 50 MB / file larger than 50 MB' }, 413)
  const stores = await getStores()
  const jobs = jobControl(stores)
  if (!jobs.list().some((j) => j.name === kind.data))
    return reply({ ok: false, error: `Chưa có tác vụ ${kind.data} / no job ${kind.data}` }, 500)
  const dir = path.join(stores.config.dataDir, 'imports')
  await fs.mkdir(dir, { recursive: true })
  const safe = path
    .basename(file.name, ext)
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .slice(0, 80)
  const saved = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${safe}${ext}`)
  await fs.writeFile(saved, Buffer.from(await file.arrayBuffer()))
  try {
    const summary = await jobs.run(kind.data, 'import', { file: saved })
    await auditRequest(request, user, 'import.file', kind.data, {
      file: file.name,
      saved: path.basename(saved),
      read: summary.read,
      loaded: summary.loaded,
      rejected: summary.rejected,
    })
    // A rollups run already going may have started before our rows landed: the request runs one more after it.
    if (summary.loaded > 0) await jobs.requestRollups(`after:import:${kind.data}`)
    return reply({ ok: true, summary: { job: summary.job, read: summary.read, loaded: summary.loaded, rejected: summary.rejected } })
  } catch (e) {
    await auditRequest(request, user, 'import.file_failed', kind.data, { file: file.name, error: (e as Error).message })
    const busy = isJobBusy(e)
    return reply(
      {
        ok: false,
        error: busy
          ? `Tác vụ ${kind.data} đang chạy, thử lại sau ít phút / the ${kind.data} job is running, try again shortly`
          : (e as Error).message,
      },
      busy ? 409 : 500,
    )
  }
}
