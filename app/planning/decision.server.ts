/**
 * A staffing plan as a decision (issue #18 item 5): officers by name everywhere, the communes a plan makes
 * worse (predicted late dossiers up — a warning the acceptor must acknowledge), the moves into and out of a
 * commune (its page), and the draft decision as DOCX (officer names, from, to, dates, reason). The worse-commune
 * rule is pure (decision.ts) so the page and the accept action share it.
 */
import { fmtDate } from '../i18n/format.ts'
import { and, asc, desc, eq, inArray, or } from 'drizzle-orm'
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx'
import { officers, staffingPlanMoves, staffingPlans } from '../../db/pg/schema/index.ts'
import type { Stores } from '../../db/stores.ts'
import { communeNameList } from '../../db/pg/reads/communes.ts'
import { getStaffingPlan } from './plans.server.ts'

/** Officer id → full name, for the ids given. */
export async function officerNames(stores: Stores, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {}
  const rows = await stores.pg.db.select({ id: officers.id, name: officers.fullName }).from(officers).where(inArray(officers.id, ids))
  return Object.fromEntries(rows.map((r) => [r.id, r.name]))
}

export interface CommuneMove {
  planId: number
  planTitle: string
  status: string
  officer: string
  direction: 'in' | 'out'
  other: string | null
  kind: string
  validFrom: string
  validTo: string | null
  acceptedAt: string | null
}

/** Moves into and out of `code` in accepted and draft plans (newest first), officers and communes by name. */
export async function communeMoves(stores: Stores, code: string, limit = 50): Promise<CommuneMove[]> {
  const rows = await stores.pg.db
    .select({
      m: staffingPlanMoves,
      p: { id: staffingPlans.id, title: staffingPlans.title, status: staffingPlans.status, acceptedAt: staffingPlans.acceptedAt },
      name: officers.fullName,
    })
    .from(staffingPlanMoves)
    .innerJoin(staffingPlans, eq(staffingPlans.id, staffingPlanMoves.planId))
    .leftJoin(officers, eq(officers.id, staffingPlanMoves.officerId))
    .where(
      and(
        or(eq(staffingPlanMoves.toCommune, code), eq(staffingPlanMoves.fromCommune, code)),
        inArray(staffingPlans.status, ['accepted', 'draft']),
      ),
    )
    .orderBy(desc(staffingPlanMoves.validFrom), asc(staffingPlanMoves.id))
    .limit(limit)
  const names = await communeNameMap(stores)
  return rows.map(({ m, p, name }) => {
    const inbound = m.toCommune === code
    const other = inbound ? m.fromCommune : m.toCommune
    return {
      planId: p.id,
      planTitle: p.title,
      status: p.status,
      officer: name ?? m.officerId,
      direction: inbound ? 'in' : 'out',
      other: other ? (names[other] ?? other) : null,
      kind: m.kind,
      validFrom: m.validFrom,
      validTo: m.validTo,
      acceptedAt: p.acceptedAt ? p.acceptedAt.toISOString() : null,
    }
  })
}

async function communeNameMap(stores: Stores): Promise<Record<string, string>> {
  const rows = await communeNameList(stores.pg.db, stores.config.PROVINCE_CODE)
  return Object.fromEntries(rows.map((r) => [r.code, r.name]))
}

/** A calendar day as the decision prints it (dd/mm/yyyy; '—' when open-ended). */
const dmy = (ymd: string | null) => fmtDate(ymd)
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })

/** The plan's draft decision as a DOCX (Vietnamese administrative layout, left for the signer to complete). */
export async function decisionDocx(
  stores: Stores,
  id: number,
  provinceName: string,
): Promise<{ buf: Buffer; plan: { id: number; status: string } }> {
  const { plan, moves } = await getStaffingPlan(stores, id)
  const [names, who] = await Promise.all([
    communeNameMap(stores),
    officerNames(
      stores,
      moves.map((m) => m.officerId),
    ),
  ])
  const place = (c: string | null) => (c ? (names[c] ?? c) : 'Cán bộ cấp tỉnh (biệt phái)')
  const header = ['STT', 'Họ và tên', 'Từ đơn vị', 'Đến đơn vị', 'Hình thức', 'Từ ngày', 'Đến ngày']
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...moves.map(
        (m, i) =>
          new TableRow({
            children: [
              cell(String(i + 1)),
              cell(who[m.officerId] ?? m.officerId),
              cell(place(m.from)),
              cell(place(m.to)),
              cell(m.kind === 'secondment' ? 'Biệt phái' : 'Điều động'),
              cell(dmy(m.validFrom ?? null)),
              cell(dmy(m.validTo ?? null)),
            ],
          }),
      ),
    ],
  })
  const p = (text: string, opts: { bold?: boolean; center?: boolean; italics?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })],
    })
  const doc = new Document({
    creator: 'Một Cửa KPI',
    title: `Dự thảo quyết định điều động — phương án ${plan.id}`,
    sections: [
      {
        children: [
          p(`UBND ${provinceName.toUpperCase()}`, { bold: true }),
          p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
          p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
          p(plan.status === 'accepted' ? 'DỰ THẢO' : 'DỰ THẢO (phương án chưa được chấp thuận)', { italics: true, center: true }),
          new Paragraph({
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: 'QUYẾT ĐỊNH', bold: true })],
          }),
          p('Về việc điều động, biệt phái cán bộ, công chức làm việc tại Trung tâm Phục vụ hành chính công cấp xã', {
            bold: true,
            center: true,
          }),
          p(
            `Căn cứ phương án điều động số ${plan.id} “${plan.title}”${plan.acceptedAt ? `, chấp thuận ngày ${dmy(plan.acceptedAt.toISOString().slice(0, 10))}` : ''}.`,
          ),
          p(`Lý do: ${plan.reason ?? '(chưa ghi)'}`),
          p(`Điều 1. Điều động, biệt phái ${moves.length} cán bộ, công chức theo danh sách sau:`, { bold: true }),
          table,
          p('Điều 2. Các cán bộ, công chức có tên tại Điều 1 có trách nhiệm bàn giao công việc và đến nhận nhiệm vụ đúng thời hạn.'),
          p('Điều 3. Quyết định có hiệu lực kể từ ngày ký.'),
        ],
      },
    ],
  })
  return { buf: await Packer.toBuffer(doc), plan: { id: plan.id, status: plan.status } }
}
