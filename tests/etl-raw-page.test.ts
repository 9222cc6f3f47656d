/**
 * Source pages streamed to files for the fast lane (etl/source/raw-page.ts): the checks made chunk by chunk give
 * the same answer as on the whole body wherever the chunks split it, and the file holds the items array only.
 * The HTTP case uses a real server that sends each page in small writes (characters split across chunks).
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PlainUtf8, RawPageFile, recordRange } from '../etl/source/raw-page.ts'
import { pullPages } from '../etl/source/http.ts'

const b = (s: string) => Buffer.from(s, 'utf8')
/** Bytes that are plain UTF-8, and bytes that are not (each with the reason). */
const PLAIN = [b('Đăng ký kết hôn — Xã Cửa Việt 😀 ổn'), b('ascii only'), b('')]
const NOT_PLAIN: [string, Buffer][] = [
  ['invalid byte', Buffer.concat([b('Hồ sơ '), Buffer.from([0xc3, 0x28]), b(' tiếp')])],
  ['lone continuation byte', Buffer.concat([b('ab'), Buffer.from([0x80]), b('cd')])],
  ['cut-off character at the end', Buffer.concat([b('Quảng Tr'), Buffer.from([0xe1, 0xbb])])],
  ['U+FFFD', b('Đăng ký \ufffd kết hôn')],
  ['escaped surrogate', b('{"a":"\\ud83d\\ude00"}')],
  ['escaped surrogate, upper case', b('{"a":"\\uD800"}')],
]

/** `buf` in chunks of `size` bytes, the first one `offset` bytes long. */
function chunks(buf: Buffer, size: number, offset: number): Buffer[] {
  const out: Buffer[] = []
  let i = 0
  if (offset > 0) out.push(buf.subarray(0, (i = Math.min(offset, buf.length))))
  for (; i < buf.length; i += size) out.push(buf.subarray(i, i + size))
  return out
}
function plain(parts: Buffer[]): boolean {
  const u = new PlainUtf8()
  for (const p of parts) u.push(p)
  return u.end()
}

describe('PlainUtf8', () => {
  it('gives the whole-body answer for every split into chunks of 1–7 bytes at every offset', () => {
    let splits = 0
    for (const size of [1, 2, 3, 4, 5, 7])
      for (let offset = 0; offset < size; offset++) {
        for (const buf of PLAIN) expect(plain(chunks(buf, size, offset)), `plain, size ${size} offset ${offset}`).toBe(true)
        for (const [why, buf] of NOT_PLAIN) expect(plain(chunks(buf, size, offset)), `${why}, size ${size} offset ${offset}`).toBe(false)
        splits++
      }
    expect(splits).toBe(22)
    for (const [why, buf] of NOT_PLAIN) expect(plain([buf]), why).toBe(false)
  })
})

