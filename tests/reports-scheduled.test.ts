/**
 * Scheduled reports (issue #18 item 3, ADR 030) against the real server, real stores, Debian's Chromium and a
 * local SMTP sink (smtp-server on 127.0.0.1): two departments subscribe on /reports (Home Affairs weekly with an
 * address, IT monthly without), IT runs the job now, and the job produces one PDF per subscription (starting
 * with %PDF, with pages), records them, mails only the one with an address (the PDF attached), is recorded in
 * etl_runs, and a second run finds nothing due. The PDF downloads from /reports/file/:id.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { etlRuns, reportFiles, reportSubscriptions } from '../db/pg/schema/index.ts'
import { pdfPageCount } from '../app/reports/scheduled.ts'
import { browserAvailable } from './support/browser.ts'
import { startTestServer, type TestServer } from './support/http.ts'

interface Mail {
  to: string[]
  raw: string
}
const mails: Mail[] = []
let smtp: SMTPServer
let app: TestServer
let dir: string

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        cb()
      })
    },
  })
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r))
  const port = (smtp.server.address() as { port: number }).port
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-reports-'))
  app = await startTestServer({ DATA_DIR: dir, SMTP_URL: `smtp://127.0.0.1:${port}`, LOG_LEVEL: 'warn' })
}, 120_000)
afterAll(async () => {
  await app?.close()
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()))
  fs.rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!browserAvailable())('scheduled reports: PDF by Chromium, stored, mailed through a local SMTP sink', () => {
  it('subscriptions from /reports, the job run now by IT, two PDFs, one mail with the PDF attached', async () => {
    const home = await app.signIn(['home_affairs'])
    const it_ = await app.signIn(['it'])
    expect(
      (
        await home.post('/reports', {
          intent: 'subscribe',
          department: 'home_affairs',
          frequency: 'weekly',
          email: 'noi-vu@quangtri.gov.vn',
        })
      ).status,
    ).toBe(200)
    expect((await it_.post('/reports', { intent: 'subscribe', department: 'it', frequency: 'monthly', email: '' })).status).toBe(200)
    // A department whose role the user does not hold is refused.
    const refused = await home.post('/reports', { intent: 'subscribe', department: 'finance', frequency: 'weekly', email: '' })
    expect(await refused.text()).toContain('reports.notYours')
    expect(await app.stores.pg.db.select().from(reportSubscriptions)).toHaveLength(2)

    const ran = await it_.post('/reports', { intent: 'run' })
    expect(ran.status).toBe(200)
    const files = await app.stores.pg.db.select().from(reportFiles).orderBy(reportFiles.id)
    expect(files).toHaveLength(2)
    for (const f of files) {
      const pdf = fs.readFileSync(path.join(dir, 'reports', f.file))
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      expect(f.pages).toBe(pdfPageCount(pdf))
      expect(f.pages).toBeGreaterThanOrEqual(1)
      expect(f.bytes).toBe(pdf.length)
    }
    // MCK_KEEP_REPORT=<dir>: keep the PDFs to look at them (pdftoppm).
    if (process.env.MCK_KEEP_REPORT)
      for (const f of files) fs.copyFileSync(path.join(dir, 'reports', f.file), path.join(process.env.MCK_KEEP_REPORT, f.file))
    expect(files.map((f) => f.emailedTo)).toEqual(['noi-vu@quangtri.gov.vn', null])

    expect(mails).toHaveLength(1)
    expect(mails[0]!.to).toEqual(['noi-vu@quangtri.gov.vn'])
    expect(mails[0]!.raw).toMatch(/Content-Type: application\/pdf;\s+name=bao-cao-home_affairs-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}-1\.pdf/)
    expect(mails[0]!.raw).toMatch(/Content-Disposition: attachment;\s+filename=bao-cao-home_affairs-/)
    const b64 = /Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(
      mails[0]!.raw.split('application/pdf')[1]!,
    )
    expect(Buffer.from(b64![1]!.replace(/\s/g, ''), 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const runs = await app.stores.pg.db.select().from(etlRuns).where(eq(etlRuns.job, 'reports'))
    expect(runs.map((r) => ({ status: r.status, read: r.read, loaded: r.loaded }))).toEqual([{ status: 'ok', read: 2, loaded: 2 }])

    // Nothing due any more: a second run produces nothing and mails nothing.
    await it_.post('/reports', { intent: 'run' })
    expect(await app.stores.pg.db.select().from(reportFiles)).toHaveLength(2)
    expect(mails).toHaveLength(1)

    const dl = await home.get(`/reports/file/${files[0]!.id}`)
    expect(dl.status).toBe(200)
    expect(dl.headers.get('content-type')).toBe('application/pdf')
    expect(
      Buffer.from(await dl.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')
    const page = await (await home.get('/reports')).text()
    expect(page).toContain('noi-vu@quangtri.gov.vn')
  }, 300_000)
})
