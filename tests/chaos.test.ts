/**
 * The chaos harness itself (`npm run chaos`, tests/chaos/*, ADR 034) on its cheap scenarios, through the same
 * code: the real ETL pulls from a real loopback source, and the ledger compares what the source sent with
 * `dossiers FINAL` by id and content — exact numbers. A ledger that counted nothing would pass nothing here:
 * a stored row with other content is counted lost, a row the ETL had to reject is counted doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { failures, runScenario } from './chaos/harness.ts'
import { tally } from './chaos/ledger.ts'
import { begin, pull, SCENARIOS } from './chaos/scenarios.ts'
import { dossier } from './support/etl-fixtures.ts'
import { startSourceServer, type SourceServer } from './support/source-server.ts'
import { openTestStores, type TestStores } from './support/stores.ts'

let src: SourceServer
let s: TestStores
const scenario = (name: string) => SCENARIOS.find((x) => x.name === name)!

beforeAll(async () => {
  src = await startSourceServer()
  s = await openTestStores({ TTHC_SOURCE_URL: src.url, LOG_LEVEL: 'error' })
})
afterAll(async () => {
  await s?.dispose()
  await src?.close()
})

describe('npm run chaos, its cheap scenarios', () => {
  it('HC-1 moves 18859 → 18871 → 18859: 3 sent, 5 rows written (re-reads included), 0 lost, 0 doubled', async () => {
    const row = await runScenario({ stores: s, src }, scenario('commune-move'))
    // Loaded counts rows written: each pull after the first re-reads the version at its watermark (the overlap).
    expect(row).toMatchObject({ name: 'commune-move', sent: 3, loaded: 5, rejected: 0, toReject: 0, lost: 0, doubled: 0 })
    expect(row.runs).toBe(
      'dossiers ok (read 1, loaded 1, rejected 0); dossiers ok (read 2, loaded 2, rejected 0); dossiers ok (read 2, loaded 2, rejected 0)',
    )
    expect(failures(row)).toEqual([])
  })

  it('future-dated and out-of-range versions: 7 sent, 5 rejected, the real correction wins', async () => {
    const row = await runScenario({ stores: s, src }, scenario('bad-dates'))
    expect(row).toMatchObject({ sent: 7, rejected: 5, toReject: 5, lost: 0, doubled: 0 })
    expect(failures(row)).toEqual([])
  })
})

describe('the ledger counts by id and content', () => {
  it('a version held with other content is lost; a row that should have been rejected is doubled', async () => {
    const stored = dossier({ MaHoSo: 'HX-1', CapNhatLuc: '2026-03-02T09:00:00+07:00' })
    await begin({ stores: s, src }, [stored, dossier({ MaHoSo: 'HX-2', CapNhatLuc: '2026-03-02T10:00:00+07:00' })])
    expect(await pull({ stores: s, src })).toEqual({ job: 'dossiers', ok: true, read: 2, loaded: 2, rejected: 0 })
    const t = await tally(s, 'HX-', [
      { record: { ...stored, TrangThaiHoSo: 9 } }, // the source says status 9; the store holds 2
      { record: dossier({ MaHoSo: 'HX-2', CapNhatLuc: '2026-03-02T10:00:00+07:00' }), reject: true }, // stored, but should not be
      { record: dossier({ MaHoSo: 'HX-3', CapNhatLuc: '2026-03-02T11:00:00+07:00' }) }, // never stored
    ])
    expect(t).toEqual({
      sent: 3,
      expected: 2,
      stored: 2,
      lost: 2,
      doubled: 1,
      toReject: 1,
      rejectsKept: 0,
      examples: ['lost HX-1', 'lost HX-3', 'doubled HX-2 ×1'],
    })
  })
})
