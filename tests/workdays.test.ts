import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../db/lib/csv'
import { WorkCalendar, addDays, dayOfWeek, toLocalYmd } from '../db/lib/workdays'
import { parseHolidaysCsv } from '../db/lib/holidays-csv.ts'

const csvText = readFileSync(fileURLToPath(new URL('../db/reference/vn-holidays.csv', import.meta.url)), 'utf8')
const cal = new WorkCalendar(parseHolidaysCsv(csvText))

describe('parseCsv', () => {
  it('handles a BOM, quoted commas, doubled quotes, CRLF and blank lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,,"multi\nline"\n'
    expect(parseCsv(text)).toEqual([
      { a: '1', b: 'x, y', c: 'say "hi"' },
      { a: '2', b: '', c: 'multi\nline' },
    ])
  })

  it('fills missing trailing columns with empty strings and keeps a last line without newline', () => {
    expect(parseCsv('a,b\n1')).toEqual([{ a: '1', b: '' }])
  })

  it('rejects broken input instead of guessing', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated/)
    expect(() => parseCsv('a\n"x"y')).toThrow(/after closing quote/)
    expect(() => parseCsv('a\n1,2')).toThrow(/2 fields/)
  })

  it('can fold unquoted commas of one free-text column back into it', () => {
    expect(() => parseCsv('d,name,kind\n1,a, b,x\n')).toThrow(/3 fields|4 fields/)
    expect(parseCsv('d,name,kind\n1,a, b,x\n2,c,y\n', { overflowColumn: 'name' })).toEqual([
      { d: '1', name: 'a, b', kind: 'x' },
      { d: '2', name: 'c', kind: 'y' },
    ])
  })

  it('reads the real holidays file (quoted commas in `source`, two unquoted ones in `name`)', () => {
    const rows = parseHolidaysCsv(csvText)
    expect(rows.length).toBe(52)
    expect(rows[0]).toEqual({
      date: '2024-01-01',
      kind: 'holiday',
      name: 'Tết Dương lịch',
      source:
        'https://dbndnghean.vn/lich-nghi-tet-duong-lich-2024-duoc-nghi-3-ngay-10356.htm (citing vietnamnet: 1/1/2024 is a Monday, 3-day break with the weekend)',
    })
    expect(rows[3]).toEqual({
      date: '2024-02-10',
      kind: 'holiday',
      name: 'Tết Nguyên đán Giáp Thìn (mùng 1, Sat)',
      source:
        'https://sucsongtre.vn/doi-song/can-bo-cong-chuc-vien-chuc-nguoi-lao-dong-nghi-tet-nguyen-dan-giap-thin-7-ngay.html (MoLISA notice: off Thu 8/2/2024 = 29 Chạp Quý Mão to Wed 14/2/2024 = mùng 5 Giáp Thìn; 5 Tết days + 2 compensatory days)',
    })
    expect(rows.filter((r) => r.kind === 'makeup_workday').map((r) => r.date)).toEqual([
      '2024-05-04',
      '2025-04-26',
      '2026-01-10',
      '2026-08-22',
    ])
  })
})

