/**
 * kill -9 of the ETL mid-load, then a restart (issue #17; the red team's 42 kills, replayed once): the ETL runs
 * as its own process (`etl/cli.ts run dossiers`, the embedded stores in DATA_DIR), pulling 30,000 dossiers in
 * pages of 5,000 from the loopback source. When the source is asked for page 3 the process is killed with
 * SIGKILL; the scratch files it left are measured; a second process runs the job again (as the next start does)
 * and must sweep them and load what the first did not. The ledger is taken afterwards (run.ts opens the stores
 * in the same DATA_DIR once no child owns them).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { dossier } from '../support/etl-fixtures.ts'
import type { SourceServer } from '../support/source-server.ts'
import type { Sent } from './ledger.ts'
import { dirBytes, PeakSampler, type Peaks } from './peaks.ts'

export const KILL_PREFIX = 'HK-'
const N = 30_000

export interface KillOutcome {
  sent: Sent[]
  killedAtRequest: number
  scratchLeftByKillMB: number
  scratchLeftAfterRestartMB: number
  restart: { code: number | null; summary: string }
  peaks: Peaks
}

const root = path.resolve(import.meta.dirname, '../..')

function etlProcess(dataDir: string, src: SourceServer): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'etl/cli.ts', 'run', 'dossiers', '--json', '--no-rollups'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, TTHC_SOURCE_URL: src.url, SCHEDULER: 'off', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

const exited = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null || p.signalCode !== null ? r(p.exitCode) : p.once('exit', (c) => r(c))))

export async function killAndRestart(dataDir: string, src: SourceServer): Promise<KillOutcome> {
  const records = Array.from({ length: N }, (_, i) =>
    dossier({
      MaHoSo: `${KILL_PREFIX}${String(i + 1).padStart(6, '0')}`,
      CapNhatLuc: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + (i % 9)).padStart(2, '0')}:00:00+07:00`,
      NgayNopHoSo: '2026-04-01T08:00:00+07:00',
      NgayTiepNhan: '2026-04-01T08:05:00+07:00',
      NgayHenTra: '2026-04-30T17:00:00+07:00',
    }),
  )
  src.fault(null)
  src.set('dossiers', records)
  const scratch = path.join(dataDir, 'scratch')
  const first = etlProcess(dataDir, src)
  const sampler = new PeakSampler([scratch], first.pid)
  const at = src.requests.length
  // Killed as soon as the source is asked for page 3: pages 1–2 are being loaded.
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (src.requests.length - at >= 3) {
        clearInterval(t)
        first.kill('SIGKILL')
        resolve()
      }
    }, 5)
    first.once('exit', (code) => {
      clearInterval(t)
      if (src.requests.length - at < 3) reject(new Error(`the ETL ended (${code}) before it could be killed mid-load`))
    })
  })
  await exited(first)
  const killedAtRequest = src.requests.length - at
  const left = dirBytes(scratch)
  const second = etlProcess(dataDir, src)
  sampler.follow(second.pid!)
  let out = ''
  second.stdout!.on('data', (b) => (out += b))
  let err = ''
  second.stderr!.on('data', (b) => (err += b))
  const code = await exited(second)
  const peaks = sampler.stop()
  const summary = code === 0 ? out.trim() : `exit ${code}: ${err.trim().split('\n').slice(-2).join(' ')}`
  return {
    sent: records.map((record) => ({ record })),
    killedAtRequest,
    scratchLeftByKillMB: +(left / 1048576).toFixed(1),
    scratchLeftAfterRestartMB: +(dirBytes(scratch) / 1048576).toFixed(1),
    restart: { code, summary },
    peaks,
  }
}
