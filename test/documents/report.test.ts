import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../api/services/csv.ts';
import {
  KIND_LABELS,
  parseReportPeriod,
  REPORT_CSV_HEADERS,
  REPORT_DEFINITIONS,
  renderOverdueCsv,
  renderReportCsv,
  renderReportXlsx,
  sheetName,
  type AgencyRow,
  type ProvinceReport,
} from '../../documents/report/index.ts';

const clocks = (
  first_response: number | null,
  answer: number | null,
  record_result: number | null = null,
) => ({
  first_response,
  answer,
  record_result,
});

const agency = (over: Partial<AgencyRow> & Pick<AgencyRow, 'agencyId' | 'agencyName'>): AgencyRow => ({
  received: 10,
  onTimeRate: clocks(0.8, 0.5),
  medianWorkingDays: clocks(1, 4.5),
  p90WorkingDays: clocks(2, 9),
  openNow: 3,
  overdueNow: 1,
  remindersReceived: 2,
  suppressed: false,
  ...over,
});

const report: ProvinceReport = {
  provinceId: 'lao-cai',
  provinceName: 'Tỉnh Lào Cai',
  period: parseReportPeriod('2026-Q4')!,
  generatedAt: '2026-12-31T17:30:00Z', // 01/01/2027 00:30 in Vietnam
  minimumN: 5,
  definitions: [...REPORT_DEFINITIONS],
  kinds: [
    {
      kind: 'information_request',
      label: KIND_LABELS.information_request,
      agencies: [
        agency({ agencyId: 'so-tai-chinh', agencyName: 'Sở Tài chính' }),
        agency({
          agencyId: 'ubnd-xa-bac-ha',
          agencyName: 'Ủy ban nhân dân xã Bắc Hà, "Lào Cai"',
          received: 3,
          // Suppressed although figures were passed: the renderer must leave them blank anyway.
          onTimeRate: clocks(1, 1),
          medianWorkingDays: clocks(2, 3),
          p90WorkingDays: clocks(2, 3),
          openNow: 2,
          overdueNow: 2,
          remindersReceived: 4,
          suppressed: true,
        }),
      ],
    },
    {
      kind: 'appointment',
      label: 'Đề nghị làm việc: lịch [tuần]/tháng*?',
      clocks: ['first_response', 'record_result'],
      agencies: [
        agency({
          agencyId: 'so-y-te',
          agencyName: 'Sở Y tế',
          onTimeRate: clocks(null, null, 0.25),
          medianWorkingDays: clocks(null, null, 2),
          p90WorkingDays: clocks(null, null, 6),
        }),
      ],
    },
  ],
  overdue: [
    {
      contactId: 'ct-001',
      kind: 'information_request',
      kindLabel: KIND_LABELS.information_request,
      agencyId: 'so-tai-chinh',
      agencyName: 'Sở Tài chính',
      subject: '=HYPERLINK("http://x")',
      status: 'in_progress',
      statusLabel: 'Đang xử lý',
      clock: 'answer',
      dueAt: '2026-12-20T10:00:00Z', // 20/12/2026 17:00 in Vietnam
      workingDaysOverdue: 7,
      escalationLevel: 2,
    },
    {
      contactId: 'ct-002',
      kind: 'appointment',
      kindLabel: KIND_LABELS.appointment,
      agencyId: 'so-y-te',
      agencyName: 'Sở Y tế',
      subject: 'Tiến độ dự án đường cao tốc, "giai đoạn 2"; chi phí',
      status: 'submitted',
      clock: 'first_response',
      dueAt: '2026-12-29T16:59:00Z', // 29/12/2026 23:59 in Vietnam
      workingDaysOverdue: 1,
      escalationLevel: 0,
    },
  ],
};

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);

describe('parseReportPeriod', () => {
  it.each([
    ['2026-11', '2026-11-01', '2026-11-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026', '2026-01-01', '2026-12-31'],
    ['2000', '2000-01-01', '2000-12-31'],
  ])('%s covers %s to %s', (label, from, to) => {
    expect(parseReportPeriod(label)).toEqual({ label, from, to });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-Q5',
    '2026-Q0',
    '2026-q4',
    '26',
    '2026-1',
    ' 2026',
    '2026 ',
    '1999',
    '2101',
    '2026-11-01',
    '2026-Q',
    '2026/11',
    '',
    '２０２６',
  ])('refuses %j', (label) => {
    expect(parseReportPeriod(label)).toBeUndefined();
  });
});

