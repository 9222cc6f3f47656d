/**
 * A bounded work queue (ADR 027): at most `concurrency` holders at a time, at most `maxQueued` waiting, and
 * no one waits longer than `maxWaitMs`. What cannot wait is refused at once (`Overloaded`, with how long to
 * wait before trying again); a waiter whose AbortSignal fires leaves the queue without ever running.
 * Used for the requests that read ClickHouse (server.shedding.ts) and for the ClickHouse reads themselves
 * (db/clickhouse/query.ts).
 */

export class Overloaded extends Error {
  constructor(
    /** Seconds after which a retry has a fair chance (the Retry-After header). */
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(`quá tải / overloaded: ${reason}`)
    this.name = 'Overloaded'
  }
}

export interface WorkQueueOptions {
  concurrency: number
  /** Waiters allowed beyond the running ones (Infinity: never refuse for length). */
  maxQueued: number
  /** A waiter not started after this long is refused (Infinity: wait as long as it takes). */
  maxWaitMs: number
}

export interface WorkQueueStats {
  active: number
  queued: number
  started: number
  refused: number
  /** Waiters that left because their signal fired (a client that went away). */
  abandoned: number
  /** Waiters refused after waiting `maxWaitMs`. */
  expired: number
  /** Moving average of how long a holder keeps its slot (ms). */
  meanHoldMs: number
}

interface Waiter {
  grant: (release: () => void) => void
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : Object.assign(new Error('aborted'), { name: 'AbortError' })

export class WorkQueue {
  private active = 0
  private readonly waiting: Waiter[] = []
  private readonly counts = { started: 0, refused: 0, abandoned: 0, expired: 0 }
  private meanHoldMs = 0

  constructor(readonly options: WorkQueueOptions) {}

  stats(): WorkQueueStats {
    return { active: this.active, queued: this.waiting.length, ...this.counts, meanHoldMs: Math.round(this.meanHoldMs) }
  }

  /** Seconds until a slot is likely free for a newcomer: the queue ahead of it at the mean hold time. */
  retryAfterSeconds(): number {
    const hold = this.meanHoldMs || 1000
    const ahead = this.waiting.length + 1
    return Math.min(60, Math.max(1, Math.ceil((ahead * hold) / this.options.concurrency / 1000)))
  }

  /** Takes a slot (waiting if allowed); resolves with its release function. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal))
    if (this.active < this.options.concurrency && this.waiting.length === 0) return Promise.resolve(this.take())
    if (this.waiting.length >= this.options.maxQueued) {
      this.counts.refused++
      return Promise.reject(new Overloaded(this.retryAfterSeconds(), `${this.active} running, ${this.waiting.length} waiting`))
    }
    return new Promise<() => void>((resolve, reject) => {
      const leave = () => {
        const i = this.waiting.indexOf(waiter)
        if (i >= 0) this.waiting.splice(i, 1)
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const onAbort = () => {
        leave()
        this.counts.abandoned++
        reject(abortError(signal!))
      }
      const waiter: Waiter = {
        grant: (release) => {
          leave()
          resolve(release)
        },
      }
      const timer = Number.isFinite(this.options.maxWaitMs)
        ? setTimeout(() => {
            leave()
            this.counts.expired++
            reject(new Overloaded(this.retryAfterSeconds(), `waited ${this.options.maxWaitMs} ms`))
          }, this.options.maxWaitMs)
        : undefined
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiting.push(waiter)
    })
  }

  /** Runs `work` in a slot. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal)
    try {
      return await work()
    } finally {
      release()
    }
  }

  private take(): () => void {
    this.active++
    this.counts.started++
    const t0 = performance.now()
    let released = false
    return () => {
      if (released) return
      released = true
      const held = performance.now() - t0
      this.meanHoldMs = this.meanHoldMs === 0 ? held : this.meanHoldMs * 0.8 + held * 0.2
      this.active--
      this.next()
    }
  }

  private next(): void {
    while (this.active < this.options.concurrency && this.waiting.length > 0) this.waiting[0]!.grant(this.take())
  }
}
