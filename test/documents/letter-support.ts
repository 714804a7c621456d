/**
 * @module
 * Fixtures and readers for the reminder-letter tests: a realistic letter, and the text of a rendered PDF
 * (through pdf.js, as a reader's copy-and-paste sees it) and DOCX (the `w:t` runs of word/document.xml).
 */
import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import type { OverdueContactLine, ReminderLetter } from '../../documents/letter/index.ts';

export const MESSAGE =
  'Thực hiện Luật Báo chí năm 2016 và Nghị định số 09/2017/NĐ-CP quy định chi tiết việc phát ngôn và cung cấp ' +
  'thông tin cho báo chí của các cơ quan hành chính nhà nước, Sở Văn hóa, Thể thao và Du lịch theo dõi việc ' +
  'trả lời các yêu cầu của cơ quan báo chí, nhà báo.\n\n' +
  'Qua theo dõi, một số yêu cầu gửi đến quý cơ quan chưa được trả lời đúng thời hạn quy định.';

export function contact(n: number, overrides: Partial<OverdueContactLine> = {}): OverdueContactLine {
  return {
    contactId: `YC-${String(n).padStart(4, '0')}KMNPQR`,
    kindLabel: 'Yêu cầu cung cấp thông tin',
    subject: `Tiến độ giải phóng mặt bằng dự án đường ven biển, đoạn số ${n}`,
    journalist: 'Nguyễn Thị Hoa (Báo Quảng Trị)',
    submittedOn: '2026-11-03',
    dueAt: '2026-11-17T16:59:59.999Z',
    clockLabel: 'Trả lời',
    workingDaysOverdue: 11,
    ...overrides,
  };
}

export function sampleLetter(overrides: Partial<ReminderLetter> = {}): ReminderLetter {
  return {
    letterhead: {
      parentBody: 'Ủy ban nhân dân tỉnh Quảng Trị',
      issuingBody: 'Sở Văn hóa, Thể thao\nvà Du lịch',
      symbol: 'SVHTTDL-QLBC',
      place: 'Quảng Trị',
      signerAuthority: 'KT. Giám đốc',
      signerTitle: 'Phó Giám đốc',
      signerName: 'Nguyễn Văn Minh',
      copyTo: ['UBND tỉnh (b/c)', 'Giám đốc Sở (b/c)'],
    },
    number: 7,
    year: 2026,
    issuedOn: '2026-12-02',
    subject: 'V/v đôn đốc trả lời thông tin cho báo chí',
    addressee: 'Sở Tài nguyên và Môi trường tỉnh Quảng Trị',
    message: MESSAGE,
    contacts: [
      contact(1),
      contact(2, {
        kindLabel: 'Đề nghị làm việc',
        subject: 'Phỏng vấn về kế hoạch ứng phó bão số 3 và sạt lở bờ biển Cửa Việt',
        journalist: undefined,
        dueAt: '2026-11-20T17:30:00.000Z', // 00:30 on 21/11 in Vietnam
        clockLabel: 'Phản hồi đầu tiên',
        workingDaysOverdue: 8,
      }),
      contact(3, { workingDaysOverdue: 2 }),
    ],
    ...overrides,
  };
}

/** NFC and single spaces: how the tests compare text whatever the renderer did with line breaks. */
export function norm(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  // pdf.js takes ownership of the buffer it is given, so it gets a copy.
  const pdf = await getDocumentProxy(bytes.slice());
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text: norm(text), pages: totalPages };
}

/** Where pdf.js finds each piece of text: page number, the text, and its origin in points from the bottom left. */
export async function pdfTextPositions(
  bytes: Uint8Array,
): Promise<{ page: number; text: string; x: number; y: number }[]> {
  const pdf = await getDocumentProxy(bytes.slice());
  const out: { page: number; text: string; x: number; y: number }[] = [];
  for (let page = 1; page <= pdf.numPages; page += 1) {
    const content = await (await pdf.getPage(page)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      out.push({ page, text: item.str, x: item.transform[4] as number, y: item.transform[5] as number });
    }
  }
  return out;
}

export function docxPart(bytes: Uint8Array, name: string): string {
  const part = unzipSync(bytes)[name];
  if (part === undefined) throw new Error(`The DOCX has no ${name}.`);
  return strFromU8(part);
}

const XML_ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&apos;': "'",
};

/** The text of word/document.xml's `w:t` runs, one paragraph per line, with XML entities decoded. */
export function docxText(documentXml: string): string {
  const paragraphs = documentXml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1]!.replace(/&(?:lt|gt|amp|quot|apos);/g, (e) => XML_ENTITIES[e]!))
        .join(''),
    );
  return norm(paragraphs.join('\n'));
}