describe('REPORT_DEFINITIONS', () => {
  it('defines every figure, Vietnamese first and English after', () => {
    const terms = REPORT_DEFINITIONS.map((d) => d.term).join(' | ');
    for (const term of ['Tỷ lệ đúng hạn', 'Trung vị', 'P90', 'Đang mở', 'Quá hạn', 'Số lần đôn đốc', 'Ẩn'])
      expect(terms).toContain(term);
    for (const d of REPORT_DEFINITIONS) {
      const [vi, en, more] = d.text.split('\n');
      expect(more).toBeUndefined();
      expect(vi).toMatch(/[ạảãàáâậầấẩẫăặằắẳẵđệềếểễộồốổỗơợờớởỡưựừứửữ]/);
      expect(en!.replace('Tết', 'Tet')).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(REPORT_DEFINITIONS[1]!.text).toMatch(/không tính ngày tiếp nhận/);
    expect(REPORT_DEFINITIONS[1]!.text).toMatch(/day of receipt is not counted/);
  });
});

describe('sheetName', () => {
  it('removes forbidden characters, keeps 31 characters and stays unique ignoring case', () => {
    const taken = new Set(['tổng hợp']);
    expect(sheetName("'a[b]:c*d?e/f\\g'", taken, 'x')).toBe('a b c d e f g');
    expect(sheetName('TỔNG HỢP', taken, 'x')).toBe('TỔNG HỢP (2)');
    const long = 'Phản ánh khó khăn, cản trở hoạt động báo chí';
    const first = sheetName(long, taken, 'x');
    const second = sheetName(long, taken, 'x');
    expect(first).toBe('Phản ánh khó khăn, cản trở hoạt');
    expect(first).toHaveLength(31);
    expect(second).toBe('Phản ánh khó khăn, cản trở (2)');
    expect(sheetName('History', taken, 'x')).toBe('History (2)');
    expect(sheetName('::', taken, 'walk_in')).toBe('walk_in');
  });
});

describe('renderReportXlsx', () => {
  it('has a cover, one sheet per kind and the overdue sheet, in order', async () => {
    const workbook = await readBack(await renderReportXlsx(report));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Tổng hợp',
      'Yêu cầu cung cấp thông tin',
      'Đề nghị làm việc lịch tuần thán',
      'Quá hạn',
    ]);
  });

  it('prints the province, period, Vietnam time, minimum n and definitions on the cover', async () => {
    const cover = (await readBack(await renderReportXlsx(report))).getWorksheet('Tổng hợp')!;
    const pairs = new Map<string, ExcelJS.CellValue>();
    cover.eachRow((row) => pairs.set(row.getCell(1).text, row.getCell(2).value));
    expect(pairs.get('Tỉnh, thành phố')).toBe('Tỉnh Lào Cai (lao-cai)');
    expect(pairs.get('Kỳ báo cáo')).toBe('2026-Q4: từ 01/10/2026 đến 31/12/2026');
    expect(pairs.get('Thời điểm lập (giờ Việt Nam)')).toBe('01/01/2027 00:30');
    expect(pairs.get('Số hồ sơ tối thiểu để công bố tỷ lệ')).toBe(5);
    expect(pairs.get('Hồ sơ quá hạn tại thời điểm lập')).toBe(2);
    for (const d of REPORT_DEFINITIONS) expect(pairs.get(d.term)).toBe(d.text);
  });

  it('writes a kind sheet with bold, frozen, filtered headers, percent rates and blank suppressed figures', async () => {
    const sheet = (await readBack(await renderReportXlsx(report))).getWorksheet(
      'Yêu cầu cung cấp thông tin',
    )!;
    expect(rowValues(sheet, 1)).toEqual([
      'Mã cơ quan',
      'Cơ quan',
      'Tiếp nhận',
      'Tỷ lệ đúng hạn — Phản hồi đầu tiên',
      'Trung vị (ngày làm việc) — Phản hồi đầu tiên',
      'P90 (ngày làm việc) — Phản hồi đầu tiên',
      'Tỷ lệ đúng hạn — Trả lời',
      'Trung vị (ngày làm việc) — Trả lời',
      'P90 (ngày làm việc) — Trả lời',
      'Tỷ lệ đúng hạn — Ghi nhận kết quả',
      'Trung vị (ngày làm việc) — Ghi nhận kết quả',
      'P90 (ngày làm việc) — Ghi nhận kết quả',
      'Đang mở',
      'Quá hạn',
      'Số lần đôn đốc',
      'Ẩn (dưới ngưỡng)',
    ]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(sheet.autoFilter).toBe('A1:P1');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);

    const rate = sheet.getRow(2).getCell(4);
    expect(rate.value).toBe(0.8);
    expect(rate.numFmt).toBe('0.0%');
    expect(sheet.getRow(2).getCell(8).value).toBe(4.5);
    expect(rowValues(sheet, 2)).toEqual([
      'so-tai-chinh',
      'Sở Tài chính',
      10,
      0.8,
      1,
      2,
      0.5,
      4.5,
      9,
      undefined,
      undefined,
      undefined,
      3,
      1,
      2,
      'Không',
    ]);

    const suppressed = sheet.getRow(3);
    expect(suppressed.getCell(2).value).toBe('Ủy ban nhân dân xã Bắc Hà, "Lào Cai"');
    expect(suppressed.getCell(3).value).toBe(3);
    for (let c = 4; c <= 12; c++) expect(suppressed.getCell(c).value, `column ${c}`).toBeNull();
    expect([13, 14, 15, 16].map((c) => suppressed.getCell(c).value)).toEqual([2, 2, 4, 'Có']);
  });

  it('shows only the clocks a kind has when it names them', async () => {
    const sheet = (await readBack(await renderReportXlsx(report))).worksheets[2]!;
    expect(rowValues(sheet, 1)).toHaveLength(13);
    expect(rowValues(sheet, 1)[6]).toBe('Tỷ lệ đúng hạn — Ghi nhận kết quả');
    expect(sheet.getRow(2).getCell(7).value).toBe(0.25);
    expect(sheet.getRow(2).getCell(4).value).toBeNull();
  });

  it('lists the overdue contacts with due times as Vietnam-time dates and subjects as text', async () => {
    const sheet = (await readBack(await renderReportXlsx(report))).getWorksheet('Quá hạn')!;
    expect(rowValues(sheet, 1)).toEqual([
      'Mã hồ sơ',
      'Loại hồ sơ',
      'Mã cơ quan',
      'Cơ quan',
      'Nội dung',
      'Trạng thái',
      'Thời hạn',
      'Hạn xử lý (giờ Việt Nam)',
      'Số ngày làm việc quá hạn',
      'Mức đôn đốc',
    ]);
    expect(sheet.rowCount).toBe(3);
    const first = sheet.getRow(2);
    const subject = first.getCell(5);
    expect(subject.value).toBe('=HYPERLINK("http://x")');
    expect(subject.type).toBe(ExcelJS.ValueType.String);
    expect(subject.formula).toBeUndefined();
    expect(first.getCell(6).value).toBe('Đang xử lý');
    expect(first.getCell(7).value).toBe('Trả lời');
    const due = first.getCell(8);
    expect(due.type).toBe(ExcelJS.ValueType.Date);
    // Excel dates have no zone: the cell holds Vietnam's wall clock (17:00), read back as if UTC.
    expect((due.value as Date).toISOString()).toBe('2026-12-20T17:00:00.000Z');
    expect(due.numFmt).toBe('dd/mm/yyyy hh:mm');
    expect([first.getCell(9).value, first.getCell(10).value]).toEqual([7, 2]);

    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe('Đề nghị làm việc');
    expect(second.getCell(5).value).toBe('Tiến độ dự án đường cao tốc, "giai đoạn 2"; chi phí');
    expect(second.getCell(6).value).toBe('submitted');
    expect(second.getCell(7).value).toBe('Phản hồi đầu tiên');
    expect((second.getCell(8).value as Date).toISOString()).toBe('2026-12-29T23:59:00.000Z');
  });

  it('keeps every text that looks like a formula as a string cell', async () => {
    const hostile = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', ' =1', '＝1'];
    const bytes = await renderReportXlsx({
      ...report,
      kinds: [
        {
          ...report.kinds[0]!,
          agencies: hostile.map((h, i) => agency({ agencyId: `a${i}`, agencyName: h })),
        },
      ],
    });
    const sheet = (await readBack(bytes)).worksheets[1]!;
    hostile.forEach((h, i) => {
      const cell = sheet.getRow(i + 2).getCell(2);
      expect(cell.type, JSON.stringify(h)).toBe(ExcelJS.ValueType.String);
      // Line ends become Excel's LF.
      expect(cell.value).toBe(h.replace('\r', '\n'));
    });
  });

  it('reports progress per sheet, reaching the total when the bytes are ready', async () => {
    const calls: [number, number][] = [];
    await renderReportXlsx(report, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
  });
});

