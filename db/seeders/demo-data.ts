/**
 * @module
 * Demo data for `npm start` and the browser tests: one province after the 2025 reorganisation, a few
 * departments and communes, the press-management department, demo users of every role and two reporters
 * (one resident, one not). All names are fictional.
 */
import type { AgencyKind, AgencyLevel, Role } from '../../domain/vocabulary.ts';

export const DEMO_PROVINCE_ID = 'quang-tri';

export interface DemoAgency {
  id: string;
  name: string;
  nameEn: string;
  level: AgencyLevel;
  kind: AgencyKind;
  parentId: string | null;
  provinceId: string | null;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    id: 'bo-vhttdl',
    name: 'Bộ Văn hóa, Thể thao và Du lịch',
    nameEn: 'Ministry of Culture, Sports and Tourism',
    level: 'central',
    kind: 'ministry',
    parentId: null,
    provinceId: null,
  },
  {
    id: 'quang-tri',
    name: 'UBND tỉnh Quảng Trị',
    nameEn: "Quang Tri Provincial People's Committee",
    level: 'province',
    kind: 'provincial_peoples_committee',
    parentId: null,
    provinceId: 'quang-tri',
  },
  {
    id: 'qt-so-vhttdl',
    name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Trị',
    nameEn: 'Quang Tri Department of Culture, Sports and Tourism',
    level: 'province',
    kind: 'press_management_department',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
  },
  {
    id: 'qt-so-yte',
    name: 'Sở Y tế tỉnh Quảng Trị',
    nameEn: 'Quang Tri Department of Health',
    level: 'province',
    kind: 'department',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
  },
  {
    id: 'qt-so-xay-dung',
    name: 'Sở Xây dựng tỉnh Quảng Trị',
    nameEn: 'Quang Tri Department of Construction',
    level: 'province',
    kind: 'department',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
  },
  {
    id: 'qt-thue',
    name: 'Thuế tỉnh Quảng Trị',
    nameEn: 'Quang Tri Tax Office',
    level: 'province',
    kind: 'vertical_unit',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
  },
  {
    id: 'qt-phuong-dong-hoi',
    name: 'UBND phường Đồng Hới',
    nameEn: "Dong Hoi Ward People's Committee",
    level: 'commune',
    kind: 'commune_peoples_committee',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
  },
  {
    id: 'qt-xa-bo-trach',
    name: 'UBND xã Bố Trạch',
    nameEn: "Bo Trach Commune People's Committee",
    level: 'commune',
    kind: 'commune_peoples_committee',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
  },
  {
    id: 'hue',
    name: 'UBND thành phố Huế',
    nameEn: "Hue City People's Committee",
    level: 'province',
    kind: 'provincial_peoples_committee',
    parentId: null,
    provinceId: 'hue',
  },
  {
    id: 'hue-so-yte',
    name: 'Sở Y tế thành phố Huế',
    nameEn: 'Hue Department of Health',
    level: 'province',
    kind: 'department',
    parentId: 'hue',
    provinceId: 'hue',
  },
];

export interface DemoUser {
  sub: string;
  name: string;
  roles: Role[];
  agencyId: string | null;
  title: string;
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    sub: 'pv-nguyen-van-an',
    name: 'Nguyễn Văn An',
    roles: ['journalist'],
    agencyId: null,
    title: 'Phóng viên thường trú, Báo Nhân Dân',
    description: 'Phóng viên thường trú tại Quảng Trị — gửi được yêu cầu cung cấp thông tin',
  },
  {
    sub: 'pv-tran-thi-binh',
    name: 'Trần Thị Bình',
    roles: ['journalist'],
    agencyId: null,
    title: 'Phóng viên, Báo Tuổi Trẻ',
    description: 'Không thường trú tại Quảng Trị — phải đề xuất lịch làm việc',
  },
  {
    sub: 'yte-van-thu',
    name: 'Lê Thị Cúc',
    roles: ['agency_staff'],
    agencyId: 'qt-so-yte',
    title: 'Văn thư, Sở Y tế',
    description: 'Đầu mối tiếp nhận, phân công',
  },
  {
    sub: 'yte-chuyen-vien',
    name: 'Phạm Văn Dũng',
    roles: ['agency_staff'],
    agencyId: 'qt-so-yte',
    title: 'Chuyên viên, Sở Y tế',
    description: 'Soạn thảo trả lời',
  },
  {
    sub: 'yte-phat-ngon',
    name: 'Hoàng Minh Đức',
    roles: ['spokesperson'],
    agencyId: 'qt-so-yte',
    title: 'Người phát ngôn, Sở Y tế',
    description: 'Duyệt trả lời',
  },
  {
    sub: 'yte-giam-doc',
    name: 'Võ Thị Hà',
    roles: ['agency_head'],
    agencyId: 'qt-so-yte',
    title: 'Giám đốc Sở Y tế',
    description: 'Thủ trưởng cơ quan',
  },
  {
    sub: 'xd-van-thu',
    name: 'Ngô Văn Khánh',
    roles: ['agency_staff'],
    agencyId: 'qt-so-xay-dung',
    title: 'Văn thư, Sở Xây dựng',
    description: 'Cơ quan khác — không thấy yêu cầu của Sở Y tế',
  },
  {
    sub: 'vhttdl-giam-sat',
    name: 'Đặng Quốc Huy',
    roles: ['supervisor'],
    agencyId: 'qt-so-vhttdl',
    title: 'Phòng Báo chí, Sở VHTTDL',
    description: 'Theo dõi, đôn đốc các cơ quan trong tỉnh',
  },
  {
    sub: 'admin-quang-tri',
    name: 'Quản trị hệ thống',
    roles: ['admin'],
    agencyId: 'quang-tri',
    title: 'Quản trị, UBND tỉnh',
    description: 'Quản lý danh mục',
  },
];

export interface DemoJournalist {
  id: string;
  sub: string;
  fullName: string;
  pressOrganisation: string;
  pressCardNumber: string;
  pressCardExpiresOn: string;
  email: string;
  phone: string;
  residentIn: { provinceId: string; validFrom: string; validTo: string } | null;
}

export const DEMO_JOURNALISTS: DemoJournalist[] = [
  {
    id: 'nb-0001',
    sub: 'pv-nguyen-van-an',
    fullName: 'Nguyễn Văn An',
    pressOrganisation: 'Báo Nhân Dân',
    pressCardNumber: 'ND-12345',
    pressCardExpiresOn: '2030-12-31',
    email: 'an.nguyen@example.vn',
    phone: '0912 000 001',
    residentIn: { provinceId: DEMO_PROVINCE_ID, validFrom: '2025-07-01', validTo: '2030-06-30' },
  },
  {
    id: 'nb-0002',
    sub: 'pv-tran-thi-binh',
    fullName: 'Trần Thị Bình',
    pressOrganisation: 'Báo Tuổi Trẻ',
    pressCardNumber: 'TT-67890',
    pressCardExpiresOn: '2030-12-31',
    email: 'binh.tran@example.vn',
    phone: '0912 000 002',
    residentIn: null,
  },
];
