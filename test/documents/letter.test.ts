import { describe, expect, it } from 'vitest';
import {
  composeReminderLetter,
  formatDocumentNumber,
  formatInstantAsVietnamDate,
  formatPlaceAndDate,
  reminderLetterLines,
  renderReminderLetterDocx,
  renderReminderLetterPdf,
} from '../../documents/letter/index.ts';
import { balanceHeaderLine } from '../../documents/letter/model.ts';
import {
  MESSAGE,
  contact,
  docxPart,
  docxText,
  norm,
  pdfText,
  pdfTextPositions,
  sampleLetter,
} from './letter-support.ts';

const MM = 72 / 25.4;

describe('formatDocumentNumber (Decree 30: numbers below 10 take a leading zero)', () => {
  it.each([
    [1, '01/SVHTTDL-QLBC'],
    [7, '07/SVHTTDL-QLBC'],
    [9, '09/SVHTTDL-QLBC'],
    [10, '10/SVHTTDL-QLBC'],
    [12, '12/SVHTTDL-QLBC'],
    [123, '123/SVHTTDL-QLBC'],
  ])('%i → %s', (number, formatted) => {
    expect(formatDocumentNumber(number, 'SVHTTDL-QLBC')).toBe(formatted);
  });

  it.each([0, -3, 1.5, Number.NaN])('refuses %s', (number) => {
    expect(() => formatDocumentNumber(number, 'X')).toThrow(RangeError);
  });
});

describe('formatPlaceAndDate (Decree 30: days below 10 and months 1-2 padded, other months not)', () => {
  it.each([
    ['2026-12-02', 'Quảng Trị, ngày 02 tháng 12 năm 2026'],
    ['2026-01-05', 'Quảng Trị, ngày 05 tháng 01 năm 2026'],
    ['2026-02-28', 'Quảng Trị, ngày 28 tháng 02 năm 2026'],
    ['2026-03-15', 'Quảng Trị, ngày 15 tháng 3 năm 2026'],
    ['2026-09-09', 'Quảng Trị, ngày 09 tháng 9 năm 2026'],
    ['2026-10-10', 'Quảng Trị, ngày 10 tháng 10 năm 2026'],
    ['2026-11-30', 'Quảng Trị, ngày 30 tháng 11 năm 2026'],
    ['2028-02-29', 'Quảng Trị, ngày 29 tháng 02 năm 2028'],
  ])('%s → %s', (date, formatted) => {
    expect(formatPlaceAndDate('Quảng Trị', date)).toBe(formatted);
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-2-3', '02/12/2026', ''])('refuses %j', (date) => {
    expect(() => formatPlaceAndDate('Huế', date)).toThrow(RangeError);
  });
});

describe('formatInstantAsVietnamDate (UTC+7)', () => {
  it.each([
    ['2026-11-20T16:59:59Z', '20/11/2026'],
    ['2026-11-20T17:00:00Z', '21/11/2026'],
    ['2026-12-31T17:00:00.000Z', '01/01/2027'],
    ['2026-03-01T00:00:00+07:00', '01/03/2026'],
  ])('%s → %s', (instant, formatted) => {
    expect(formatInstantAsVietnamDate(instant)).toBe(formatted);
  });

  it('refuses what is not an instant', () => {
    expect(() => formatInstantAsVietnamDate('soon')).toThrow(RangeError);
  });
});

