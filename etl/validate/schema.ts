/**
 * The ETL's validator for a record kind, derived from its contract (etl/contract): one lenient zod field per
 * contract field, each failure carrying its reject reason (fields.ts), plus the `synthetic` flag a source may
 * set on a record.
 */
import { z } from 'zod'
import type { Contract, Field, Parsed } from '../contract/index.ts'
import { amountField, boolField, enumField, idField, intField, optTimeField, textField, timeField } from './fields.ts'

function fieldSchema(f: Field): z.ZodType {
  switch (f.type) {
    case 'id':
      return idField(f.maxLength)
    case 'text':
      return textField(f.maxLength, f.nullable === true)
    case 'int':
      return intField(f.min, f.max, f.reason, f.blank)
    case 'amount':
      return amountField(f.max)
    case 'enum':
      return enumField(f.values, f.nullable === true)
    case 'bool':
      return boolField(f.nullable === true)
    case 'time':
      return f.nullable ? optTimeField : timeField
  }
}

/** The zod object validating records of contract `c` (unknown keys are dropped). */
export function validatorFor<C extends Contract>(c: C): z.ZodType<Parsed<C>> {
  const shape: Record<string, z.ZodType> = Object.fromEntries(c.fields.map((f) => [f.name, fieldSchema(f)]))
  shape.synthetic = boolField()
  return z.object(shape) as unknown as z.ZodType<Parsed<C>>
}
