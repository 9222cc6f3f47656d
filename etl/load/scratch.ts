/**
 * The ETL's scratch space (issue #17 item 6, ADR 018): the fast lane's page files and the TabSeparated batch files
 * live under `DATA_DIR/scratch`, never in /dev/shm or /tmp, named `mck-etl-<pid>-…` after the process that wrote
 * them. A killed process cannot delete its own, so every run first sweeps the entries of processes that are no
 * longer alive — there and in the places older versions used (/dev/shm, the OS temp dir). A run's scratch is
 * bounded (ETL_SCRATCH_MAX_BYTES): past it the run fails with the reason instead of filling the disk.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const SCRATCH_PREFIX = 'mck-etl-'
const OWNED = /^mck-etl-(\d+)-/

/** `<dataDir>/scratch`, created (owner only) if missing. */
export function scratchRoot(dataDir: string): string {
  const root = path.join(dataDir, 'scratch')
  fs.mkdirSync(root, { recursive: true, mode: 0o700 })
  return root
}

/** A run's own directory under the root: `mck-etl-<pid>-XXXXXX`. */
export function runScratchDir(root: string): string {
  return fs.mkdtempSync(path.join(root, `${SCRATCH_PREFIX}${process.pid}-`))
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but is another user's.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Where scratch may have been left: the root, and the places versions before ADR 018 wrote to. */
export function scratchPlaces(root: string): string[] {
  return [...new Set([root, '/dev/shm', os.tmpdir()])]
}

/** Deletes every `mck-etl-<pid>-…` entry of a process that is no longer alive; returns what it removed and its bytes. */
export function sweepScratch(places: readonly string[]): { removed: string[]; bytes: number } {
  const removed: string[] = []
  let bytes = 0
  for (const dir of places) {
    let names: string[]
    try {
      names = fs.readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names) {
      const m = OWNED.exec(name)
      if (!m || alive(Number(m[1]))) continue
      const full = path.join(dir, name)
      bytes += du(full)
      fs.rmSync(full, { recursive: true, force: true })
      removed.push(full)
    }
  }
  return { removed, bytes }
}

/** Bytes under a path (a file, or a directory tree); 0 if it is gone. */
export function du(p: string): number {
  let st: fs.Stats
  try {
    st = fs.lstatSync(p)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.size
  let n = 0
  for (const name of safeReaddir(p)) n += du(path.join(p, name))
  return n
}

function safeReaddir(p: string): string[] {
  try {
    return fs.readdirSync(p)
  } catch {
    return []
  }
}

export class ScratchFullError extends Error {
  constructor(used: number, max: number) {
    super(
      `scratch space full: ${used} bytes in use under DATA_DIR/scratch, more than the limit of ${max} (ETL_SCRATCH_MAX_BYTES); run stopped, watermark unchanged`,
    )
    this.name = 'ScratchFullError'
  }
}

/** The bound on a run's scratch: `check` before writing `extra` bytes more, `peak` for the run's report. */
export class ScratchBudget {
  peak = 0

  constructor(
    /** The directories this run writes in (its page directory, the batch files' directory). */
    private readonly dirs: readonly string[],
    readonly maxBytes: number,
    /** Only this process's entries count in a shared directory (the root holds other runs' too). */
    private readonly prefix = `${SCRATCH_PREFIX}${process.pid}-`,
  ) {}

  used(): number {
    let n = 0
    for (const d of this.dirs) {
      const base = path.basename(d)
      if (base.startsWith(this.prefix)) n += du(d)
      else for (const name of safeReaddir(d)) if (name.startsWith(this.prefix)) n += du(path.join(d, name))
    }
    return n
  }

  /** Throws ScratchFullError when what is in use plus `extra` passes the bound. */
  check(extra = 0): void {
    const used = this.used()
    this.peak = Math.max(this.peak, used + extra)
    if (used + extra > this.maxBytes) throw new ScratchFullError(used + extra, this.maxBytes)
  }
}