describe('renderReportCsv', () => {
  const decode = (csv: string) => parseCsv(csv.replace(/^\uFEFF/, ''), 1000, () => new Error('too many'));

  it('writes one row per agency per kind after a BOM and the header', () => {
    const csv = renderReportCsv(report);
    expect(csv.startsWith('\uFEFFMã loại,Loại hồ sơ,Mã cơ quan,Cơ quan,Tiếp nhận,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = decode(csv);
    expect(header).toEqual(REPORT_CSV_HEADERS);
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['information_request', 'so-tai-chinh'],
      ['information_request', 'ubnd-xa-bac-ha'],
      ['appointment', 'so-y-te'],
    ]);
    expect(rows[0]).toEqual([
      'information_request',
      'Yêu cầu cung cấp thông tin',
      'so-tai-chinh',
      'Sở Tài chính',
      '10',
      '0.8',
      '1',
      '2',
      '0.5',
      '4.5',
      '9',
      '',
      '',
      '',
      '3',
      '1',
      '2',
      'Không',
    ]);
    // Suppressed: counts kept, figures empty.
    expect(rows[1]!.slice(3, 5)).toEqual(['Ủy ban nhân dân xã Bắc Hà, "Lào Cai"', '3']);
    expect(rows[1]!.slice(5, 14)).toEqual(Array(9).fill(''));
    expect(rows[1]!.slice(14)).toEqual(['2', '2', '4', 'Có']);
  });

  it('quotes commas and quotes in the raw text', () => {
    expect(renderReportCsv(report)).toContain(',"Ủy ban nhân dân xã Bắc Hà, ""Lào Cai""",3,');
  });

  it('writes rates without floating-point noise', () => {
    const third = {
      ...report.kinds[0]!,
      agencies: [agency({ agencyId: 'a', agencyName: 'A', onTimeRate: clocks(2 / 3, 0.1 + 0.2) })],
    };
    const [, row] = decode(renderReportCsv({ ...report, kinds: [third] }));
    expect(row!.slice(5, 9)).toEqual(['0.6667', '1', '2', '0.3']);
  });
});

