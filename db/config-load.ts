/**
 * How the server behaves under load (ADR 027), read with the rest of the configuration (db/config.ts):
 * the answer cache of the ClickHouse reads, the bound on concurrent reads, and the admission queue of the
 * requests that read ClickHouse (refused at once with 503 + Retry-After when it is full).
 */
import { z } from 'zod'
import { duration, size } from './config-limits.ts'

const count = (fallback: number) => z.coerce.number().int().min(1).max(100_000).default(fallback)

export const LOAD_ENV = {
  /** Cache the answers of ClickHouse reads until the data changes (`off`: every read runs). */
  QUERY_CACHE: z.enum(['on', 'off']).default('on'),
  /** Memory the cached answers may take. */
  QUERY_CACHE_SIZE: size('64MB'),
  /** ClickHouse reads this process runs at once (the rest wait in a queue). */
  CH_MAX_QUERIES: count(4),
  /** `off`: no admission queue, and the work of a client that went away is not cancelled (the behaviour before ADR 027). */
  LOAD_SHEDDING: z.enum(['on', 'off']).default('on'),
  /** Requests served at once (each may run several ClickHouse reads). */
  MAX_ACTIVE_REQUESTS: count(4),
  /** Requests waiting for a slot; one more is refused at once (503 + Retry-After). */
  MAX_QUEUED_REQUESTS: count(64),
  /** A request still waiting after this long is refused (503 + Retry-After). */
  MAX_QUEUE_WAIT: duration('10s'),
  /**
   * Requests one client (its session cookie, else its API token; requests without either have no share) may have served or waiting
   * at once; one more is refused at once (503 + Retry-After), so one client's burst cannot fill the queue.
   */
  MAX_CLIENT_REQUESTS: count(6),
} as const
