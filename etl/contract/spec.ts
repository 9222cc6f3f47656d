/**
 * How a source contract is written down: each record kind is ONE list of fields — name, type, bounds, Vietnamese
 * spreadsheet headers — and everything else is derived from it (etl/contract/README below, in short):
 *  - the ETL's lenient zod validator, which keeps and explains bad records (etl/validate/schema.ts);
 *  - the ClickHouse checks of the ETL's fast lane (etl/validate/contract-sql.ts);
 *  - the spreadsheet header table of the file import (`headersOf`, etl/source/headers.ts);
 *  - the strict schema of the canonical form a source should send, which the simulator's output is held to
 *    (etl/contract/strict.ts), and the simulator's field order (etl/sim/serialize.ts).
 * Source adapters (a provincial system's own API) map their records onto these fields and reuse the same path.
 */
import type { RejectReason } from './reasons.ts'

interface Base<N extends string> {
  name: N
  /** Spreadsheet column titles accepted for this field besides its own name (matching ignores case and marks). */
  headers: readonly string[]
  /** A file import without this column cannot load any row: it is refused before any row is read. */
  required?: boolean
}

/** The record's id: non-empty text (a number in a spreadsheet cell is its decimal text). */
export interface IdField<N extends string = string> extends Base<N> {
  type: 'id'
  maxLength: number
}
/** Text, NFC and trimmed; missing → '' (or null when nullable). */
export interface TextField<N extends string = string> extends Base<N> {
  type: 'text'
  maxLength: number
  nullable?: boolean
}
/** An integer code or count in [min, max]; blank → `blank` when given, else a reject with `reason`. */
export interface IntField<N extends string = string> extends Base<N> {
  type: 'int'
  min: number
  max: number
  reason: Extract<RejectReason, 'bad_enum' | 'bad_status' | 'bad_number'>
  blank?: number
}
/** A number in [0, max] (fees in VND, hours); blank → 0. */
export interface AmountField<N extends string = string> extends Base<N> {
  type: 'amount'
  max: number
}
export interface EnumField<N extends string = string, V extends string = string> extends Base<N> {
  type: 'enum'
  values: readonly V[]
  nullable?: boolean
}
/** JSON true/false (0/1, spreadsheet "có"/"không"/"x"); missing → false, or null when nullable. */
export interface BoolField<N extends string = string> extends Base<N> {
  type: 'bool'
  nullable?: boolean
}
/** An instant (ISO 8601 with an offset in the contract); `future`: may lie ahead of now (a deadline). */
export interface TimeField<N extends string = string> extends Base<N> {
  type: 'time'
  nullable?: boolean
  future?: boolean
}

export type Field<N extends string = string> =
  IdField<N> | TextField<N> | IntField<N> | AmountField<N> | EnumField<N> | BoolField<N> | TimeField<N>

export type Resource = 'dossiers' | 'ratings' | 'complaints' | 'queue-tickets'

export interface Contract<F extends readonly Field[] = readonly Field[]> {
  resource: Resource
  /** The id field (paging order is CapNhatLuc, then this). */
  idField: F[number]['name']
  fields: F
}

/** A contract, with its id field checked to be one of its fields. */
export function defineContract<const F extends readonly Field[]>(c: Contract<F>): Contract<F> {
  const names = new Set(c.fields.map((f) => f.name))
  if (names.size !== c.fields.length) throw new Error(`contract ${c.resource}: a field name repeats`)
  if (!c.fields.some((f) => f.name === c.idField && f.type === 'id')) throw new Error(`contract ${c.resource}: no id field ${c.idField}`)
  return c
}

/** Field name → Vietnamese headers (the import's header table). */
export function headersOf(c: Contract): Record<string, readonly string[]> {
  return Object.fromEntries(c.fields.map((f) => [f.name, f.headers]))
}

/** Fields without which no record of the kind can load: the id, required text, non-nullable times and enums, ints without a blank value. */
export function requiredFields(c: Contract): Field[] {
  return c.fields.filter(
    (f) =>
      f.type === 'id' ||
      f.required === true ||
      (f.type === 'time' && !f.nullable) ||
      (f.type === 'enum' && !f.nullable) ||
      (f.type === 'int' && f.blank === undefined),
  )
}

/** The value a parsed field holds (times as epoch ms). */
export type ValueOf<F extends Field> = F extends IdField
  ? string
  : F extends TextField
    ? F['nullable'] extends true
      ? string | null
      : string
    : F extends IntField | AmountField
      ? number
      : F extends EnumField<string, infer V>
        ? F['nullable'] extends true
          ? V | null
          : V
        : F extends BoolField | TimeField
          ? F['nullable'] extends true
            ? (F extends BoolField ? boolean : number) | null
            : F extends BoolField
              ? boolean
              : number
          : never

/** A record of contract C as the validator returns it, plus the `synthetic` flag a source may set on a record. */
export type Parsed<C extends Contract> = { [F in C['fields'][number] as F['name']]: ValueOf<F> } & { synthetic: boolean }
