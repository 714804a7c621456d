import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../domain/errors.ts';
import {
  exportColumns,
  looksLikeFormula,
  mapHeaders,
  missingForCreate,
  neutraliseForExport,
  parseDateCell,
  parseRow,
  type Cell,
} from '../../../domain/registry/import-rows.ts';

const VI = [
  'Mã',
  'Cơ quan (mã)',
  'Họ và tên',
  'Loại',
  'Chức vụ',
  'Điện thoại',
  'Email',
  'Từ ngày',
  'Đến ngày',
];
const EN = ['Id', 'Agency id', 'Full name', 'Role type', 'Title', 'Phone', 'Email', 'Term start', 'Term end'];

function headerError(kind: 'spokespersons' | 'journalists', headers: string[]): InvalidInputError {
  try {
    mapHeaders(kind, headers);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('header mapping', () => {
  it('reads Vietnamese and English headers, ignoring case, diacritics and spacing', () => {
    const vi = mapHeaders('spokespersons', VI);
    const en = mapHeaders('spokespersons', EN);
    const loose = mapHeaders('spokespersons', ['HỌ VÀ TÊN', ' agencyId ', 'role_type', 'chuc vu', 'Tu ngay']);
    expect(vi.columns.map((c) => c?.def.key)).toEqual(en.columns.map((c) => c?.def.key));
    expect(loose.columns.map((c) => c?.def.key)).toEqual([
      'fullName',
      'agencyId',
      'roleType',
      'title',
      'termStart',
    ]);
    expect(mapHeaders('spokespersons', [...VI, 'Người uỷ quyền (mã)']).columns.at(-1)?.def.key).toBe(
      'delegatedById',
    );
  });

  it('names unknown, repeated and missing columns', () => {
    const error = headerError('spokespersons', ['Họ và tên', 'Full name', 'Ghi chú']);
    const messages = (error.details.issues as { path: string; message: string }[]).map((i) => i.message);
    expect(messages).toContain('column 2: the column repeats');
    expect(messages).toContain('column 3: unknown column');
    expect(messages.some((m) => m.includes("'Cơ quan (mã)'"))).toBe(true);
    expect(error.message).toMatch(/Expected columns: Mã \(Id\)/);
  });

  it('with an Id column, other columns may be left out (updates), but creates need them', () => {
    const map = mapHeaders('spokespersons', ['Id', 'Phone']);
    expect(missingForCreate(map).map((d) => d.key)).toEqual([
      'agencyId',
      'fullName',
      'roleType',
      'title',
      'termStart',
    ]);
    expect(missingForCreate(mapHeaders('spokespersons', VI))).toEqual([]);
  });

  it('knows the journalist columns', () => {
    const map = mapHeaders('journalists', [
      'Họ và tên',
      'Cơ quan báo chí',
      'Số thẻ nhà báo',
      'Card expiry',
      'Resident province',
    ]);
    expect(map.columns.map((c) => c?.def.key)).toEqual([
      'fullName',
      'pressOrganisation',
      'pressCardNumber',
      'pressCardExpiresOn',
      'residentProvinceId',
    ]);
    expect(() => mapHeaders('journalists', VI)).toThrow(InvalidInputError);
  });
});

describe('row validation', () => {
  const map = mapHeaders('spokespersons', VI);
  const good: Cell[] = [
    '',
    'qt-so-yte',
    ' Nguyễn  Văn A ',
    'Người phát ngôn',
    'Phó Giám đốc',
    '+84 912 345 678',
    'a@b.vn',
    '15/07/2025',
    '',
  ];

  it('normalises a good row: trimmed text, role code, ISO dates, empty cells as null', () => {
    const parsed = parseRow(map, good, 2);
    expect(parsed.errors).toEqual([]);
    expect(parsed.values).toMatchObject({
      id: null,
      fullName: 'Nguyễn Văn A',
      roleType: 'spokesperson',
      phone: '+84 912 345 678',
      termStart: '2025-07-15',
      termEnd: null,
    });
  });

  it('reports each bad cell with its column, on the row given', () => {
    const bad: Cell[] = ['', 'qt-so-yte', '', 'boss', 'x', 'abc', 'not-mail', '31/02/2025', '2025-13-01'];
    const parsed = parseRow(map, bad, 7);
    expect(parsed.row).toBe(7);
    expect(parsed.errors).toEqual([
      { column: 'Loại', message: expect.stringContaining('Thủ trưởng') as string, code: 'bad_role_type' },
      { column: 'Điện thoại', message: expect.stringContaining('phone') as string, code: 'bad_phone' },
      { column: 'Email', message: 'not an e-mail address', code: 'bad_email' },
      { column: 'Từ ngày', message: expect.stringContaining('date') as string, code: 'bad_date' },
      { column: 'Đến ngày', message: expect.stringContaining('date') as string, code: 'bad_date' },
      { column: 'Họ và tên', message: 'must not be empty', code: 'required' },
    ]);
  });

  it('accepts every spelling of the role types', () => {
    for (const [text, code] of [
      ['Thủ trưởng', 'head'],
      ['thu truong', 'head'],
      ['head', 'head'],
      ['Người được uỷ quyền', 'authorized'],
      ['AUTHORIZED', 'authorized'],
    ]) {
      const cells = [...good];
      cells[3] = text;
      expect(parseRow(map, cells, 2).values.roleType).toBe(code);
    }
  });

  it('refuses formula-like cells, except a +84 phone number in the phone column', () => {
    for (const evil of [
      '=HYPERLINK("http://x","y")',
      '+SUM(A1)',
      '-2+3',
      '@cmd',
      '\tx',
      '\r=1',
      '  =1',
      '＝1',
    ]) {
      const cells = [...good];
      cells[4] = evil;
      const parsed = parseRow(map, cells, 3);
      expect(parsed.errors).toEqual([
        {
          column: 'Chức vụ',
          message: expect.stringContaining('looks like a spreadsheet formula') as string,
          code: 'formula',
        },
      ]);
    }
    const phoneFormula = [...good];
    phoneFormula[5] = '+84+cmd|calc';
    expect(parseRow(map, phoneFormula, 2).errors[0]?.message).toMatch(/formula/);
    phoneFormula[5] = '-912';
    expect(parseRow(map, phoneFormula, 2).errors[0]?.message).toMatch(/formula/);
  });

  it("reads a cell neutralised by an export (leading ') back as its text", () => {
    const cells = [...good];
    cells[4] = "'- Phó Giám đốc";
    cells[5] = "'+84 912 345 678";
    expect(parseRow(map, cells, 2).values).toMatchObject({
      title: '- Phó Giám đốc',
      phone: '+84 912 345 678',
    });
  });

  it('flags values in columns without a header and over-long values', () => {
    const parsed = parseRow(map, [...good, 'stray'], 4);
    expect(parsed.errors[0]).toMatchObject({ column: '#10', code: 'no_header' });
    const long = [...good];
    long[2] = 'x'.repeat(201);
    expect(parseRow(map, long, 2).errors).toEqual([
      { column: 'Họ và tên', message: 'longer than 200 characters', code: 'too_long', params: { max: 200 } },
    ]);
  });

  it('treats missing trailing cells as empty', () => {
    const parsed = parseRow(map, good.slice(0, 8), 2);
    expect(parsed.errors).toEqual([]);
    expect(parsed.values.termEnd).toBeNull();
  });
});

describe('dates', () => {
  it('reads ISO, DD/MM/YYYY, Excel dates and serial numbers', () => {
    expect(parseDateCell('2026-03-09')).toBe('2026-03-09');
    expect(parseDateCell('9/3/2026')).toBe('2026-03-09');
    expect(parseDateCell('09.03.2026')).toBe('2026-03-09');
    expect(parseDateCell(new Date(Date.UTC(2026, 2, 9)))).toBe('2026-03-09');
    expect(parseDateCell(46090)).toBe('2026-03-09');
    expect(parseDateCell('03/09/2026 10:00')).toBeUndefined();
    expect(parseDateCell('29/02/2025')).toBeUndefined();
    expect(parseDateCell(-5)).toBeUndefined();
  });

  it('reads real dates and serial numbers in date columns', () => {
    const map = mapHeaders('spokespersons', VI);
    const cells: Cell[] = [
      '',
      'a',
      'B',
      'head',
      'T',
      '0912345678',
      '',
      new Date(Date.UTC(2025, 6, 1)),
      45901,
    ];
    expect(parseRow(map, cells, 2).values).toMatchObject({ termStart: '2025-07-01', termEnd: '2025-09-01' });
  });
});

describe('export', () => {
  it('neutralises formula-like text and leaves other text alone', () => {
    expect(neutraliseForExport('=1+1')).toBe("'=1+1");
    expect(neutraliseForExport('+84 912')).toBe("'+84 912");
    expect(neutraliseForExport('@x')).toBe("'@x");
    expect(neutraliseForExport('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(looksLikeFormula(' -1')).toBe(true);
    expect(looksLikeFormula('a=b')).toBe(false);
  });

  it('writes the headers the import reads, with role types in the chosen language', () => {
    for (const lang of ['vi', 'en'] as const) {
      const columns = exportColumns('spokespersons', lang);
      const map = mapHeaders(
        'spokespersons',
        columns.map((c) => c.header),
      );
      expect(map.columns.every((c) => c !== null)).toBe(true);
      const role = columns.find((c) => c.key === 'roleType')!;
      expect(role.format('authorized')).toBe(lang === 'vi' ? 'Người được ủy quyền' : 'authorized');
    }
    const journalistColumns = exportColumns('journalists', 'en');
    expect(
      mapHeaders(
        'journalists',
        journalistColumns.map((c) => c.header),
      ).columns,
    ).toHaveLength(11);
  });
});
