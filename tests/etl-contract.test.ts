/**
 * One vocabulary (issue #19): each record kind's source contract is written once (etl/contract) and the ETL's
 * validator, the fast lane's ClickHouse checks, the spreadsheet headers and the simulator's items all come from
 * it; one CSV library; the +07:00 offset and the date patterns in one date module.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTRACTS, DOSSIER, defineContract, headersOf, requiredFields, type Resource } from '../etl/contract/index.ts'
import { ITEM_SCHEMAS, strictItemSchema } from '../etl/contract/strict.ts'
import { contractSql } from '../etl/validate/contract-sql.ts'
import { FAST_LANE_STRUCTURE } from '../etl/validate/dossier-sql.ts'
import { validatorFor } from '../etl/validate/schema.ts'
import { parseWith } from '../etl/validate/record.ts'
import { mapHeaders } from '../etl/source/headers.ts'
import { dossierKind } from '../etl/validate/dossier.ts'
import { ratingKind } from '../etl/validate/rating.ts'
import { complaintKind } from '../etl/validate/complaint.ts'
import { queueTicketKind } from '../etl/validate/queue-ticket.ts'
import { simRouter } from '../etl/sim/router.ts'
import { parseCsvRecords } from '../db/lib/csv.ts'
import { csvRecords } from '../db/lib/csv-file.ts'

const root = path.resolve(import.meta.dirname, '..')
const KINDS = { dossiers: dossierKind, ratings: ratingKind, complaints: complaintKind, 'queue-tickets': queueTicketKind }

/** Every .ts file under `dir` (relative to the repository), recursively. */
function sources(dir: string): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...sources(rel))
    else if (e.name.endsWith('.ts')) out.push(rel)
  }
  return out
}
/** A file's code without its comments (block and line comments). */
const code = (file: string) =>
  fs
    .readFileSync(path.join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1')

describe('one contract per record kind', () => {
  it('the validator, the headers, the strict schema and the record kind are all derived from it', () => {
    for (const [resource, c] of Object.entries(CONTRACTS) as [Resource, (typeof CONTRACTS)[Resource]][]) {
      const names = c.fields.map((f) => f.name)
      const kind = KINDS[resource]
      expect(kind.contract).toBe(c)
      expect(kind.idField).toBe(c.idField)
      expect(Object.keys(kind.headers)).toEqual(names)
      expect(Object.keys((validatorFor(c) as unknown as { shape: object }).shape)).toEqual([...names, 'synthetic'])
      expect(Object.keys((ITEM_SCHEMAS[resource] as unknown as { shape: object }).shape)).toEqual(names)
    }
    // The fast lane reads exactly the dossier contract's fields (and the record's own synthetic flag).
    const read = FAST_LANE_STRUCTURE.split(', ').map((s) => s.split(' ')[0])
    expect(read.sort()).toEqual([...DOSSIER.fields.map((f) => f.name), 'synthetic'].sort())
  })

  it("a field's type and bounds reach the validator, the SQL checks, the strict schema and the header map alike", () => {
    const toy = defineContract({
      resource: 'ratings',
      idField: 'Ma',
      fields: [
        { name: 'Ma', type: 'id', maxLength: 3, headers: ['Mã số'] },
        { name: 'Muc', type: 'int', min: 2, max: 4, reason: 'bad_enum', headers: ['Mức'] },
        { name: 'Loai', type: 'enum', values: ['a', 'b'], headers: ['Loại'] },
        { name: 'Luc', type: 'time', headers: ['Lúc'] },
      ],
    })
    const zod = validatorFor(toy)
    expect(parseWith(zod, { Ma: 'X', Muc: 3, Loai: 'a', Luc: '2026-01-02T03:04:05+07:00' }, 'Ma').ok).toBe(true)
    expect(parseWith(zod, { Ma: 'X', Muc: 5, Loai: 'a', Luc: '2026-01-02T03:04:05+07:00' }, 'Ma')).toMatchObject({
      ok: false,
      reason: 'bad_enum',
    })
    expect(parseWith(zod, { Ma: 'X', Muc: 3, Loai: 'c', Luc: '2026-01-02T03:04:05+07:00' }, 'Ma')).toMatchObject({
      ok: false,
      reason: 'bad_enum',
    })
    const sql = contractSql(toy)
    expect(sql.structure).toBe(
      'Ma Nullable(String), Loai Nullable(String), Luc Nullable(String), Muc Nullable(Int64), synthetic Nullable(Bool)',
    )
    expect(sql.checks).toContain('ifNull(Muc BETWEEN 2 AND 4, false)')
    expect(sql.checks.find((c) => c.startsWith('Ma IS NOT NULL'))).toMatch(/lengthUTF8\(Ma\) <= 3$/)
    expect(sql.checks).toContain(`ifNull(Loai, '') IN ('a', 'b')`)
    expect(strictItemSchema(toy).safeParse({ Ma: 'X', Muc: 5, Loai: 'a', Luc: '2026-01-02T03:04:05+07:00' }).success).toBe(false)
    expect(mapHeaders(['MỨC', 'mã số', 'Loai'], headersOf(toy), 'Ma')).toEqual(['Muc', 'Ma', 'Loai'])
    expect(requiredFields(toy).map((f) => f.name)).toEqual(['Ma', 'Muc', 'Loai', 'Luc'])
  })

  it('the Vietnamese headers and the code lists are written only in etl/contract', () => {
    const needles = ["'Mã hồ sơ'", "'Ngày tiếp nhận'", "'Mã đánh giá'", "'Mã vé'", "'toan_trinh', 'mot_phan'", "'nhung_nhieu'"]
    const outside = [...sources('etl'), ...sources('db')].filter((f) => !f.startsWith('etl/contract/'))
    const hits = outside.flatMap((f) => needles.filter((n) => code(f).includes(n)).map((n) => `${f}: ${n}`))
    expect(hits).toEqual([])
  })

  it('production code never imports the simulator, and the contract does not live under it', () => {
    const prod = [...sources('etl'), ...sources('db')].filter((f) => !f.startsWith('etl/sim/'))
    expect(prod.filter((f) => /from '[^']*\/sim\//.test(code(f)))).toEqual([])
    expect(fs.existsSync(path.join(root, 'etl/sim/contract.ts'))).toBe(false)
  })
})

describe('the simulator serializes the contract', () => {
  let server: Server
  let url = ''
  beforeAll(async () => {
    const app = express()
    app.use('/s', simRouter({ provinceCode: '44', seed: 7, scale: 0.2, start: '2025-06-02', now: '2025-07-10T12:00:00+07:00' }))
    server = await new Promise<Server>((r) => {
      const s = app.listen(0, '127.0.0.1', () => r(s))
    })
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/s`
  })
  afterAll(() => new Promise<void>((r) => server.close(() => r())))

  it('every item has exactly the contract fields, in the contract order', async () => {
    for (const [resource, c] of Object.entries(CONTRACTS)) {
      const page = (await (await fetch(`${url}/${resource}?limit=200`)).json()) as { items: Record<string, unknown>[] }
      expect(page.items.length, resource).toBeGreaterThan(0)
      for (const item of page.items) expect(Object.keys(item)).toEqual(c.fields.map((f) => f.name))
    }
  })
})

describe('one CSV library, one date module', () => {
  it('the streamed CSV reader and the in-memory one read the same records', async () => {
    const text = '\uFEFFa,b\r\n"x, ""y""","dòng 1\ndòng 2"\r\n\r\n1,\rz,"q"\n'
    fs.mkdirSync(path.join(root, '.scratch'), { recursive: true })
    const dir = fs.mkdtempSync(path.join(root, '.scratch', 'csv-'))
    try {
      fs.writeFileSync(path.join(dir, 'a.csv'), text)
      const streamed: string[][] = []
      for await (const r of csvRecords(path.join(dir, 'a.csv'))) streamed.push(r)
      expect(streamed).toEqual(parseCsvRecords(text))
      expect(streamed).toEqual([
        ['a', 'b'],
        ['x, "y"', 'dòng 1\ndòng 2'],
        ['1', ''],
        ['z', 'q'],
      ])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('+07:00, the UTC+7 arithmetic and the date patterns are written only in db/lib/vn-time.ts (ETL and stores)', () => {
    const files = [...sources('etl'), ...sources('db')].filter((f) => f !== 'db/lib/vn-time.ts')
    const patterns = [/\+07:00/, /7 \* 3_?600/, /7 \* 60\b/, /\\d\{4\}-\\d\{2\}/, /\\d\{1,2\}\//]
    const hits = files.flatMap((f) => patterns.filter((p) => p.test(code(f))).map((p) => `${f}: ${p}`))
    expect(hits).toEqual([])
  })
})
