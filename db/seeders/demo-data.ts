/**
 * @module
 * Demo data for `npm start` and the browser tests: one province after the 2025 reorganisation, a few
 * departments and communes, the press-management department, demo users of every role and two reporters
 * (one resident, one not). All names are fictional.
 */
import type { LetterheadFields } from '../../domain/supervision/letterhead.ts';
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
    sub: 'vhttdl-kiem-tra',
    name: 'Lê Thị Thu Trang',
    roles: ['auditor'],
    agencyId: 'qt-so-vhttdl',
    title: 'Thanh tra, Sở VHTTDL',
    description: 'Chỉ xem: việc tồn đọng, thống kê, báo cáo của tỉnh',
  },
  {
    sub: 'admin-quang-tri',
    name: 'Quản trị hệ thống',
    roles: ['admin'],
    agencyId: 'quang-tri',
    title: 'Quản trị, UBND tỉnh',
    description: 'Quản lý danh mục',
  },
  {
    // Central because the registry records bo-vhttdl as a central agency, not because a province is missing.
    sub: 'admin-trung-uong',
    name: 'Trịnh Minh Long',
    roles: ['admin'],
    agencyId: 'bo-vhttdl',
    title: 'Quản trị trung ương, Cục Báo chí',
    description: 'Danh bạ người phát ngôn toàn quốc, luồng thay đổi, nhà báo mọi tỉnh',
  },
  {
    sub: 'bo-kiem-tra',
    name: 'Phan Văn Tuấn',
    roles: ['auditor'],
    agencyId: 'bo-vhttdl',
    title: 'Kiểm tra, Cục Báo chí',
    description: 'Chỉ xem, mọi tỉnh',
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

export interface DemoSpokesperson {
  id: string;
  agencyId: string;
  fullName: string;
  roleType: 'head' | 'spokesperson' | 'authorized';
  title: string;
  phone: string;
  email: string;
  termStart: string;
  topics: string;
}

export const DEMO_SPOKESPERSONS: DemoSpokesperson[] = [
  {
    id: 'sp-qt-ubnd',
    agencyId: 'quang-tri',
    fullName: 'Trương Quốc Bảo',
    roleType: 'spokesperson',
    title: 'Chánh Văn phòng UBND tỉnh',
    phone: '0232 3822 001',
    email: 'vanphong@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Chỉ đạo, điều hành chung của UBND tỉnh',
  },
  {
    id: 'sp-qt-yte',
    agencyId: 'qt-so-yte',
    fullName: 'Hoàng Minh Đức',
    roleType: 'spokesperson',
    title: 'Phó Giám đốc Sở Y tế',
    phone: '0232 3822 101',
    email: 'phatngon.syt@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Y tế, dịch bệnh, khám chữa bệnh, an toàn thực phẩm',
  },
  {
    id: 'sp-qt-yte-head',
    agencyId: 'qt-so-yte',
    fullName: 'Võ Thị Hà',
    roleType: 'head',
    title: 'Giám đốc Sở Y tế',
    phone: '0232 3822 100',
    email: 'giamdoc.syt@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Y tế',
  },
  {
    id: 'sp-qt-xd',
    agencyId: 'qt-so-xay-dung',
    fullName: 'Lê Văn Nguyên',
    roleType: 'head',
    title: 'Giám đốc Sở Xây dựng',
    phone: '0232 3822 201',
    email: 'sxd@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Quy hoạch, xây dựng, giao thông đô thị',
  },
  {
    id: 'sp-qt-vhttdl',
    agencyId: 'qt-so-vhttdl',
    fullName: 'Nguyễn Thị Thu Hương',
    roleType: 'spokesperson',
    title: 'Phó Giám đốc Sở VHTTDL',
    phone: '0232 3822 301',
    email: 'svhttdl@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Báo chí, xuất bản, văn hóa, du lịch',
  },
  {
    id: 'sp-qt-dong-hoi',
    agencyId: 'qt-phuong-dong-hoi',
    fullName: 'Đinh Công Thành',
    roleType: 'head',
    title: 'Chủ tịch UBND phường Đồng Hới',
    phone: '0232 3822 401',
    email: 'donghoi@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Đô thị, đất đai, an sinh trên địa bàn phường',
  },
  {
    id: 'sp-qt-bo-trach',
    agencyId: 'qt-xa-bo-trach',
    fullName: 'Phan Thị Mỹ Lệ',
    roleType: 'head',
    title: 'Chủ tịch UBND xã Bố Trạch',
    phone: '0232 3822 501',
    email: 'botrach@quangtri.gov.vn',
    termStart: '2025-07-01',
    topics: 'Nông nghiệp, đất đai, an sinh trên địa bàn xã',
  },
  {
    id: 'sp-hue-yte',
    agencyId: 'hue-so-yte',
    fullName: 'Nguyễn Văn An',
    roleType: 'spokesperson',
    title: 'Phó Giám đốc Sở Y tế thành phố Huế',
    phone: '0234 3822 101',
    email: 'syt@hue.gov.vn',
    termStart: '2025-07-01',
    topics: 'Y tế',
  },
];

/** The press-management department's letterhead for its formal reminder letters (Decree 30/2020 layout). */
export const DEMO_LETTERHEADS: (LetterheadFields & { departmentId: string })[] = [
  {
    departmentId: 'qt-so-vhttdl',
    parentBody: 'Ủy ban nhân dân tỉnh Quảng Trị',
    // The line break is where the header breaks the name (the closing sentence reads it as a space).
    issuingBody: 'Sở Văn hóa, Thể thao\nvà Du lịch',
    symbol: 'SVHTTDL-QLBC',
    place: 'Quảng Trị',
    signerAuthority: 'KT. GIÁM ĐỐC',
    signerTitle: 'Phó Giám đốc',
    signerName: 'Nguyễn Văn Minh',
    copyTo: ['UBND tỉnh (b/c)', 'Giám đốc Sở (b/c)'],
  },
];
