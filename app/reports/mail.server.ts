/** Mails a scheduled report when SMTP_URL is configured (nodemailer); answers the addresses sent to, or null. */
import { fmtDate } from '../i18n/format.ts'
import nodemailer from 'nodemailer'
import type { Config } from '../../db/config.ts'
import type { Period } from '~/kpi/period'

const dmy = (ymd: string) => fmtDate(ymd)

export async function sendReportMail(
  config: Pick<Config, 'SMTP_URL' | 'REPORT_MAIL_FROM'>,
  sub: { email: string | null; frequency: string; department: string },
  period: Period,
  file: string,
  pdf: Buffer,
): Promise<string | null> {
  const to = (sub.email ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
  if (!config.SMTP_URL || !to.length) return null
  const transport = nodemailer.createTransport(config.SMTP_URL)
  try {
    await transport.sendMail({
      from: config.REPORT_MAIL_FROM,
      to,
      subject: `Báo cáo ${sub.frequency === 'weekly' ? 'tuần' : 'tháng'} Một Cửa KPI ${dmy(period.from)} – ${dmy(period.to)}`,
      text: `Kính gửi,\n\nĐính kèm báo cáo định kỳ (${dmy(period.from)} – ${dmy(period.to)}) do hệ thống Một Cửa KPI lập tự động.\n`,
      attachments: [{ filename: file, content: pdf, contentType: 'application/pdf' }],
    })
  } finally {
    transport.close()
  }
  return to.join(', ')
}