describe('WorkCalendar on the real vn-holidays.csv', () => {
  it('Tết Bính Ngọ 2026: 2026-02-13 → 2026-02-24 is 2 working days', () => {
    // CSV rows: 2026-02-16 … 2026-02-20 (Mon–Fri) are `holiday` (29 Chạp … mùng 4).
    // (Fri 13, Tue 24] = Sat 14, Sun 15                → weekend, 0
    //                    Mon 16 … Fri 20              → Tết holidays, 0
    //                    Sat 21, Sun 22               → weekend, 0
    //                    Mon 23, Tue 24               → 2 working days
    // total = 2 (a naive Mon–Fri count would say 7).
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2)
    expect(cal.workingDaysBetween('2026-02-24', '2026-02-13')).toBe(-2)
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(cal.isWorkingDay(d)).toBe(false)
    }
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23')
    expect(cal.addWorkingDays('2026-02-23', -1)).toBe('2026-02-13')
  })

  it('a make-up Saturday counts; an ordinary Saturday does not', () => {
    expect(dayOfWeek('2026-01-10')).toBe(6)
    expect(cal.isWorkingDay('2026-01-10')).toBe(true) // làm bù cho ngày 2/1
    expect(cal.isWorkingDay('2026-01-17')).toBe(false)
    // (Fri 9, Mon 12] = Sat 10 (make-up) + Sun 11 (off) + Mon 12 = 2
    expect(cal.workingDaysBetween('2026-01-09', '2026-01-12')).toBe(2)
    // (Fri 16, Mon 19] = Sat 17 + Sun 18 (both off) + Mon 19 = 1
    expect(cal.workingDaysBetween('2026-01-16', '2026-01-19')).toBe(1)
  })

  it('National Day 2025: 1 and 2 September are off', () => {
    expect(cal.isWorkingDay('2025-09-02')).toBe(false)
    expect(cal.isWorkingDay('2025-09-01')).toBe(false)
    expect(cal.isWorkingDay('2025-09-03')).toBe(true)
    // (Fri 29 Aug, Wed 3 Sep] = Sat, Sun, Mon 1 (off), Tue 2 (off), Wed 3 = 1
    expect(cal.workingDaysBetween('2025-08-29', '2025-09-03')).toBe(1)
  })

  it('counts the whole of 2026: 249 working days', () => {
    // 2026 starts on a Thursday: 52 full weeks + Thu 31 Dec → 52×5 + 1 = 261 weekdays.
    // Weekday days off: 1/1, 2/1, 16–20/2 (5), 27/4, 30/4, 1/5, 31/8, 1/9, 2/9, 24/11 = 14
    // (Giỗ Tổ 26/4 is a Sunday: already off). Make-up Saturdays: 10/1, 22/8 = +2.
    // 261 − 14 + 2 = 249.
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(249)
  })

  it('workdaySeq is a cumulative index from 2020-01-01', () => {
    expect(cal.workdaySeq('2020-01-01')).toBe(1) // Wednesday (the CSV starts in 2024)
    expect(cal.workdaySeq('2019-12-31')).toBe(0)
    expect(cal.workdaySeq('2019-12-30')).toBe(-1) // Tue 31 Dec lies in (30 Dec, epoch)
    // Wed 1, Thu 2, Fri 3, Mon 6, Tue 7
    expect(cal.workdaySeq('2020-01-07')).toBe(5)
  })

  it('seq differences agree with a day-by-day count over 2023–2028', () => {
    const start = '2023-06-01'
    const seqs: number[] = []
    const counts: number[] = []
    let running = 0
    for (let k = 0; k < 2000; k++) {
      const d = addDays(start, k)
      if (k > 0 && cal.isWorkingDay(d)) running++
      counts.push(running)
      seqs.push(cal.workdaySeq(d))
    }
    for (let k = 0; k < 2000; k += 37) {
      for (let j = k; j < 2000; j += 101) {
        expect(seqs[j] - seqs[k]).toBe(counts[j] - counts[k])
      }
    }
  })

  it('nextWorkingDays skips Giỗ Tổ, its compensatory Monday, 30/4 and 1/5 2026', () => {
    expect(cal.nextWorkingDays('2026-04-24', 3)).toEqual(['2026-04-28', '2026-04-29', '2026-05-04'])
    expect(cal.addWorkingDays('2026-04-24', 0)).toBe('2026-04-24')
  })

  it('toLocalYmd reads instants in Asia/Ho_Chi_Minh (UTC+7)', () => {
    expect(toLocalYmd('2025-06-30T17:30:00Z')).toBe('2025-07-01') // the merger day, local time
    expect(toLocalYmd('2025-06-30T16:59:59Z')).toBe('2025-06-30')
    expect(toLocalYmd('2025-07-01T00:10:00+07:00')).toBe('2025-07-01')
    expect(toLocalYmd(new Date(Date.UTC(2025, 11, 31, 17, 0, 0)))).toBe('2026-01-01')
    expect(toLocalYmd('2026-02-17')).toBe('2026-02-17')
    expect(() => toLocalYmd('not a date')).toThrow()
  })

  it('rejects impossible dates and unknown kinds', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow()
    expect(() => parseHolidaysCsv('date,name,kind\n2026-01-01,x,party\n')).toThrow(/unknown kind/)
  })
})
