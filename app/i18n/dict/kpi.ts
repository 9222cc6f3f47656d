/**
 * The KPI engine's reasons in words (ADR 036): app/kpi returns a code and its figures
 * (`{ code: 'LATE_RATE', params: { count: 6, received: 30, rate: 0.2, threshold: 0.1 } }`), and these ICU
 * messages say them — `<family>.<code>`, rendered by `sayReason` (app/i18n/messages.ts).
 */
import { defineDict } from './define.ts'

const PCT = 'number, ::percent .#'
const DEC = 'number, ::.##'
const ONE = 'number, ::.#'
const LEVEL_VI = '{level, select, overload {ngưỡng quá tải} other {ngưỡng cần theo dõi}}'
const LEVEL_EN = '{level, select, overload {overload threshold} other {watch threshold}}'
const CHANGE_VI = `{direction, select, down {giảm} other {tăng}} {change, ${ONE}}%`
const ALERT_LEVEL_VI = '{level, select, critical {ngưỡng nghiêm trọng} other {ngưỡng cần theo dõi}}'
const ALERT_LEVEL_EN = '{level, select, critical {critical threshold} other {watch threshold}}'
const CHANGE_EN = `{direction, select, down {down} other {up}} {change, ${ONE}}%`

export const kpi = defineDict({
  vi: {
    // training needs (app/kpi/training.server.ts)
    'training.reason.NEWLY_DEVOLVED': 'Thủ tục mới phân cấp cho cấp xã từ 01/7/2025',
    'training.reason.HIGH_VOLUME': 'Số lượng lớn: {received, plural, other {# hồ sơ}} tiếp nhận',
    'training.reason.SUPPLEMENT_RATE': `{count, number}/{received, plural, other {# hồ sơ}} ({rate, ${PCT}}) phải bổ sung (ngưỡng {threshold, ${PCT}})`,
    'training.reason.LATE_RATE': `{count, number}/{received, plural, other {# hồ sơ}} ({rate, ${PCT}}) trễ hạn (ngưỡng {threshold, ${PCT}})`,
    // equipment priority (app/kpi/equipment.server.ts)
    'equip.reason.MERGED': `Xã/phường hình thành sau sắp xếp 2025 (+{adds, ${DEC}})`,
    'equip.reason.DISADVANTAGED': `Địa bàn khó khăn (+{adds, ${DEC}})`,
    'equip.reason.LOAD': `Tải {perDay, ${DEC}} hồ sơ/ngày làm việc = {loadIndex, ${PCT}} mức cao nhất tỉnh (+{adds, ${DEC}})`,
    'equip.reason.DIGITISATION': `Tỷ lệ số hóa hồ sơ {share, ${PCT}} (+{adds, ${DEC}})`,
    // overload and performance signals (app/kpi/overload.ts)
    'overload.reason.UTILISATION': `Mức sử dụng công suất dự báo {value, ${PCT}} (${LEVEL_VI} {threshold, ${PCT}}).`,
    'overload.reason.WAIT_OVER_TARGET': `Xác suất người dân phải chờ quá thời gian mục tiêu là {value, ${PCT}} (${LEVEL_VI} {threshold, ${PCT}}).`,
    'overload.reason.NEARLY_DUE_OVER_CAPACITY': `{value, plural, other {# hồ sơ}} sắp đến hạn, vượt năng lực xử lý {days, plural, other {# ngày}} làm việc ({threshold, plural, other {# hồ sơ}}).`,
    'overload.reason.BACKLOG_GROWTH': `Hồ sơ tồn đọng ${CHANGE_VI} so với kỳ trước (${LEVEL_VI} {threshold, ${ONE}}%).`,
    'overload.reason.FORECAST_GROWTH': `Dự báo lượng hồ sơ tiếp nhận ${CHANGE_VI} (${LEVEL_VI} {threshold, ${ONE}}%).`,
    'overload.reason.OVERDUE_SHARE': `{overdue, ${ONE}}/{open, plural, other {# hồ sơ}} đang xử lý đã quá hạn ({value, ${PCT}}; ${LEVEL_VI} {threshold, ${PCT}}).`,
    // alerts (app/kpi/alerts.server.ts): the KPI's name, and the line "<KPI>: value (threshold)" by the KPI's unit
    'alert.kpi.late_rate': 'Tỷ lệ trễ hạn',
    'alert.kpi.on_time_rate': 'Tỷ lệ đúng hạn',
    'alert.kpi.overdue_open': 'Hồ sơ đang quá hạn',
    'alert.kpi.utilisation': 'Mức sử dụng công suất (dự báo)',
    'alert.kpi.satisfied_share': 'Tỷ lệ hài lòng',
    'alert.kpi.harassment_complaints': 'Phản ánh nhũng nhiễu',
    'alert.line.ratio': `{label}: {value, ${PCT}} (${ALERT_LEVEL_VI} {threshold, ${PCT}})`,
    'alert.line.count': `{label}: {value, ${DEC}} (${ALERT_LEVEL_VI} {threshold, ${DEC}})`,
  },
  en: {
    'training.reason.NEWLY_DEVOLVED': 'Newly devolved to communes on 1 July 2025',
    'training.reason.HIGH_VOLUME': 'High volume: {received, plural, one {# dossier} other {# dossiers}} received',
    'training.reason.SUPPLEMENT_RATE': `{count, number} of {received, plural, one {# dossier} other {# dossiers}} ({rate, ${PCT}}) asked for a supplement (threshold {threshold, ${PCT}})`,
    'training.reason.LATE_RATE': `{count, number} of {received, plural, one {# dossier} other {# dossiers}} ({rate, ${PCT}}) late (threshold {threshold, ${PCT}})`,
    'equip.reason.MERGED': `Formed by the 2025 merger (+{adds, ${DEC}})`,
    'equip.reason.DISADVANTAGED': `Disadvantaged area (+{adds, ${DEC}})`,
    'equip.reason.LOAD': `Load {perDay, ${DEC}} dossiers per working day = {loadIndex, ${PCT}} of the province's highest (+{adds, ${DEC}})`,
    'equip.reason.DIGITISATION': `Dossiers digitised {share, ${PCT}} (+{adds, ${DEC}})`,
    'overload.reason.UTILISATION': `Predicted capacity utilisation is {value, ${PCT}} (${LEVEL_EN} {threshold, ${PCT}}).`,
    'overload.reason.WAIT_OVER_TARGET': `Probability of waiting longer than the target is {value, ${PCT}} (${LEVEL_EN} {threshold, ${PCT}}).`,
    'overload.reason.NEARLY_DUE_OVER_CAPACITY': `{value, plural, one {# dossier} other {# dossiers}} nearly due, more than {days, plural, one {# working day} other {# working days}} of capacity ({threshold, plural, one {# dossier} other {# dossiers}}).`,
    'overload.reason.BACKLOG_GROWTH': `Open dossiers ${CHANGE_EN} on the previous period (${LEVEL_EN} {threshold, ${ONE}}%).`,
    'overload.reason.FORECAST_GROWTH': `Forecast intake ${CHANGE_EN} (${LEVEL_EN} {threshold, ${ONE}}%).`,
    'overload.reason.OVERDUE_SHARE': `{overdue, ${ONE}} of {open, plural, one {# open dossier} other {# open dossiers}} are overdue ({value, ${PCT}}; ${LEVEL_EN} {threshold, ${PCT}}).`,
    'alert.kpi.late_rate': 'Late rate',
    'alert.kpi.on_time_rate': 'On-time rate',
    'alert.kpi.overdue_open': 'Open dossiers overdue',
    'alert.kpi.utilisation': 'Predicted capacity utilisation',
    'alert.kpi.satisfied_share': 'Share satisfied',
    'alert.kpi.harassment_complaints': 'Harassment complaints',
    'alert.line.ratio': `{label}: {value, ${PCT}} (${ALERT_LEVEL_EN} {threshold, ${PCT}})`,
    'alert.line.count': `{label}: {value, ${DEC}} (${ALERT_LEVEL_EN} {threshold, ${DEC}})`,
  },
})
