import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../api/services/csv.ts';
import {
  buildCaseArchive,
  MAX_NAME_BYTES,
  safeFileName,
  sha256Hex,
  uniqueFileNames,
  type CaseArchiveInput,
} from '../../documents/case-archive/index.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** Decodes UTF-8, keeping a BOM (TextDecoder drops it by default). */
const text = (b: Uint8Array | undefined) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
const utf8Length = (s: string) => bytes(s).length;

const longName = `${'Báo cáo tiến độ dự án đường cao tốc Lào Cai '.repeat(7).slice(0, 296)}.pdf`;

const input: CaseArchiveInput = {
  contactId: 'ct-2026-000123',
  generatedAt: '2026-12-31T17:30:05Z', // 01/01/2027 00:30:05 in Vietnam
  contact: { id: 'ct-2026-000123', subject: 'Tiến độ giải phóng mặt bằng', status: 'answered' },
  timeline: [
    { at: '2026-12-01T02:00:00Z', type: 'submit', actorName: 'Nguyễn Văn An', text: 'Gửi yêu cầu' },
    {
      at: '2026-12-02T09:15:30+07:00',
      type: 'assign',
      actorName: 'Trần Thị Bình',
      text: '=HYPERLINK("http://x"), "ngay"',
      data: { to: 'Lê Văn Cường', level: 1 },
    },
  ],
  messages: [
    { at: '2026-12-03T01:00:00Z', from: 'Nguyễn Văn An', text: 'Xin cảm ơn, "anh" Bình; hẹn gặp lại' },
    { at: '2026-12-03T02:00:00Z', from: 'Trần Thị Bình', text: '- ghi chú nội bộ', internal: true },
  ],
  documents: [
    { fileName: '../../etc/passwd', bytes: bytes('root:x:0:0') },
    { fileName: 'a/b\\c.pdf', bytes: bytes('%PDF-1.7 a') },
    { fileName: 'Công\u0000văn\u0007số\u202E12\n\u0085.docx', bytes: bytes('docx') },
    { fileName: 'Trả lời.pdf', bytes: bytes('%PDF-1.7 one') },
    { fileName: 'TRẢ LỜI.pdf', bytes: bytes('%PDF-1.7 two') },
    { fileName: 'Trả lời.pdf', bytes: bytes('%PDF-1.7 three') },
    { fileName: longName, bytes: bytes('%PDF-1.7 long') },
    { fileName: 'Tra\u0309 lơ\u0300i.pdf', bytes: bytes('nfd') },
  ],
};

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'etc_passwd'],
    ['a/b\\c.pdf', 'a_b_c.pdf'],
    ['..\\..\\windows\\system32', 'windows_system32'],
    ['Công văn số 12.pdf', 'Công văn số 12.pdf'],
    ['Công\u0000văn\u0007số\u202E12\n.docx', 'Công_văn_số_12_.docx'],
    ['Tra\u0309 lơ\u0300i.pdf', 'Trả lời.pdf'],
    ['.bashrc', 'bashrc'],
    ['report.pdf. . ', 'report.pdf'],
    ['a..b', 'a.b'],
    ['CON.txt', '_CON.txt'],
    ['nul', '_nul'],
    ['a<b>c:"d"|e?f*.pdf', 'a_b_c_d_e_f_.pdf'],
    ['', 'tai-lieu'],
    ['..', 'tai-lieu'],
    ['/', 'tai-lieu'],
    ['.pdf', 'pdf'],
  ])('%j → %j', (raw, safe) => {
    expect(safeFileName(raw)).toBe(safe);
  });

  it('keeps long names within the limit, their extension and whole letters', () => {
    const safe = safeFileName(longName);
    expect(utf8Length(safe)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(utf8Length(safe)).toBeGreaterThan(MAX_NAME_BYTES - 10);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(longName.startsWith(safe.slice(0, -4))).toBe(true);
  });
});

describe('uniqueFileNames', () => {
  it('numbers later duplicates, ignoring case', () => {
    expect(uniqueFileNames(['Trả lời.pdf', 'TRẢ LỜI.pdf', 'Trả lời.pdf', 'x', 'x', 'x (2)'])).toEqual([
      'Trả lời.pdf',
      'TRẢ LỜI (2).pdf',
      'Trả lời (3).pdf',
      'x',
      'x (2)',
      'x (2) (2)',
    ]);
  });

  it('keeps a numbered long name within the limit', () => {
    const [a, b] = uniqueFileNames([longName, longName]);
    expect(a).not.toBe(b);
    expect(b!.endsWith(' (2).pdf')).toBe(true);
    expect(utf8Length(b!)).toBeLessThanOrEqual(MAX_NAME_BYTES);
  });
});

