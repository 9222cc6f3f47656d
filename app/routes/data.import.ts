/**
 * POST /data/import (multipart: kind, file, csrf) — the file import of source records for units that report
 * by spreadsheet. The upload streams to DATA_DIR/imports (never held in memory; refused with 413 past
 * IMPORT_MAX_BYTES, on Content-Length before a byte is read, else while streaming), then runs through the same
 * ETL job as the API pull (validation, lineage mapping, rejects kept with reasons, run recorded) by the
 * scheduler (db/job-control.ts); the rollups it requests are awaited so the dashboard shows the imported
 * dossiers. A file the import refuses whole (a missing column, too many rows or texts) answers 400 naming why.
 * Audited as `import.file`. Answers the run summary as JSON.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { NodeOnDiskFile, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { auditRequest, removeUploaded, requireUpload, UploadTooLargeError } from '~/auth/guard.server'
import { getStores } from '~/models/stores.server'
import { IMPORT_KINDS, type ImportResult } from '~/components/data/ImportForm'
import { isJobBusy, jobControl } from '../../db/job-control.ts'

export async function loader() {
  return new Response('POST a file here (see the Data page)', { status: 405, headers: { Allow: 'POST' } })
}

const reply = (r: ImportResult, status = 200) => Response.json(r, { status })
const fail = (error: string, status: number, fieldErrors?: Record<string, string>) =>
  reply({ intent: 'import', ok: false, error, ...(fieldErrors ? { fieldErrors } : {}) }, status)
const mb = (n: number) => Math.round(n / 1048576)

/** A whole-file refusal from the ETL (FileImportError, by name: another bundle's class). */
const isFileRefusal = (e: unknown) => e instanceof Error && (e.name === 'FileImportError' || /^CSV\b/.test(e.message))

export async function action({ request }: ActionFunctionArgs) {
  const stores = await getStores()
  const maxBytes = stores.config.IMPORT_MAX_BYTES
  const dir = path.join(stores.config.dataDir, 'imports')
  await fs.mkdir(dir, { recursive: true })
  let upload: Awaited<ReturnType<typeof requireUpload>>
  try {
    upload = await requireUpload(request, 'data.import', { directory: dir, maxBytes, field: 'file' })
  } catch (e) {
    if (e instanceof UploadTooLargeError) return fail(`Tệp lớn hơn ${mb(maxBytes)} MB / file larger than ${mb(maxBytes)} MB`, 413)
    throw e
  }
  const { user, form } = upload
  const kind = z.enum(IMPORT_KINDS).safeParse(form.get('kind'))
  const file = form.get('file')
  const refuse = async (error: string, status: number, fieldErrors?: Record<string, string>) => {
    await removeUploaded(form)
    return fail(error, status, fieldErrors)
  }
  if (!kind.success) return refuse('Loại dữ liệu không hợp lệ / invalid record kind', 400, { kind: 'form.invalid' })
  if (!(file instanceof NodeOnDiskFile) || file.size === 0)
    return refuse('Chưa chọn tệp / no file chosen', 400, { file: 'Chưa chọn tệp / no file chosen' })
  const ext = path.extname(file.name).toLowerCase()
  if (ext !== '.xlsx' && ext !== '.csv')
    return refuse('Chỉ nhận tệp .xlsx hoặc .csv / only .xlsx or .csv files', 400, {
      file: 'Chỉ nhận tệp .xlsx hoặc .csv / only .xlsx or .csv',
    })
  const jobs = jobControl(stores)
  if (!jobs.list().some((j) => j.name === kind.data)) return refuse(`Chưa có tác vụ ${kind.data} / no job ${kind.data}`, 500)
  const saved = file.getFilePath()
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
    const notKept = typeof summary.rejectsNotKept === 'number' ? summary.rejectsNotKept : 0
    return reply({
      intent: 'import',
      ok: true,
      summary: { job: summary.job, read: summary.read, loaded: summary.loaded, rejected: summary.rejected, rejectsNotKept: notKept },
    })
  } catch (e) {
    const cause = ((e as { cause?: unknown }).cause ?? e) as Error
    await auditRequest(request, user, 'import.file_failed', kind.data, { file: file.name, error: cause.message })
    if (isJobBusy(e))
      return fail(`Tác vụ ${kind.data} đang chạy, thử lại sau ít phút / the ${kind.data} job is running, try again shortly`, 409)
    if (isFileRefusal(cause)) return fail(cause.message, 400, { file: cause.message })
    return fail(cause.message, 500)
  }
}