describe('RawPageFile', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-raw-page-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('keeps the items array between spaces and reads the envelope', () => {
    const body = b(
      '{"synthetic":true,"items":[{"MaHoSo":"HS-1","TenTTHC":"Chứng thực"},{"MaHoSo":"HS-2","CapNhatLuc":"2026-04-02T08:00:00+07:00"}],"next_cursor":"c2"}',
    )
    const f = new RawPageFile(path.join(dir, 'a.json'))
    for (const c of chunks(body, 3, 1)) f.write(c)
    const env = f.finish()
    expect(env).toMatchObject({ next: 'c2', synthetic: true, lastAt: Date.parse('2026-04-02T01:00:00Z') })
    const text = fs.readFileSync(path.join(dir, 'a.json'), 'utf8')
    expect(Buffer.byteLength(text)).toBe(body.length)
    expect(text.trim()).toBe('[{"MaHoSo":"HS-1","TenTTHC":"Chứng thực"},{"MaHoSo":"HS-2","CapNhatLuc":"2026-04-02T08:00:00+07:00"}]')
    expect(JSON.parse(text)).toHaveLength(2)
  })

  it('locates every item wherever the chunks split the body; a nested `},{"` or spacing shows in the count', () => {
    const items = ['{"MaHoSo":"HS-1","TenTTHC":"Chứng thực"}', '{"MaHoSo":"HS-2","X":"a},{\\"b"}', '{"MaHoSo":"HS-3"}']
    const body = b(`{"items":[${items.join(',')}],"next_cursor":null}`)
    let splits = 0
    for (const size of [1, 2, 3, 4, 5, 7, 1 << 16])
      for (let offset = 0; offset < Math.min(size, 9); offset++) {
        const file = path.join(dir, `s-${size}-${offset}.json`)
        const f = new RawPageFile(file)
        for (const c of chunks(body, size, offset)) f.write(c)
        const bounds = f.bounds(f.finish()!)
        expect(bounds.seps, `size ${size} offset ${offset}`).toHaveLength(2) // the `},{\"` inside a string is not one
        const bytes = fs.readFileSync(file)
        const got = items.map((_, i) => {
          const [from, to] = recordRange(bounds, i)!
          return bytes.subarray(from, to).toString('utf8')
        })
        expect(got).toEqual(items)
        expect(recordRange(bounds, 3)).toBeNull()
        splits++
      }
    expect(splits).toBe(1 + 2 + 3 + 4 + 5 + 7 + 9)

    // An item holding objects in an array adds a separator; a spaced page has none: either way the count (3) differs.
    const nested = new RawPageFile(path.join(dir, 'nested.json'))
    nested.write(b('{"items":[{"MaHoSo":"HS-1","Extra":[{"a":1},{"b":2}]},{"MaHoSo":"HS-2"},{"MaHoSo":"HS-3"}],"next_cursor":null}'))
    expect(nested.bounds(nested.finish()!).seps).toHaveLength(3)
    const spaced = new RawPageFile(path.join(dir, 'spaced.json'))
    spaced.write(b('{"items": [{"MaHoSo": "HS-1"}, {"MaHoSo": "HS-2"}, {"MaHoSo": "HS-3"}], "next_cursor": null}'))
    expect(spaced.bounds(spaced.finish()!).seps).toHaveLength(0)
  })

  it('leaves a page in another shape as sent', () => {
    const body = b('{"next_cursor":null,"items":[]}')
    const f = new RawPageFile(path.join(dir, 'b.json'))
    f.write(body)
    expect(f.finish()).toBeNull()
    expect(fs.readFileSync(path.join(dir, 'b.json'))).toEqual(body)
  })
})

describe('pullPages with rawDir, over HTTP in 5-byte writes', () => {
  let server: http.Server
  let url: string
  let dir: string
  const pages: Record<string, Buffer> = {
    '': b('{"items":[{"MaHoSo":"HS-1","TenTTHC":"Đăng ký khai sinh"}],"next_cursor":"p2"}'),
    p2: Buffer.concat([b('{"items":[{"MaHoSo":"HS-2","TenTTHC":"Hồ '), Buffer.from([0xc3, 0x28]), b('"}],"next_cursor":null}')]),
  }
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-raw-http-'))
    server = http.createServer(async (req, res) => {
      const body = pages[new URL(req.url!, 'http://x').searchParams.get('cursor') ?? '']!
      res.writeHead(200, { 'Content-Type': 'application/json' })
      for (const c of chunks(body, 5, 2)) {
        res.write(c)
        await new Promise((r) => setImmediate(r))
      }
      res.end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('hands over a plain page as its file and parses a page with invalid UTF-8 as usual', async () => {
    const got = []
    for await (const p of pullPages('/dossiers', null, null, { baseUrl: url, rawDir: dir, retries: 0 })) got.push(p)
    expect(got).toHaveLength(2)
    expect(got[0]!.items).toEqual([])
    expect(JSON.parse(fs.readFileSync(got[0]!.rawFile!, 'utf8'))).toEqual([{ MaHoSo: 'HS-1', TenTTHC: 'Đăng ký khai sinh' }])
    // Not plain UTF-8: decoded with U+FFFD and parsed here (zod rejects it invalid_utf8); its file is gone.
    expect(got[1]!.rawFile).toBeUndefined()
    expect(got[1]!.items).toEqual([{ MaHoSo: 'HS-2', TenTTHC: 'Hồ \ufffd(' }])
    expect(fs.readdirSync(dir)).toEqual([path.basename(got[0]!.rawFile!)])
  })
})
