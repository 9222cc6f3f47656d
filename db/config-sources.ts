/**
 * The environment variables of the source adapters (ADR 019): which adapter feeds the dossiers
 * (`TTHC_SOURCE_KIND`), the VNPT iGate pull's endpoint and client credentials, and the national-portal push
 * receiver's limits. Part of the one configuration schema (db/config.ts spreads `SourceEnv` in);
 * secrets only from here, never from a table or a file.
 */
import { z } from 'zod'

export const SOURCE_KINDS = ['contract', 'igate', 'dvcqg-push'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

const url = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/\/+$/, '') : undefined))
  .refine((v) => v === undefined || /^https?:\/\/[^/\s]+/.test(v), { message: 'must be a URL starting with http:// or https://' })

const text = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined))

const int = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def)

export const SourceEnv = {
  TTHC_SOURCE_KIND: z.enum(SOURCE_KINDS, { message: `must be one of ${SOURCE_KINDS.join(', ')}` }).default('contract'),
  /** iGate API base, e.g. https://apiigate.tinh.gov.vn (the search is `{base}/pa/dossier/search`). */
  IGATE_BASE_URL: url,
  /** OpenID Connect issuer (Keycloak realm), e.g. https://sso.tinh.gov.vn/auth/realms/digo. */
  IGATE_OIDC_ISSUER: url,
  IGATE_CLIENT_ID: text,
  IGATE_CLIENT_SECRET: text,
  /** The search's update-time filter parameter (not public; e.g. `updated-from`). Unset: the fall-back (ADR 020). */
  IGATE_UPDATED_PARAM: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,60}$/, 'must be a query parameter name (letters, digits, - _ .)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The dossier field holding the last-change time (sort key and version). */
  IGATE_UPDATED_FIELD: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,60}$/, 'must be a field name (letters, digits, _)')
    .default('updatedDate'),
  IGATE_PAGE_SIZE: int(1, 2000, 200),
  /** Fall-back only: how far back `accepted-from` reaches, in days. */
  IGATE_WINDOW_DAYS: int(1, 3650, 45),
  /** Optional `ancestor-agency-id` filter (the province's root agency in iGate). */
  IGATE_AGENCY_ID: text,
  /** The longest Retry-After (seconds) honoured before the request counts as failed. */
  IGATE_MAX_RETRY_AFTER: int(0, 3600, 120),
  /** Largest accepted push request body, in MB. */
  DVCQG_PUSH_MAX_BODY_MB: int(1, 100, 5),
  /** Calls per minute allowed per sending system (login included). */
  DVCQG_PUSH_RATE_PER_MIN: int(1, 100_000, 300),
  DVCQG_PUSH_SESSION_HOURS: int(1, 720, 12),
  /** How success is written in replies: `0` (a number, as documented) or `00` (a string some clients compare). */
  DVCQG_PUSH_OK_CODE: z.enum(['0', '00']).default('0'),
}

/** The variables an adapter needs, checked after parsing: [variable, message] of the first one missing. */
export function missingSourceVariable(e: { TTHC_SOURCE_KIND: SourceKind } & Record<string, unknown>): [string, string] | null {
  if (e.TTHC_SOURCE_KIND !== 'igate') return null
  for (const v of ['IGATE_BASE_URL', 'IGATE_OIDC_ISSUER', 'IGATE_CLIENT_ID', 'IGATE_CLIENT_SECRET'])
    if (!e[v]) return [v, 'is required when TTHC_SOURCE_KIND=igate']
  return null
}
