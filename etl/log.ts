/**
 * Structured logs: one JSON object per line with { level, msg, job, runId, window, … }. The CLI sends them
 * to stderr (stdout carries the summary) or silences them behind its progress bar.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
  child(fields: Record<string, unknown>): Logger
}

export interface LoggerOptions {
  level?: Level
  write?: (line: string, level: Level) => void
}

export function createLogger(opts: LoggerOptions = {}, base: Record<string, unknown> = {}): Logger {
  const min = ORDER[opts.level ?? 'info']
  const write = opts.write ?? ((line, level) => (level === 'error' || level === 'warn' ? console.error(line) : console.log(line)))
  const emit =
    (level: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[level] < min) return
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields }), level)
    }
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger(opts, { ...base, ...fields }),
  }
}

/** Logs nothing (tests, the CLI behind a progress bar). */
export const silentLogger: Logger = createLogger({ write: () => {} })