describe('renderOverdueCsv', () => {
  it('lists the overdue contacts, neutralising formulas and quoting punctuation', () => {
    const csv = renderOverdueCsv(report);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, first, second, end] = parseCsv(csv.slice(1), 100, () => new Error('too many'));
    expect(header).toEqual([
      'Mã hồ sơ',
      'Mã loại',
      'Loại hồ sơ',
      'Mã cơ quan',
      'Cơ quan',
      'Nội dung',
      'Trạng thái',
      'Thời hạn',
      'Hạn xử lý (giờ Việt Nam)',
      'Hạn xử lý (ISO 8601)',
      'Số ngày làm việc quá hạn',
      'Mức đôn đốc',
    ]);
    expect(first).toEqual([
      'ct-001',
      'information_request',
      'Yêu cầu cung cấp thông tin',
      'so-tai-chinh',
      'Sở Tài chính',
      '\'=HYPERLINK("http://x")',
      'Đang xử lý',
      'Trả lời',
      '20/12/2026 17:00',
      '2026-12-20T10:00:00Z',
      '7',
      '2',
    ]);
    expect(second![5]).toBe('Tiến độ dự án đường cao tốc, "giai đoạn 2"; chi phí');
    expect(csv).toContain(',"Tiến độ dự án đường cao tốc, ""giai đoạn 2""; chi phí",');
    expect(second![8]).toBe('29/12/2026 23:59');
    expect(end).toBeUndefined();
  });
});
