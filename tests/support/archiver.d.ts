/** archiver (installed with exceljs) ships no types; the hostile-workbook writer uses only these calls. */
declare module 'archiver' {
  import type { Readable, Writable } from 'node:stream'
  interface Archiver {
    pipe(out: Writable): void
    append(src: string | Readable, opts: { name: string }): void
    finalize(): Promise<void>
  }
  export default function archiver(format: 'zip', opts?: { zlib?: { level?: number } }): Archiver
}