describe('composeReminderLetter', () => {
  it('words the letter once, for both renderers', () => {
    const c = composeReminderLetter(sampleLetter());
    expect(c.sender.parentBody).toEqual(['ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ']);
    expect(c.sender.issuingBody).toEqual(['SỞ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH']);
    expect(c.sender.number).toBe('Số: 07/SVHTTDL-QLBC');
    expect(c.salutation).toBe('Kính gửi: Sở Tài nguyên và Môi trường tỉnh Quảng Trị.');
    expect(c.message).toHaveLength(2);
    expect(c.closing).toMatch(/về Sở Văn hóa, Thể thao và Du lịch\.\/\.$/);
    expect(c.recipients.lines).toEqual([
      '- Như trên;',
      '- UBND tỉnh (b/c);',
      '- Giám đốc Sở (b/c);',
      '- Lưu: VT.',
    ]);
    expect(c.signature).toEqual({
      authority: 'KT. GIÁM ĐỐC',
      title: 'PHÓ GIÁM ĐỐC',
      name: 'Nguyễn Văn Minh',
    });
    expect(c.table.rows[1]).toEqual([
      ['2'],
      ['YC-0002KMNPQR'],
      ['Đề nghị làm việc'],
      ['Phỏng vấn về kế hoạch ứng phó bão số 3 và sạt lở bờ biển Cửa Việt'],
      ['03/11/2026'],
      ['21/11/2026', '(Phản hồi đầu tiên)'],
      ['8'],
    ]);
  });

  it('does not double punctuation the caller already wrote, and normalises to NFC', () => {
    const base = sampleLetter();
    const c = composeReminderLetter({
      ...base,
      addressee: 'Sở Y tế.',
      letterhead: {
        ...base.letterhead,
        signerAuthority: '',
        copyTo: ['- Báo Quảng Trị;', '  ', 'Đài PT-TH tỉnh.'],
      },
      message: 'Nguyễn'.normalize('NFD') + ' Văn\nA\n\n\n  Đoạn hai.  ',
    });
    expect(c.salutation).toBe('Kính gửi: Sở Y tế.');
    expect(c.recipients.lines).toEqual([
      '- Như trên;',
      '- Báo Quảng Trị;',
      '- Đài PT-TH tỉnh;',
      '- Lưu: VT.',
    ]);
    expect(c.signature.authority).toBeUndefined();
    expect(c.message).toEqual(['Nguyễn Văn A', 'Đoạn hai.']);
  });

  it('leaves the table out when nothing is overdue, and the parent body when there is none', () => {
    const base = sampleLetter({ contacts: [] });
    const lines = reminderLetterLines({ ...base, letterhead: { ...base.letterhead, parentBody: '' } });
    expect(lines.some((l) => l.startsWith('STT'))).toBe(false);
    expect(lines[0]).toBe('SỞ VĂN HÓA, THỂ THAO');
    expect(lines.find((l) => l.startsWith('Đề nghị'))).toContain('các yêu cầu của báo chí');
  });

  it('refuses a registry year other than the signing year', () => {
    expect(() => composeReminderLetter(sampleLetter({ year: 2025 }))).toThrow(RangeError);
  });
});

describe('balanceHeaderLine', () => {
  const byLength = (t: string) => t.length;
  it('keeps a name that fits', () => {
    expect(balanceHeaderLine('SỞ Y TẾ', 20, byLength)).toEqual(['SỞ Y TẾ']);
  });
  it('breaks a long one into the two most even lines', () => {
    expect(balanceHeaderLine('ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ', 20, byLength)).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH QUẢNG TRỊ',
    ]);
  });
  it('leaves to the renderer what two lines cannot hold', () => {
    expect(balanceHeaderLine('A B C D E F G H I J', 3, byLength)).toEqual(['A B C D E F G H I J']);
  });
});

/** What both files must say: the header, the addressee, the message, the table and the signature. */
function expectedTexts(letter = sampleLetter()): string[] {
  return [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ',
    'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH',
    'Số: 07/SVHTTDL-QLBC',
    'V/v đôn đốc trả lời thông tin cho báo chí',
    'Quảng Trị, ngày 02 tháng 12 năm 2026',
    'Kính gửi: Sở Tài nguyên và Môi trường tỉnh Quảng Trị.',
    ...MESSAGE.split('\n\n'),
    ...letter.contacts.flatMap((c) => [c.contactId, c.subject]),
    'Người hỏi: Nguyễn Thị Hoa (Báo Quảng Trị)',
    '21/11/2026',
    'Nơi nhận:',
    '- UBND tỉnh (b/c);',
    '- Lưu: VT.',
    'KT. GIÁM ĐỐC',
    'PHÓ GIÁM ĐỐC',
    'Nguyễn Văn Minh',
  ].map(norm);
}

/** Every line the shared wording produces, table rows taken cell line by cell line. */
function wordingPieces(letter = sampleLetter()): string[] {
  const c = composeReminderLetter(letter);
  return reminderLetterLines(letter)
    .filter((l) => !l.includes(' | '))
    .concat(
      c.table.headings.filter((h) => h !== 'STT'),
      c.table.rows.flat(2),
    )
    .map(norm);
}