describe('buildCaseArchive', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  const files = unzipSync(buildCaseArchive(input));

  it('holds the README, the contact, its timeline, messages and every document, safely named', () => {
    expect(Object.keys(files)).toEqual([
      'README.txt',
      'contact.json',
      'timeline.csv',
      'timeline.json',
      'messages.csv',
      'messages.json',
      'documents/etc_passwd',
      'documents/a_b_c.pdf',
      'documents/Công_văn_số_12_.docx',
      'documents/Trả lời.pdf',
      'documents/TRẢ LỜI (2).pdf',
      'documents/Trả lời (3).pdf',
      `documents/${safeFileName(longName)}`,
      // The NFD spelling of 'Trả lời' is the same name once normalised, so it is numbered too.
      'documents/Trả lời (4).pdf',
    ]);
    for (const name of Object.keys(files)) {
      expect(name).not.toMatch(/\.\.|\\|[\p{Cc}\p{Cf}]/u);
      expect(name.split('/').length).toBeLessThanOrEqual(2);
    }
  });

  it('keeps every document byte for byte', () => {
    const docs = Object.keys(files).filter((n) => n.startsWith('documents/'));
    expect(docs.map((n) => text(files[n]))).toEqual(input.documents.map((d) => text(d.bytes)));
  });

  it('lists the SHA-256 of every other file in the README, as sha256sum -c reads it', () => {
    const readme = text(files['README.txt']);
    const listed = new Map(
      [...readme.matchAll(/^([0-9a-f]{64}) {2}(.+?)\r?$/gm)].map((m) => [m[2]!, m[1]!] as const),
    );
    const others = Object.keys(files).filter((n) => n !== 'README.txt');
    expect([...listed.keys()]).toEqual(others);
    for (const name of others) {
      const real = createHash('sha256').update(files[name]!).digest('hex');
      expect(listed.get(name), name).toBe(real);
      expect(sha256Hex(files[name]!)).toBe(real);
    }
  });

  it('explains itself in Vietnamese, then English, with the contact and the time', () => {
    const readme = text(files['README.txt']);
    expect(readme.charCodeAt(0)).toBe(0xfeff);
    expect(readme).toContain('\r\n');
    const vi = readme.indexOf('HỒ SƠ VỤ VIỆC ĐẦY ĐỦ');
    const en = readme.indexOf('WHOLE-CASE ARCHIVE');
    expect(vi).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(vi);
    expect(readme).toContain('Mã hồ sơ: ct-2026-000123');
    expect(readme).toContain('Contact: ct-2026-000123');
    expect(readme).toContain('01/01/2027 00:30:05 (giờ Việt Nam, UTC+7); 2026-12-31T17:30:05.000Z');
    // Renamed documents show their original name, with invisible characters escaped.
    expect(readme).toContain('documents/etc_passwd (tên gốc: "../../etc/passwd")');
    expect(readme).toContain(
      'documents/Công_văn_số_12_.docx (original name: "Công\\u0000văn\\u0007số\\u202e12\\n\\u0085.docx")',
    );
    expect(readme).not.toMatch(/[\u0000\u0007\u202E\u0085]/);
  });

  it('writes the contact and timeline as pretty JSON', () => {
    expect(text(files['contact.json'])).toBe(`${JSON.stringify(input.contact, null, 2)}\n`);
    expect(JSON.parse(text(files['timeline.json']))).toEqual(input.timeline);
    expect(JSON.parse(text(files['messages.json']))).toEqual(input.messages);
  });

  it('writes the timeline and messages as CSV with Vietnam time and ISO, formulas neutralised', () => {
    const timeline = text(files['timeline.csv']);
    expect(timeline.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(timeline.slice(1), 100, () => new Error('too many'));
    expect(rows).toEqual([
      [
        'Thời điểm (giờ Việt Nam)',
        'Thời điểm (ISO 8601)',
        'Sự kiện',
        'Người thực hiện',
        'Nội dung',
        'Dữ liệu (JSON)',
      ],
      ['01/12/2026 09:00:00', '2026-12-01T02:00:00.000Z', 'submit', 'Nguyễn Văn An', 'Gửi yêu cầu', ''],
      [
        '02/12/2026 09:15:30',
        '2026-12-02T02:15:30.000Z',
        'assign',
        'Trần Thị Bình',
        '\'=HYPERLINK("http://x"), "ngay"',
        '{"to":"Lê Văn Cường","level":1}',
      ],
    ]);
    const messages = parseCsv(text(files['messages.csv']).slice(1), 100, () => new Error('too many'));
    expect(messages).toEqual([
      ['Thời điểm (giờ Việt Nam)', 'Thời điểm (ISO 8601)', 'Người gửi', 'Nội bộ', 'Nội dung', 'Tệp đính kèm'],
      [
        '03/12/2026 08:00:00',
        '2026-12-03T01:00:00.000Z',
        'Nguyễn Văn An',
        'Không',
        'Xin cảm ơn, "anh" Bình; hẹn gặp lại',
        '',
      ],
      ['03/12/2026 09:00:00', '2026-12-03T02:00:00.000Z', 'Trần Thị Bình', 'Có', "'- ghi chú nội bộ", ''],
    ]);
  });

  it('names each message’s attachments by their path in the archive, or by name when it lacks them', () => {
    const withFiles: CaseArchiveInput = {
      ...input,
      messages: [
        {
          at: '2026-12-03T01:00:00Z',
          from: 'Nguyễn Văn An (phóng viên)',
          text: 'Gửi kèm số liệu',
          attachments: [
            { id: 'att-2', name: 'so-lieu.txt' },
            { id: 'att-1', name: 'so-lieu.txt' },
            { id: 'att-gone', name: 'da-xoa.pdf' },
          ],
        },
        { at: '2026-12-03T02:00:00Z', from: 'Trần Thị Bình (cơ quan)', text: 'Đã nhận', attachments: [] },
      ],
      documents: [
        { id: 'att-1', fileName: 'so-lieu.txt', bytes: bytes('một') },
        { id: 'att-2', fileName: 'so-lieu.txt', bytes: bytes('hai') },
      ],
    };
    const out = unzipSync(buildCaseArchive(withFiles));
    expect(Object.keys(out).filter((n) => n.startsWith('documents/'))).toEqual([
      'documents/so-lieu.txt',
      'documents/so-lieu (2).txt',
    ]);
    const rows = parseCsv(text(out['messages.csv']).slice(1), 100, () => new Error('too many'));
    expect(rows.slice(1).map((r) => [r[2], r[5]])).toEqual([
      ['Nguyễn Văn An (phóng viên)', 'documents/so-lieu (2).txt\ndocuments/so-lieu.txt\nda-xoa.pdf'],
      ['Trần Thị Bình (cơ quan)', ''],
    ]);
    expect(JSON.parse(text(out['messages.json']))).toEqual([
      {
        ...withFiles.messages[0],
        attachments: [
          { id: 'att-2', name: 'so-lieu.txt', path: 'documents/so-lieu (2).txt' },
          { id: 'att-1', name: 'so-lieu.txt', path: 'documents/so-lieu.txt' },
          { id: 'att-gone', name: 'da-xoa.pdf' },
        ],
      },
      withFiles.messages[1],
    ]);
    // Documents' ids are for the messages only: the bytes and the README are as without them.
    expect(text(out['documents/so-lieu (2).txt'])).toBe('hai');
    expect(text(out['README.txt'])).not.toContain('att-1');
  });

  it('gives the same bytes for the same input, whatever the time zone, and dates entries in Vietnam time', () => {
    process.env.TZ = 'UTC';
    const utc = buildCaseArchive(input);
    process.env.TZ = 'America/New_York';
    const newYork = buildCaseArchive(input);
    process.env.TZ = 'Asia/Ho_Chi_Minh';
    const hanoi = buildCaseArchive(input);
    expect(Buffer.from(newYork).equals(Buffer.from(utc))).toBe(true);
    expect(Buffer.from(hanoi).equals(Buffer.from(utc))).toBe(true);
    expect(Buffer.from(buildCaseArchive(structuredClone(input))).equals(Buffer.from(utc))).toBe(true);

    // The first local header's DOS time and date: 00:30:04 (two-second steps) on 2027-01-01.
    const view = new DataView(utc.buffer, utc.byteOffset, utc.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    const [time, date] = [view.getUint16(10, true), view.getUint16(12, true)];
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([0, 30, 4]);
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2027, 1, 1]);
  });

  it('changes when a document changes', () => {
    const other = { ...input, documents: [{ fileName: 'x.pdf', bytes: bytes('a') }] };
    const changed = { ...input, documents: [{ fileName: 'x.pdf', bytes: bytes('b') }] };
    expect(Buffer.from(buildCaseArchive(other)).equals(Buffer.from(buildCaseArchive(changed)))).toBe(false);
  });

  it('refuses a generation time ZIP cannot record', () => {
    expect(() => buildCaseArchive({ ...input, generatedAt: 'yesterday' })).toThrow(RangeError);
    expect(() => buildCaseArchive({ ...input, generatedAt: '1970-01-01T00:00:00Z' })).toThrow(RangeError);
  });
});
