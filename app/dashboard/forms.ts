/**
 * Form parsing for the editing pages: numbers typed the Vietnamese way ("0,95", "18.000.000"), and zod
 * issues turned into message keys per field (the page shows them in the viewer's language).
 */
import { z } from 'zod'

/** "18.000.000" → 18000000; "0,95" → 0.95; "1.234,5" → 1234.5; "0.95" → 0.95. Empty → undefined. */
export function parseViNumber(raw: unknown): number | undefined | typeof NaN {
  if (raw === null || raw === undefined) return undefined
  let s = String(raw).replace(/[\s\u00a0₫%]/g, '')
  if (s === '') return undefined
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.')
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '')
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN
}

const MONEY_UNITS: [RegExp, number][] = [
  [/^(tỷ|tỉ|ty|ti|billion|bn)$/, 1e9],
  [/^(triệu|trieu|tr|million|m)$/, 1e6],
  [/^(nghìn|nghin|ngàn|ngan|k|thousand)$/, 1e3],
  [/^(đồng|dong|đ|d|vnđ|vnd|₫)$/, 1],
]

/**
 * An amount of money as people write it in Vietnam: "2 tỷ", "2,5 tỷ", "500 triệu", "1 tỷ 200 triệu",
 * "1.500.000.000", "1.500.000.000 đ", "300 nghìn" (tone marks optional, any case). Empty → undefined; anything
 * else → NaN (the caller shows `budget.err.ceiling`).
 */
export function parseViMoney(raw: unknown): number | undefined | typeof NaN {
  if (raw === null || raw === undefined) return undefined
  const s = String(raw)
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u00a0/g, ' ')
    .trim()
  if (s === '') return undefined
  const plain = parseViNumber(s.replace(/\s*(đồng|dong|đ|vnđ|vnd|₫)$/, ''))
  if (plain !== undefined && !Number.isNaN(plain)) return plain
  // Number-unit pairs: "1 tỷ 200 triệu", "2,5tỷ".
  const parts = s.match(/-?[\d.,]+\s*[^\d\s.,]*/g)
  if (!parts || parts.join('').replace(/\s/g, '') !== s.replace(/\s/g, '')) return NaN
  let total = 0
  for (const part of parts) {
    const m = /^(-?[\d.,]+)\s*(\S*)$/.exec(part.trim())
    const n = m ? parseViNumber(m[1]) : NaN
    const unit = m?.[2] ? MONEY_UNITS.find(([re]) => re.test(m[2]!)) : undefined
    if (n === undefined || Number.isNaN(n) || (m?.[2] && !unit)) return NaN
    total += n * (unit?.[1] ?? 1)
  }
  return Math.round(total)
}

/** A number field: `msg` is the i18n key shown when it is missing or not a number. */
export const viNumber = (msg = 'form.number') =>
  z.preprocess(parseViNumber, z.number({ error: msg }).refine(Number.isFinite, { message: msg }))

export const viInt = (msg = 'form.integer') => z.preprocess(parseViNumber, z.number({ error: msg }).int({ message: msg }))

export const optionalText = (max = 200) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
    z.string().max(max, { message: 'form.tooLong' }).optional(),
  )

export type FieldErrors = Record<string, string>

/**
 * What every form action answers — the edit forms, the planners, the actions page, the file import: on success
 * a message key and the action's own data (`Data`); on failure an error (a message key, or a conflict's text) and,
 * for a form, its fields in error. `error` on a success is a partial failure the user must see (the plan was
 * accepted but its snapshot failed).
 */
export type ActionResult<Data extends object = object> =
  | ({ ok: true; intent: string; message?: string; error?: string } & Data)
  | { ok: false; intent: string; error: string; fieldErrors?: FieldErrors }

/** Form → object of strings (first value per name; files dropped). */
export function formObject(form: FormData): Record<string, string> {
  const o: Record<string, string> = {}
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !(k in o)) o[k] = v
  return o
}

/** Parses with `schema`; on failure an ActionResult whose fieldErrors map each field to its first message key. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  data: Record<string, unknown>,
  intent: string,
): { ok: true; data: z.infer<S> } | { ok: false; result: ActionResult } {
  const r = schema.safeParse(data)
  if (r.success) return { ok: true, data: r.data }
  const fieldErrors: FieldErrors = {}
  for (const issue of r.error.issues) {
    const k = String(issue.path[0] ?? '_')
    if (!(k in fieldErrors)) fieldErrors[k] = issue.message.startsWith('form.') ? issue.message : 'form.invalid'
  }
  return { ok: false, result: { ok: false, intent, error: 'form.fixErrors', fieldErrors } }
}

/** An edit form's fields as strings, its intent, and `withRow`, which marks a failure with the table row it came from. */
export function editForm(form: FormData) {
  const data = formObject(form)
  const intent = data.intent ?? ''
  const withRow = (r: ActionResult): ActionResult => (r.ok ? r : { ...r, fieldErrors: { ...r.fieldErrors, _id: data.id ?? '' } })
  return { data, intent, withRow }
}

/**
 * An edit's failure on one field (an error class of the edit module with `field` and a message `key`) as the
 * form's result, marked with the row; anything else is rethrown.
 */
export function fieldFailure(
  e: unknown,
  errorClass: abstract new (...args: never[]) => { field: string; key: string },
  intent: string,
  rowId: string | undefined,
): ActionResult {
  if (e instanceof errorClass) return { ok: false, intent, error: 'form.fixErrors', fieldErrors: { [e.field]: e.key, _id: rowId ?? '' } }
  throw e
}
