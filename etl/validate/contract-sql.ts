/**
 * The ClickHouse checks of the ETL's fast lane (ADR 011), derived from a record kind's contract (etl/contract):
 * how ClickHouse reads each field (JSONEachRow structure), and per field the condition under which the record is
 * certainly in canonical form and valid — anything else goes to the JS path, which decides (dossier-sql.ts says
 * why the fast lane may be conservative, never lax, field by field).
 */
import { VN_OFFSET, VN_TIME_ZONE } from '../../db/lib/vn-time.ts'
import { TIME_RANGE, type Contract, type Field } from '../contract/index.ts'

// The range starts and ends on 1 January, so a canonical time (wall time in Vietnam) is inside it when its year is.
const FIRST_YEAR = TIME_RANGE.from.slice(0, 4)
const LAST_YEAR = String(Number(TIME_RANGE.toExclusive.slice(0, 4)) - 1)
if (!TIME_RANGE.from.endsWith('-01-01') || !TIME_RANGE.toExclusive.endsWith('-01-01'))
  throw new Error('TIME_RANGE must run from 1 January to 1 January')

const TZ = `'${VN_TIME_ZONE}'`
// String.prototype.trim's whitespace and line terminators, at either end.
const WS = String.raw`[\t\n\\x{0B}\f\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]`
const OUTER_WS = `'^${WS}|${WS}$'`
/**
 * `YYYY-MM-DDTHH:MM:SS[.sss]+07:00` with a year inside TIME_RANGE (2000–2100), without a regex (≈ 3× cheaper here): every digit
 * mapped to 0 must give one of the two shapes (so digits where digits belong and the punctuation exact), the
 * offset is +07:00 and the year in range (four digits compare as text).
 */
const canonicalTime = (f: string) =>
  `(translate(${f}, '123456789', '000000000') IN ('0000-00-00T00:00:00+00:00', '0000-00-00T00:00:00.000+00:00') AND endsWith(${f}, '${VN_OFFSET}') AND substring(${f}, 1, 4) BETWEEN '${FIRST_YEAR}' AND '${LAST_YEAR}')`

// Characters whose every sequence is NFC (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional — all of
// Vietnamese, precomposed — and no combining marks), the first and last not whitespace: NFC and trimmed, by one regex.
const SAFE = String.raw`\\x{20}-\\x{7E}\\x{A0}-\\x{24F}\\x{1E00}-\\x{1EFF}`
const SAFE_EDGE = String.raw`\\x{21}-\\x{7E}\\x{A1}-\\x{24F}\\x{1E00}-\\x{1EFF}`
const SAFE_TRIMMED = `'^([${SAFE_EDGE}]([${SAFE}]*[${SAFE_EDGE}])?)?$'`
/**
 * ASCII text whose first and last bytes are above the space: NFC by definition, and nothing String.prototype.trim
 * would remove (its ASCII whitespace is 0x09–0x0D and 0x20). The pages are valid UTF-8, so equal byte and code
 * point lengths mean ASCII. No regex: most codes and ids end here.
 */
const asciiTrimmed = (f: string) => `(length(${f}) = lengthUTF8(${f}) AND ascii(${f}) > 32 AND ascii(right(${f}, 1)) > 32)`
/** Text that zod would keep as is: no outer whitespace, NFC (ASCII first, then the regex; ICU only for other text). */
const textOk = (f: string) =>
  `(${f} IS NULL OR ${asciiTrimmed(f)} OR match(${f}, ${SAFE_TRIMMED}) OR (NOT match(${f}, ${OUTER_WS}) AND normalizeUTF8NFC(${f}) = ${f}))`
// parseDateTime refuses impossible times (30 February, 24:00, :60) instead of rolling them over as toDateTime64 does.
const timeValue = (f: string) =>
  `addMilliseconds(toDateTime64(parseDateTimeOrNull(substring(${f}, 1, 19), '%Y-%m-%dT%H:%i:%S', ${TZ}), 3, ${TZ}), if(length(${f}) = 29, toUInt16OrZero(substring(${f}, 21, 3)), 0))`
/** NULL or '' (→ NULL), or canonical and a real time. */
const timeOk = (f: string) => `(ifNull(${f}, '') = '' OR (${canonicalTime(f)} AND t_${f} IS NOT NULL))`

const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/[\\']/g, '\\$&')}'`).join(', ')

/** One field's check: true only when zod would accept the value exactly as ClickHouse read it. */
function fieldCheck(f: Field): string | null {
  const n = f.name
  switch (f.type) {
    case 'id':
      return `${n} IS NOT NULL AND ${n} != '' AND ${textOk(n)} AND lengthUTF8(${n}) <= ${f.maxLength}`
    case 'text':
      return `${textOk(n)} AND (${n} IS NULL OR lengthUTF8(${n}) <= ${f.maxLength})`
    case 'enum':
      return f.nullable ? `ifNull(${n}, '') IN ('', ${sqlList(f.values)})` : `ifNull(${n}, '') IN (${sqlList(f.values)})`
    case 'int':
      return f.blank !== undefined
        ? `ifNull(${n}, ${f.blank}) BETWEEN ${f.min} AND ${f.max}`
        : `ifNull(${n} BETWEEN ${f.min} AND ${f.max}, false)`
    case 'amount':
      return `(${n} IS NULL OR (isFinite(${n}) AND ${n} >= 0 AND ${n} <= ${f.max}))`
    case 'time': {
      // Not a deadline: not later than the run's clock allows ({not_after_ms:Int64}, the JS path's notAfterMs).
      const notFuture = f.future ? '' : ` AND (t_${n} IS NULL OR toUnixTimestamp64Milli(t_${n}) <= {not_after_ms:Int64})`
      return (f.nullable ? timeOk(n) : `${timeOk(n)} AND t_${n} IS NOT NULL`) + notFuture
    }
    case 'bool':
      return null
  }
}

export interface ContractSql {
  /** The JSONEachRow structure ClickHouse reads the items with (plus the record's own `synthetic` flag). */
  structure: string
  /** The time fields: each is read as `t_<name>` (DateTime64 in Vietnam, NULL for '' or null). */
  times: string[]
  /** `t_<name>` expressions, for the inner SELECT over the file. */
  timeColumns: string
  /** Every field's check (ANDed by the caller with the kind's own cross-field checks). */
  checks: string[]
}

export function contractSql(c: Contract): ContractSql {
  const of = (...types: Field['type'][]) => c.fields.filter((f) => types.includes(f.type)).map((f) => f.name)
  const times = of('time')
  return {
    structure: [
      ...of('id', 'text', 'enum').map((f) => `${f} Nullable(String)`),
      ...times.map((f) => `${f} Nullable(String)`),
      ...of('int').map((f) => `${f} Nullable(Int64)`),
      ...of('amount').map((f) => `${f} Nullable(Float64)`),
      ...[...of('bool'), 'synthetic'].map((f) => `${f} Nullable(Bool)`),
    ].join(', '),
    times,
    timeColumns: times.map((f) => `if(ifNull(${f}, '') = '', NULL, ${timeValue(f)}) AS t_${f}`).join(',\n    '),
    checks: c.fields.map(fieldCheck).filter((x): x is string => x !== null),
  }
}
