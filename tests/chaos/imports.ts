/**
 * The import's hostile files (issue #17 item 7), through the real ETL and the real upload route:
 * - an XLSX carrying 4,000,000 shared strings, and one of 1,000,000 rows — each refused whole, nothing loaded;
 * - a 400 MB upload sent chunked (no Content-Length, so the limit must hold while it streams) through what POST
 *   /data/import reads its upload with (requireUpload, an API token's user): refused at IMPORT_MAX_BYTES (the
 *   route's 413), the partial file removed. (The route module itself loads the page's CSS: not importable here.)
 * Each case's RSS growth and the bytes under its scratch directory are sampled.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createApiToken } from '../../app/auth/api-tokens.server.ts'
import { createUser } from '../../app/auth/users.server.ts'
import { requireUpload, UploadTooLargeError } from '../../app/auth/guard.server.ts'
import type { Stores } from '../../db/stores.ts'
import { findJob } from '../../etl/jobs/index.ts'
import { runJob } from '../../etl/runner.ts'
import { manyRows, manyStrings } from '../support/hostile-xlsx.ts'
import type { Caps, Row } from './harness.ts'
import { tally } from './ledger.ts'
import { PeakSampler } from './peaks.ts'

export interface ImportCase {
  name: string
  run(stores: Stores, work: string, caps: Caps): Promise<Row>
}

const fmt = (n: number) => n.toLocaleString('en-US')

function xlsxCase(name: string, n: number, rows: number, write: typeof manyRows, what: string): ImportCase {
  return {
    name,
    async run(stores, work, caps) {
      const file = path.join(work, `${name}.xlsx`)
      const bytes = await write(file, n, '18904')
      const sampler = new PeakSampler([path.join(stores.config.dataDir, 'scratch')])
      const r = await pullFile(stores, file)
      const peaks = sampler.stop()
      fs.rmSync(file, { force: true })
      const t = await tally(stores, 'HS-H', [])
      return {
        name,
        sent: rows,
        loaded: r.loaded,
        rejected: t.rejectsKept,
        toReject: 0,
        lost: t.lost,
        doubled: t.doubled,
        runs: `${what}, ${(bytes / 1048576).toFixed(1)} MB XLSX: ${r.ok ? `import ok (read ${r.read}, loaded ${r.loaded})` : `refused: ${r.error}`}`,
        peaks,
        caps,
      }
    },
  }
}

async function pullFile(stores: Stores, file: string) {
  try {
    const s = await runJob(stores, findJob('dossiers')!, { trigger: 'chaos', source: { file } })
    return { ok: true, read: s.read, loaded: s.loaded, error: '' }
  } catch (e) {
    const msg = ((e as { cause?: Error }).cause ?? (e as Error)).message
    return { ok: false, read: 0, loaded: 0, error: msg.split(' / ').at(-1)!.slice(0, 140) }
  }
}
/** A multipart body: the form's fields, then `total` bytes of file, pulled as the route reads it. */
function hostileBody(total: number, sent: { bytes: number }): ReadableStream<Uint8Array> {
  const boundary = 'mck-chaos'
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndossiers\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  )
  const chunk = new Uint8Array(256 * 1024).fill(0x78)
  let first = true
  return new ReadableStream({
    pull(c) {
      if (first) {
        first = false
        c.enqueue(head)
        return
      }
      if (sent.bytes >= total) return c.close()
      sent.bytes += chunk.length
      c.enqueue(chunk)
    },
  })
}

const upload: ImportCase = {
  name: 'upload-400MB',
  async run(stores, _work, caps) {
    const user = await createUser(
      stores,
      { email: 'chaos-it@example.vn', roles: ['it'], communeCode: null, password: 'mật-khẩu-chaos-123456' },
      { actor: 'chaos', ip: null },
    )
    const { token } = await createApiToken(stores, user.id, 'chaos', { actor: 'chaos', ip: null })
    const sent = { bytes: 0 }
    const total = 400 * 1048576
    const sampler = new PeakSampler([path.join(stores.config.dataDir, 'imports')])
    const request = new Request('http://127.0.0.1/data/import', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=mck-chaos' },
      body: hostileBody(total, sent),
      duplex: 'half',
    } as RequestInit)
    const directory = path.join(stores.config.dataDir, 'imports')
    fs.mkdirSync(directory, { recursive: true })
    const status = await requireUpload(request, 'data.import', { directory, maxBytes: stores.config.IMPORT_MAX_BYTES, field: 'file' }).then(
      () => 200,
      (e: unknown) => (e instanceof UploadTooLargeError ? 413 : e instanceof Response ? e.status : 500),
    )
    const peaks = sampler.stop()
    const left = fs.readdirSync(directory).length
    return {
      name: 'upload-400MB',
      sent: '400 MB',
      loaded: 0,
      rejected: 0,
      toReject: 0,
      lost: 0,
      doubled: left, // a partial file left behind counts as a defect
      runs: `400 MB sent chunked, ${fmt(Math.round(sent.bytes / 1048576))} MB of it read before the answer: ${status}; ${left} file(s) left in DATA_DIR/imports`,
      peaks,
      caps,
    }
  },
}

export const IMPORT_CASES: ImportCase[] = [
  xlsxCase('xlsx-4M-shared-strings', 4_000_000, 1, manyStrings, '1 row, 4,000,000 shared strings'),
  xlsxCase('xlsx-1M-rows', 1_000_000, 1_000_000, manyRows, '1,000,000 rows'),
  upload,
]
