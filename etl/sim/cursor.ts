/**
 * The opaque paging cursor: which resource, the snapshot instant (`asOf`, fixed by the first page so a
 * listing is one consistent snapshot however long it takes) and the position of the last item sent.
 * base64url(JSON); anything else is a 400.
 */
import { z } from 'zod'
import type { Position } from './version-index.ts'

const CursorSchema = z.object({
  r: z.string(),
  a: z.number().int().nonnegative(),
  t: z.number().int().nonnegative(),
  v: z.number().int().nonnegative(),
})

export interface Cursor extends Position {
  resource: string
  asOf: number
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ r: c.resource, a: c.asOf, t: c.t, v: c.v })).toString('base64url')
}

export class CursorError extends Error {}

export function decodeCursor(s: string, resource: string): Cursor {
  let raw: unknown
  try {
    raw = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
  } catch {
    throw new CursorError('cursor is not one this source issued')
  }
  const p = CursorSchema.safeParse(raw)
  if (!p.success) throw new CursorError('cursor is not one this source issued')
  if (p.data.r !== resource) throw new CursorError(`cursor belongs to /${p.data.r}, not /${resource}`)
  return { resource: p.data.r, asOf: p.data.a, t: p.data.t, v: p.data.v }
}
