/** Editing forms: numbers typed the Vietnamese way, and validation errors as per-field message keys. */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseForm, parseViNumber, viInt, viNumber } from '../app/dashboard/forms.ts'

describe('parseViNumber', () => {
  it('reads Vietnamese and plain decimals and thousands', () => {
    expect(['0,95', '18.000.000', '1.234,5', '0.95', '12', ' 7 ₫', '85%'].map(parseViNumber)).toEqual([
      0.95, 18_000_000, 1234.5, 0.95, 12, 7, 85,
    ])
  })
  it('empty is undefined, garbage is NaN', () => {
    expect(parseViNumber('')).toBeUndefined()
    expect(parseViNumber(null)).toBeUndefined()
    expect(parseViNumber('abc')).toBeNaN()
    expect(parseViNumber('1,2,3')).toBeNaN()
  })
})

describe('parseForm', () => {
  const schema = z.object({
    price: viInt('form.price').refine((v) => v >= 0, { message: 'form.nonNegative' }),
    target: viNumber(),
  })
  it('returns the parsed numbers', () => {
    expect(parseForm(schema, { price: '18.000.000', target: '0,9' }, 'x')).toEqual({ ok: true, data: { price: 18_000_000, target: 0.9 } })
  })
  it('maps each bad field to its message key', () => {
    const r = parseForm(schema, { price: '-5', target: 'nope' }, 'save')
    expect(r).toEqual({
      ok: false,
      result: { ok: false, intent: 'save', error: 'form.fixErrors', fieldErrors: { price: 'form.nonNegative', target: 'form.number' } },
    })
    const missing = parseForm(schema, { price: '1,5' }, 'save')
    expect(missing.ok === false && missing.result.ok === false && missing.result.fieldErrors).toEqual({
      price: 'form.price',
      target: 'form.number',
    })
  })
})
