/**
 * iGate dossier objects in the recorded shape (docs/design.md §6.3; fields as mapping.ts reads them), for the fake iGate: names as
 * translation lists, times in UTC with `+0000`, steps with their assignee, and the applicant's personal data
 * (which the adapter must drop: tests look for these values in everything stored).
 */
import type { IgateDossier } from './igate-fake.ts'

/** Personal data planted in every fixture: none of these strings may reach a store. */
export const PERSONAL = {
  fullname: 'Nguyễn Thị Bình An',
  identityNumber: '044190012345',
  phoneNumber: '0912345678',
  email: 'binhan@example.vn',
}

/** 2026-03-02 08:00 in Vietnam = 01:00 UTC; `utc(h)` is that day + h hours, iGate's format. */
export const utc = (hours: number, day = '2026-03-02') =>
  new Date(Date.parse(`${day}T01:00:00.000Z`) + hours * 3600_000).toISOString().replace('Z', '+0000')

export interface IgateFixture {
  n: number
  agency?: string
  status?: number
  statusName?: string
  apply?: number
  accepted?: string | null
  updated?: string
  appointment?: string | null
  completed?: string | null
  returned?: string | null
  assignee?: string
}

export function igateDossier(f: IgateFixture): IgateDossier {
  const id = `65f0a1b2c3d4e5f6a7b8${String(f.n).padStart(4, '0')}`
  const accepted = f.accepted === undefined ? utc(f.n) : f.accepted
  // Due three days after reception (a fixed day when there is no reception yet).
  const due = new Date(Date.parse((accepted ?? utc(f.n)).replace('+0000', 'Z')) + 72 * 3600_000).toISOString().replace('Z', '+0000')
  return {
    id,
    code: `H56.18904-260302-${String(f.n).padStart(4, '0')}`,
    nationCode: f.n % 2 ? `G22.99-260302-${String(f.n).padStart(6, '0')}` : null,
    dossierStatus: { id: f.status ?? 2, name: [{ languageId: 228, name: f.statusName ?? 'Đang xử lý' }] },
    dossierTaskStatus: { id: '60ebf17309cbf91d41f87f8e', name: [{ languageId: 228, name: 'Đang xử lý' }] },
    applyMethod: { id: f.apply ?? 1, name: 'Trực tiếp' },
    applicant: { eformId: 'ef-1', data: { ...PERSONAL, address: 'Thôn 3, xã Dân Hóa', birthday: '1990-05-01' } },
    eForm: { id: 'ef-2', data: { hoTenNguoiNop: PERSONAL.fullname, soCCCD: PERSONAL.identityNumber } },
    procedure: {
      id: 'p-1193',
      code: '1.001193.000.00.00.H56',
      translate: [{ languageId: 228, name: 'Đăng ký khai sinh' }],
      sector: { id: 's-ht', code: 'ho_tich', name: [{ languageId: 228, name: 'Hộ tịch' }] },
    },
    agency: { id: 'a-1', code: f.agency ?? '18904', name: [{ languageId: 228, name: 'UBND xã Dân Hóa' }], parent: { id: 'tinh-qt' } },
    appliedDate: accepted,
    acceptedDate: accepted,
    appointmentDate: f.appointment === undefined ? due : f.appointment,
    dueDate: due,
    completedDate: f.completed ?? null,
    returnedDate: f.returned ?? null,
    processingTime: 3,
    processingTimeUnit: 'd',
    updatedDate: f.updated ?? accepted ?? utc(f.n),
    task: [
      {
        id: `t-${f.n}-1`,
        assignee: { id: 'u-18904-09', fullname: 'Lê Văn Cũ', account: { username: 'levancu' } },
        candidateGroup: [{ id: 'g-1', name: [{ languageId: 228, name: 'Bộ phận một cửa' }] }],
        isCurrent: 0,
        createdDate: accepted,
        updatedDate: accepted,
        bpmProcessDefinitionTask: { processingTime: 4, processingTimeUnit: 'h' },
      },
    ],
    currentTask: [
      {
        id: `t-${f.n}-2`,
        assignee: { id: f.assignee ?? 'u-18904-01', fullname: 'Trần Văn Xử Lý', account: { username: 'tranvanxuly' } },
        isCurrent: 1,
        createdDate: f.updated ?? accepted,
        updatedDate: f.updated ?? accepted,
        bpmProcessDefinitionTask: { processingTime: 2, processingTimeUnit: 'd' },
      },
    ],
  }
}
