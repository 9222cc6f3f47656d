/**
 * Starting values of the source code tables (ADR 019), marked `isDefault` — to review, never authoritative.
 *
 * - `dvcqg` (the national portal's sync): its statuses and channels are the codes docs/design.md §3 uses, so the
 *   defaults map each code to itself. A province that sends its local "supplement requested", "awaiting
 *   financial obligation" or "stopped" as 9 (one public client does) cannot be told apart here: fix it at the sender.
 * - `igate` (VNPT iGate): the meaning of the numeric `dossierStatus` and `applyMethod` ids is not public
 *   (docs/design.md §6.3). The rows below are guesses from the names public client code shows next to them; IT must
 *   check them against the province's own iGate (the names the ETL meets are stored beside each code).
 * Inserted only for a system that has no rows yet, so edits (and deletions) are never undone.
 */
import { count, eq } from 'drizzle-orm'
import type { Db } from '../pg/client.ts'
import { sourceCodeMaps } from '../pg/schema/index.ts'

type Seed = { system: 'igate' | 'dvcqg'; kind: 'status' | 'channel'; code: string; target: string; label: string }

const DVCQG_STATUS = [
  'Mới đăng ký (nộp trực tuyến)',
  'Được tiếp nhận',
  'Không được tiếp nhận',
  'Đang xử lý',
  'Yêu cầu bổ sung giấy tờ',
  'Chờ thực hiện nghĩa vụ tài chính',
  'Công dân yêu cầu rút hồ sơ',
  'Dừng xử lý',
  'Đã xử lý xong',
  'Đã trả kết quả',
]

export const DEFAULT_SOURCE_CODES: Seed[] = [
  ...DVCQG_STATUS.map((label, i) => ({
    system: 'dvcqg' as const,
    kind: 'status' as const,
    code: String(i + 1),
    target: String(i + 1),
    label,
  })),
  { system: 'dvcqg', kind: 'channel', code: '1', target: '1', label: 'Trực tiếp' },
  { system: 'dvcqg', kind: 'channel', code: '2', target: '2', label: 'Trực tuyến' },
  { system: 'dvcqg', kind: 'channel', code: '3', target: '3', label: 'Qua dịch vụ bưu chính công ích' },
  { system: 'igate', kind: 'status', code: '0', target: '1', label: 'Chờ tiếp nhận' },
  { system: 'igate', kind: 'status', code: '1', target: '2', label: 'Đã tiếp nhận' },
  { system: 'igate', kind: 'status', code: '2', target: '4', label: 'Đang xử lý' },
  { system: 'igate', kind: 'status', code: '3', target: '5', label: 'Chờ bổ sung' },
  { system: 'igate', kind: 'status', code: '4', target: '9', label: 'Có kết quả' },
  { system: 'igate', kind: 'status', code: '5', target: '10', label: 'Đã trả kết quả' },
  { system: 'igate', kind: 'status', code: '6', target: '8', label: 'Đã hủy / dừng xử lý' },
  { system: 'igate', kind: 'channel', code: '0', target: '2', label: 'Trực tuyến' },
  { system: 'igate', kind: 'channel', code: '1', target: '1', label: 'Trực tiếp' },
  { system: 'igate', kind: 'channel', code: '2', target: '3', label: 'Dịch vụ bưu chính' },
]

export async function loadSourceCodeDefaults(db: Db): Promise<void> {
  for (const system of ['dvcqg', 'igate'] as const) {
    const [r] = await db.select({ n: count() }).from(sourceCodeMaps).where(eq(sourceCodeMaps.system, system))
    if (Number(r!.n) > 0) continue
    await db
      .insert(sourceCodeMaps)
      .values(DEFAULT_SOURCE_CODES.filter((c) => c.system === system).map((c) => ({ ...c, isDefault: true, updatedBy: 'default' })))
      .onConflictDoNothing()
  }
}
