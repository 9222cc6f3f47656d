/**
 * The source pages over HTTP on the real server: IT edits the code tables (validated, audited; a code met
 * unmapped is listed first and its pushed dossiers can be queued again once mapped), and the admin manages the
 * push senders (password shown once, hashed, reset, deactivated — each audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { auditLog, pushItems, pushSenders, sourceCodeMaps } from '../db/pg/schema/index.ts'
import { findJob } from '../etl/jobs/index.ts'
import { runJob } from '../etl/runner.ts'
import { portalDossier } from './support/dvcqg-fixtures.ts'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

let app: TestServer
let it_: HttpClient
let admin: HttpClient
const drain = () => runJob(app.stores, findJob('dvcqg-push')!, { trigger: 'test' })
const audits = (action: string) => app.stores.pg.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id))
const row = (system: string, kind: string, code: string) =>
  app.stores.pg.db
    .select()
    .from(sourceCodeMaps)
    .where(and(eq(sourceCodeMaps.system, system), eq(sourceCodeMaps.kind, kind), eq(sourceCodeMaps.code, code)))
    .then((r) => r[0])

async function push(password: string, data: unknown[]) {
  const post = (path: string, body: unknown) =>
    fetch(`${app.url}/dvcqg${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', dstcode: 'H56.QT' },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ error_code: number; session?: string }>)
  const login = await post('/auth', { username: 'motcua', password })
  return post('/integration', { session: login.session, madonvi: '18904', service: 'DongBoHoSoMC', data })
}

beforeAll(async () => {
  app = await startTestServer({ TTHC_SOURCE_KIND: 'dvcqg-push', LOG_LEVEL: 'warn' })
  it_ = await app.signIn(['it'])
  admin = await app.signIn(['admin'])
})
afterAll(async () => app?.close())

describe('admin: push senders', () => {
  let password = ''
  it('creates a sender: the password is shown once, stored hashed, and audited', async () => {
    const res = await admin.post('/admin/push', { intent: 'create', dstcode: 'H56.QT', username: 'motcua', label: 'Một cửa tỉnh' })
    expect(res.status).toBe(200)
    const html = await res.text()
    password = /data-password="?[^>]*>([A-Za-z0-9]{24})</.exec(html)?.[1] ?? ''
    expect(password).toHaveLength(24)
    const [s] = await app.stores.pg.db.select().from(pushSenders)
    expect(s).toMatchObject({ dstcode: 'H56.QT', username: 'motcua', label: 'Một cửa tỉnh', active: true })
    expect(s!.passwordHash).toMatch(/^scrypt\$15\$8\$1\$/)
    expect(s!.passwordHash).not.toContain(password)
    expect((await audits('push_sender.create')).map((a) => [a.actor, a.target])).toEqual([[admin.email, 'H56.QT']])
    expect((await push(password, [portalDossier({ MaHoSo: 'HS-U1' })])).error_code).toBe(0)
    // The page lists it, without the password
    const page = await (await admin.get('/admin/push')).text()
    expect(page).toContain('H56.QT')
    expect(page).not.toContain(password)
  })

  it('refuses a second sender with the same dstcode, and a bad one', async () => {
    const dup = await admin.post('/admin/push', { intent: 'create', dstcode: 'H56.QT', username: 'khac' })
    expect(dup.status).toBe(400)
    expect(await dup.text()).toContain('already exists')
    expect((await admin.post('/admin/push', { intent: 'create', dstcode: 'có dấu cách', username: 'x' })).status).toBe(400)
  })

  it('a new password replaces the old one; deactivation is audited', async () => {
    const [s] = await app.stores.pg.db.select().from(pushSenders)
    const res = await admin.post('/admin/push', { intent: 'reset', id: String(s!.id), dstcode: s!.dstcode })
    const fresh = /data-password="?[^>]*>([A-Za-z0-9]{24})</.exec(await res.text())?.[1] ?? ''
    expect(fresh).toHaveLength(24)
    expect((await push(password, [portalDossier({ MaHoSo: 'HS-U2' })])).error_code).not.toBe(0)
    expect((await push(fresh, [portalDossier({ MaHoSo: 'HS-U2' })])).error_code).toBe(0)
    password = fresh
    await admin.post('/admin/push', { intent: 'deactivate', id: String(s!.id) })
    expect((await push(password, [portalDossier({ MaHoSo: 'HS-U3' })])).error_code).not.toBe(0)
    await admin.post('/admin/push', { intent: 'activate', id: String(s!.id) })
    expect((await audits('push_sender.password_reset')).length).toBe(1)
    expect((await audits('push_sender.deactivate')).length).toBe(1)
    expect((await audits('push_sender.activate')).length).toBe(1)
    // an unmapped status and an unknown unit for the next tests
    expect(
      (
        await push(password, [
          portalDossier({ MaHoSo: 'HS-U4', TrangThaiHoSo: 12 }),
          portalDossier({ MaHoSo: 'HS-U5', DonViXuLy: 'UBND-X' }),
        ])
      ).error_code,
    ).toBe(0)
  })

  it('IT cannot manage senders; the admin cannot edit code tables', async () => {
    expect((await it_.post('/admin/push', { intent: 'create', dstcode: 'X', username: 'x' })).status).toBe(403)
    expect(
      (await admin.post('/data/codes', { intent: 'code.save', system: 'dvcqg', kind: 'status', code: '12', target: '5' })).status,
    ).toBe(403)
  })
})

describe('IT: the code tables', () => {
  it('lists the codes the ETL met unmapped first, with the records they rejected', async () => {
    const s = await drain()
    expect({ read: s.read, loaded: s.loaded, rejected: s.rejected }).toEqual({
      read: 4,
      loaded: 2,
      rejected: { unmapped_status: 1, unmapped_unit: 1 },
    })
    const html = await (await it_.get('/data/codes')).text()
    const unmapped = html.slice(
      html.indexOf('data-testid="unmapped-table"'),
      html.indexOf('</table>', html.indexOf('data-testid="unmapped-table"')),
    )
    expect(unmapped).toContain('data-code="dvcqg/status/12"')
    expect(unmapped).toContain('data-code="dvcqg/unit/UBND-X"')
    expect(html).toContain('data-testid="reread-push"')
    const data = await (await it_.get('/data')).text()
    expect(data).toContain('data-testid="codes-link"')
    expect(data.replace(/<!-- -->/g, '')).toContain('2 chưa ánh xạ')
  })

  it('refuses a meaning that is not a status, or a unit that is no commune of the province', async () => {
    const bad = await it_.post('/data/codes', {
      intent: 'code.save',
      row: 'dvcqg/status/12',
      system: 'dvcqg',
      kind: 'status',
      code: '12',
      target: '11',
    })
    expect(await bad.text()).toContain('Chọn nghĩa của mã trong hệ thống.')
    const unit = await it_.post('/data/codes', {
      intent: 'code.save',
      row: 'dvcqg/unit/UBND-X',
      system: 'dvcqg',
      kind: 'unit',
      code: 'UBND-X',
      target: '99999',
    })
    expect(await unit.text()).toContain('Không phải mã xã của tỉnh')
    expect((await row('dvcqg', 'status', '12'))!.target).toBeNull()
  })

  it('maps the codes (audited with before and after), queues the rejected pushed dossiers, and the next load takes them', async () => {
    await it_.post('/data/codes', { intent: 'code.save', row: 'dvcqg/status/12', system: 'dvcqg', kind: 'status', code: '12', target: '5' })
    await it_.post('/data/codes', {
      intent: 'code.save',
      row: 'dvcqg/unit/UBND-X',
      system: 'dvcqg',
      kind: 'unit',
      code: 'UBND-X',
      target: '18859',
    })
    expect(await row('dvcqg', 'status', '12')).toMatchObject({ target: '5', isDefault: false, unmappedSeen: 0, updatedBy: it_.email })
    expect((await audits('source_code.save')).map((a) => [a.actor, a.target, a.detail])).toEqual([
      [it_.email, 'dvcqg/status/12', { before: null, after: '5', label: null }],
      [it_.email, 'dvcqg/unit/UBND-X', { before: null, after: '18859', label: null }],
    ])
    // editing a default clears its mark
    await it_.post('/data/codes', {
      intent: 'code.save',
      row: 'dvcqg/status/9',
      system: 'dvcqg',
      kind: 'status',
      code: '9',
      target: '9',
      label: 'Đã giải quyết',
    })
    expect(await row('dvcqg', 'status', '9')).toMatchObject({ isDefault: false, label: 'Đã giải quyết' })
    const res = await it_.post('/data/codes', { intent: 'push.requeue' })
    expect(await res.text()).toContain('Đã đưa hồ sơ vào hàng đợi')
    expect((await audits('push.requeue')).map((a) => a.detail)).toEqual([{ items: 2 }])
    expect(await app.stores.pg.db.$count(pushItems, isNull(pushItems.loadedAt))).toBe(2)
    const s = await drain()
    expect({ read: s.read, loaded: s.loaded, rejected: s.rejected }).toEqual({ read: 2, loaded: 2, rejected: {} })
  })

  it('deletes a row (audited)', async () => {
    await it_.post('/data/codes', { intent: 'code.delete', row: 'dvcqg/unit/UBND-X', system: 'dvcqg', kind: 'unit', code: 'UBND-X' })
    expect(await row('dvcqg', 'unit', 'UBND-X')).toBeUndefined()
    expect((await audits('source_code.delete')).map((a) => [a.target, a.detail])).toEqual([['dvcqg/unit/UBND-X', { before: '18859' }]])
  })
})