describe('renderReminderLetterPdf', () => {
  it('says everything the letter says, in Vietnamese that survives copying out', async () => {
    const { text, pages } = await pdfText(await renderReminderLetterPdf(sampleLetter()));
    expect(pages).toBe(1);
    for (const expected of expectedTexts()) expect(text).toContain(expected);
    for (const piece of wordingPieces()) expect(text).toContain(piece);
    expect(text).not.toContain('\u0000');
  });

  it('is A4 with Tinos embedded and no standard font', async () => {
    const bytes = Buffer.from(await renderReminderLetterPdf(sampleLetter()));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.includes('/FontFile2')).toBe(true);
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(bytes.includes('Helvetica')).toBe(false);
    // Regular, bold, italic and bold italic: four embedded subsets.
    expect(bytes.toString('latin1').match(/\/FontFile2/g)).toHaveLength(4);
  });

  it('carries a 40-contact table over several pages, heading row repeated, nothing off the page', async () => {
    const letter = sampleLetter({ contacts: Array.from({ length: 40 }, (_, i) => contact(i + 1)) });
    const bytes = await renderReminderLetterPdf(letter);
    const { text, pages } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const c of letter.contacts) expect(text).toContain(c.contactId);
    expect(text).toContain('Nguyễn Văn Minh');

    const positions = await pdfTextPositions(bytes);
    const headingPages = new Set(positions.filter((p) => p.text === 'Mã hồ sơ').map((p) => p.page));
    const rowPages = new Set(positions.filter((p) => p.text.startsWith('YC-')).map((p) => p.page));
    expect([...rowPages].every((page) => headingPages.has(page))).toBe(true);
    expect(rowPages.size).toBeGreaterThanOrEqual(2);
    for (const p of positions) {
      expect(p.x).toBeGreaterThanOrEqual(30 * MM - 0.5);
      expect(p.x).toBeLessThan(595.28 - 15 * MM);
      // The baseline sits above the bottom margin; only the page number is in the top margin.
      expect(p.y).toBeGreaterThan(20 * MM);
      if (p.y > 841.89 - 20 * MM) expect(p.text).toBe(String(p.page));
    }
    expect(positions.some((p) => p.page === 2 && p.text === '2')).toBe(true);
  });
});

describe('renderReminderLetterDocx', () => {
  it('says everything the letter says', async () => {
    const xml = docxPart(await renderReminderLetterDocx(sampleLetter()), 'word/document.xml');
    const text = docxText(xml);
    for (const expected of expectedTexts()) expect(text).toContain(expected);
    for (const piece of wordingPieces()) expect(text).toContain(piece);
  });

  it('is A4 with Decree 30 margins, names Times New Roman without embedding it, repeats the table heading', async () => {
    const bytes = await renderReminderLetterDocx(sampleLetter());
    const xml = docxPart(bytes, 'word/document.xml');
    const sectPr = /<w:sectPr[\s\S]*<\/w:sectPr>/.exec(xml)?.[0] ?? '';
    expect(sectPr).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar [^>]*>/.exec(sectPr)?.[0] ?? '';
    expect(margin).toContain('w:left="1701"');
    expect(margin).toContain('w:right="850"');
    expect(margin).toContain('w:top="1134"');
    expect(margin).toContain('w:bottom="1134"');
    expect(sectPr).toContain('<w:titlePg');
    expect(docxPart(bytes, 'word/styles.xml')).toMatch(/w:ascii="Times New Roman"/);
    expect(xml.match(/<w:tblHeader\b/g)).toHaveLength(1);
    expect(
      Object.keys((await import('fflate')).unzipSync(bytes)).some((n) => n.startsWith('word/fonts/')),
    ).toBe(false);
  });
});

describe('hostile text', () => {
  const longWord = 'Khôngcókhoảngtrắng'.repeat(30);
  const hostile = `${longWord}\n\n<script>alert("x & y")</script> 'trích' & "dẫn" 😀 <w:t>hết</w:t>`;
  const letter = sampleLetter({
    message: hostile,
    contacts: [contact(1, { subject: '<b>Đậm</b> & "nghiêng"' })],
  });

  it('round-trips literally through the DOCX, escaped in the XML', async () => {
    const xml = docxPart(await renderReminderLetterDocx(letter), 'word/document.xml');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    const text = docxText(xml);
    expect(text).toContain(longWord);
    expect(text).toContain(`<script>alert("x & y")</script> 'trích' & "dẫn" 😀 <w:t>hết</w:t>`);
    expect(text).toContain('<b>Đậm</b> & "nghiêng"');
  });

  it('round-trips through the PDF, except the emoji Tinos cannot draw, which shows as U+FFFD', async () => {
    const { text } = await pdfText(await renderReminderLetterPdf(letter));
    // pdf.js puts a line break where the long word wraps; the word itself must come back whole.
    expect(text.replace(/\s/g, '')).toContain(longWord);
    expect(text).toContain(`<script>alert("x & y")</script> 'trích' & "dẫn" \uFFFD <w:t>hết</w:t>`);
    expect(text).toContain('<b>Đậm</b> & "nghiêng"');
    expect(text).not.toContain('\u0000');
  });
});
