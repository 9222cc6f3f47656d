/**
 * Ownership of DATA_DIR. chDB locks its own directory, PGlite does not (a second process corrupts it),
 * so the server takes `DATA_DIR/owner.lock` before opening either embedded store. The file holds the
 * owner's pid, port and a random control token that lets a CLI on the same machine ask the running
 * server to do work instead of opening the stores itself.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export interface LockInfo {
  pid: number
  port: number | null
  token: string
  startedAt: string
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình ${owner.pid} sử dụng` +
        (owner.port ? ` (máy chủ trên cổng ${owner.port})` : '') +
        `. Data directory ${dataDir} is in use by process ${owner.pid}; stop it first or set another DATA_DIR.`,
    )
    this.name = 'DataDirBusyError'
  }
}

export const lockPath = (dataDir: string) => path.join(dataDir, 'owner.lock')

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The current owner, if a live process holds the lock. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockPath(dataDir), 'utf8')) as LockInfo
    return alive(info.pid) ? info : null
  } catch {
    return null
  }
}

export interface DataDirLock {
  info: LockInfo
  setPort(port: number): void
  release(): void
}

export function acquireLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = lockPath(dataDir)
  const info: LockInfo = {
    pid: process.pid,
    port: null,
    token: crypto.randomBytes(24).toString('hex'),
    startedAt: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 })
      const write = () => fs.writeFileSync(file, JSON.stringify(info), { mode: 0o600 })
      return {
        info,
        setPort(port) {
          info.port = port
          write()
        },
        release() {
          const current = readLock(dataDir)
          if (!current || current.pid === process.pid) fs.rmSync(file, { force: true })
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = readLock(dataDir)
      if (owner && owner.pid !== process.pid) throw new DataDirBusyError(dataDir, owner)
      fs.rmSync(file, { force: true }) // stale: its owner died
    }
  }
  throw new Error(`could not take ${file}`)
}
