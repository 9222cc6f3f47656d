/**
 * Peaks while a case runs, sampled every 25 ms: this process's RSS (chDB and PGlite run inside it) or a child's
 * (/proc/<pid>/status), and the bytes under a scratch directory (the ETL's DATA_DIR/scratch, the import's
 * DATA_DIR/imports). Growth is counted from the value just before the case.
 */
import fs from 'node:fs'
import path from 'node:path'

export interface Peaks {
  rssBeforeMB: number
  rssPeakMB: number
  /** Peak RSS minus the RSS before the case. */
  rssGrowthMB: number
  scratchPeakMB: number
}

const MB = 1048576

export function dirBytes(dir: string): number {
  let n = 0
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return 0
  }
  for (const e of entries) {
    const p = path.join(dir, e.name)
    try {
      n += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size
    } catch {
      // removed while we looked
    }
  }
  return n
}

/** RSS of a process in bytes (this one without a pid), 0 once it is gone. */
export function rssOf(pid?: number): number {
  if (pid === undefined) return process.memoryUsage().rss
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}

export class PeakSampler {
  private before: number
  private rss: number
  private scratch = 0
  private timer: NodeJS.Timeout

  constructor(
    private readonly dirs: string[],
    private pid?: number,
  ) {
    global.gc?.()
    this.before = rssOf(pid)
    this.rss = this.before
    this.sample()
    this.timer = setInterval(() => this.sample(), 25)
  }

  /** Follow another process from now on (a restarted child). */
  follow(pid: number): void {
    this.pid = pid
  }

  private sample(): void {
    this.rss = Math.max(this.rss, rssOf(this.pid))
    this.scratch = Math.max(
      this.scratch,
      this.dirs.reduce((a, d) => a + dirBytes(d), 0),
    )
  }

  stop(): Peaks {
    clearInterval(this.timer)
    this.sample()
    const before = this.pid === undefined ? this.before : 0
    return {
      rssBeforeMB: Math.round(before / MB),
      rssPeakMB: Math.round(this.rss / MB),
      rssGrowthMB: Math.round((this.rss - before) / MB),
      scratchPeakMB: +(this.scratch / MB).toFixed(1),
    }
  }
}
