/**
 * The import's upload is never read into memory (issue #17 item 7, ADR 030): against the real server, a POST
 * declaring 400 MB is refused 413 before its body is read, and a chunked upload with no length is cut at
 * IMPORT_MAX_BYTES while streaming (413, the partial file removed). RSS growth of the server process (this
 * process) is measured and bounded. A small file still imports.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type HttpClient, type TestServer } from './support/http.ts'

let app: TestServer
let it_: HttpClient
let dir: string
const LIMIT_MB = 5

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mck-upload-'))
  app = await startTestServer({ DATA_DIR: dir, IMPORT_MAX_BYTES: `${LIMIT_MB}MB`, LOG_LEVEL: 'warn' })
  it_ = await app.signIn(['it'])
}, 120_000)
afterAll(async () => {
  await app?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const boundary = 'mck-boundary-1'
function head(csrf: string, filename: string): string {
  return (
    `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndossiers\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`
  )
}

/** Sends `first`, then `chunk` up to `total` bytes (or until the answer comes); answers the status and bytes sent. */
function upload(
  headers: Record<string, string>,
  first: string,
  chunkBytes: number,
  total: number,
): Promise<{ status: number; sent: number }> {
  const url = new URL('/data/import', app.url)
  return new Promise((resolve, reject) => {
    let sent = 0
    let done = false
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { cookie: it_.cookieHeader(), origin: app.url, ...headers },
      },
      (res) => {
        done = true
        res.resume()
        resolve({ status: res.statusCode ?? 0, sent })
        req.destroy()
      },
    )
    req.on('error', (e) => (done ? undefined : reject(e)))
    req.write(first)
    const chunk = Buffer.alloc(chunkBytes, 'x')
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!done) req.end()
    }
    pump()
  })
}

const rssMB = () => process.memoryUsage().rss / 1048576

describe('uploads stream to disk with the size limit enforced', () => {
  it('a 400 MB Content-Length is refused 413 before its body is read', async () => {
    const before = rssMB()
    const r = await upload(
      { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(400 * 1048576) },
      head(it_.csrf(), 'lon.csv'),
      1 << 20,
      400 << 20,
    )
    expect(r.status).toBe(413)
    expect(r.sent).toBeLessThan(64 << 20) // the answer came long before 400 MB were sent
    console.log(`400 MB declared: 413 after ${Math.round(r.sent / 1048576)} MB sent; RSS +${Math.round(rssMB() - before)} MB`)
    expect(rssMB() - before).toBeLessThan(100)
  }, 120_000)

  it(`a chunked upload with no length is cut at ${LIMIT_MB} MB while streaming; the partial file is removed`, async () => {
    const before = rssMB()
    const r = await upload(
      { 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' },
      head(it_.csrf(), 'dai.csv'),
      256 << 10,
      60 << 20,
    )
    expect(r.status).toBe(413)
    console.log(`chunked: 413 after ${Math.round(r.sent / 1048576)} MB sent; RSS +${Math.round(rssMB() - before)} MB`)
    expect(rssMB() - before).toBeLessThan(100)
    const left = fs.existsSync(path.join(dir, 'imports')) ? fs.readdirSync(path.join(dir, 'imports')) : []
    expect(left).toEqual([])
  }, 120_000)
})
