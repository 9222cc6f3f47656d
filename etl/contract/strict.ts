/**
 * The canonical form of the source contract as strict zod schemas, derived from the contracts: exactly the
 * contract's fields, text non-empty, times ISO 8601 with an offset, numbers as JSON numbers. The simulator's
 * tests hold every item it serves to these; a real provincial system can be checked against them too. (The
 * ETL's own validation, etl/validate/schema.ts, is lenient on purpose: it must keep and explain bad records.)
 */
import { z } from 'zod'
import { CONTRACTS } from './index.ts'
import type { Contract, Field, Resource } from './spec.ts'

const time = z.iso.datetime({ offset: true })

function strictField(f: Field): z.ZodType {
  let s: z.ZodType
  switch (f.type) {
    case 'id':
    case 'text': {
      const t = z.string().min(1)
      s = f.maxLength === undefined ? t : t.max(f.maxLength)
      break
    }
    case 'int':
      s = z.number().int().min(f.min).max(f.max)
      break
    case 'amount':
      s = f.max === undefined ? z.number().min(0) : z.number().min(0).max(f.max)
      break
    case 'enum':
      s = z.enum(f.values as [string, ...string[]])
      break
    case 'bool':
      s = z.boolean()
      break
    case 'time':
      s = time
      break
  }
  return f.type !== 'id' && 'nullable' in f && f.nullable ? s.nullable() : s
}

export function strictItemSchema(c: Contract): z.ZodType<Record<string, unknown>> {
  return z.strictObject(Object.fromEntries(c.fields.map((f) => [f.name, strictField(f)]))) as z.ZodType<Record<string, unknown>>
}

export const ITEM_SCHEMAS = Object.fromEntries(Object.entries(CONTRACTS).map(([r, c]) => [r, strictItemSchema(c)])) as Record<
  Resource,
  z.ZodType<Record<string, unknown>>
>

/** A page of the simulator (it says its data is synthetic). */
export const PageSchema = <T extends z.ZodType>(item: T) =>
  z.strictObject({ synthetic: z.literal(true), items: z.array(item), next_cursor: z.string().min(1).nullable() })
