/**
 * @module
 * The reminder letter (văn bản đôn đốc) a press-management department sends to an agency that is late answering
 * journalists: its input, the Decree 30/2020/NĐ-CP formatting rules for numbers and dates, and the letter's
 * wording. Both renderers (DOCX and PDF) lay out the one {@link ComposedLetter} built here, so the two files
 * always say exactly the same thing; only typography differs between them.
 *
 * @example
 * formatDocumentNumber(7, 'SVHTTDL-QLBC'); // '07/SVHTTDL-QLBC'
 * formatPlaceAndDate('Quảng Trị', '2026-01-05'); // 'Quảng Trị, ngày 05 tháng 01 năm 2026'
 */

/** Who sends the letter and who signs it. */
export interface Letterhead {
  /**
   * The governing body (cơ quan chủ quản), e.g. 'Ủy ban nhân dân tỉnh Quảng Trị'; '' when there is none. The
   * header prints it in capitals; a line break in it is kept there, as agencies fix how their name is broken.
   */
  parentBody: string;
  /**
   * The issuing body, e.g. 'Sở Văn hóa, Thể thao và Du lịch'. Write it as in running text: the closing
   * sentence uses it as given and the header prints it in capitals (an all-capitals name works too). A line
   * break in it is kept in the header ('Sở Văn hóa, Thể thao\nvà Du lịch') and is a space in the sentence.
   */
  issuingBody: string;
  /** The document symbol after the number, e.g. 'SVHTTDL-QLBC' → 'Số: 12/SVHTTDL-QLBC'. */
  symbol: string;
  /** The place name in the date line, e.g. 'Quảng Trị' → 'Quảng Trị, ngày 02 tháng 12 năm 2026'. */
  place: string;
  /** Signing on someone's behalf, e.g. 'KT. GIÁM ĐỐC'; omitted when the head signs. */
  signerAuthority?: string;
  /** The signer's position, e.g. 'Phó Giám đốc' (printed in capitals). */
  signerTitle: string;
  /** The signer's full name, e.g. 'Nguyễn Văn Minh'. */
  signerName: string;
  /** Extra 'Nơi nhận' lines, e.g. ['UBND tỉnh (b/c)']; '- Như trên;' and '- Lưu: VT.' are always added. */
  copyTo: string[];
}

/** One overdue request from a journalist, a row of the letter's table. */
export interface OverdueContactLine {
  /** The case reference shown to people, e.g. 'TT-2026-00042'. */
  contactId: string;
  /** What kind of request it is, e.g. 'Cung cấp thông tin'. */
  kindLabel: string;
  subject: string;
  /** Who asked, e.g. 'Nguyễn Thị Hoa (Báo Quảng Trị)'. */
  journalist?: string;
  /** When the agency received it: a local date in Vietnam, `YYYY-MM-DD`. */
  submittedOn: string;
  /** When the answer was due: an ISO 8601 instant, shown as a Vietnam local date. */
  dueAt: string;
  /** Which deadline passed, e.g. 'Hạn trả lời'. */
  clockLabel: string;
  workingDaysOverdue: number;
}

export interface ReminderLetter {
  letterhead: Letterhead;
  /** The registry number, restarting at 1 every year (Decree 30, art. 15). */
  number: number;
  /** The registry year; must be the year of `issuedOn`. */
  year: number;
  /** The signing date: a local date in Vietnam, `YYYY-MM-DD`. */
  issuedOn: string;
  /** The summary line (trích yếu), e.g. 'V/v đôn đốc trả lời thông tin cho báo chí'. */
  subject: string;
  /** The agency the letter is addressed to. */
  addressee: string;
  /** The supervisor's own text; paragraphs are separated by blank lines. */
  message: string;
  contacts: OverdueContactLine[];
}

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for these dates. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Parses `YYYY-MM-DD`, refusing impossible dates such as 2026-02-30 rather than printing them. */
function parseLocalDate(localDate: string): CalendarDate {
  const match = LOCAL_DATE.exec(localDate);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    !match ||
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    throw new RangeError(`Not a calendar date in the form YYYY-MM-DD: ${JSON.stringify(localDate)}.`);
  }
  return { year, month, day };
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * The number line after 'Số: '. Decree 30 writes numbers below 10 with a leading zero.
 * @example formatDocumentNumber(12, 'SVHTTDL-QLBC') // '12/SVHTTDL-QLBC'
 */
export function formatDocumentNumber(number: number, symbol: string): string {
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new RangeError(`A document number is a positive integer, not ${number}.`);
  }
  return `${twoDigits(number)}/${symbol}`;
}

/**
 * The place-and-date line. Decree 30 (Appendix I) pads days below 10 and the months January and February with a
 * zero and no other month, so that a handwritten digit cannot be added in front ('tháng 01', 'tháng 3').
 * @example formatPlaceAndDate('Quảng Trị', '2026-03-15') // 'Quảng Trị, ngày 15 tháng 3 năm 2026'
 */
export function formatPlaceAndDate(place: string, localDate: string): string {
  const { year, month, day } = parseLocalDate(localDate);
  const monthText = month <= 2 ? twoDigits(month) : String(month);
  return `${place}, ngày ${twoDigits(day)} tháng ${monthText} năm ${year}`;
}

/** A Vietnam local date `YYYY-MM-DD` as `dd/MM/yyyy`. */
export function formatLocalDate(localDate: string): string {
  const { year, month, day } = parseLocalDate(localDate);
  return `${twoDigits(day)}/${twoDigits(month)}/${year}`;
}

/** The Vietnam local date of an ISO 8601 instant, as `dd/MM/yyyy`. */
export function formatInstantAsVietnamDate(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${JSON.stringify(instant)}.`);
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  return `${twoDigits(local.getUTCDate())}/${twoDigits(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

/** Capitals as the header prints them; the `vi` locale keeps đ → Đ and the tone marks. */
export const upper = (text: string): string => text.toLocaleUpperCase('vi');

/**
 * Characters an XML 1.0 document cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/F).
 * The API's text policy refuses them already; the renderers replace any that slip through so a letter never
 * becomes an unreadable file.
 */
const UNPRINTABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NFC (one spelling for every Vietnamese letter, so search and comparison work), printable, one line. */
function line(text: string): string {
  return text.normalize('NFC').replace(UNPRINTABLE, '\uFFFD').replace(/\s+/g, ' ').trim();
}

/** Paragraphs are separated by blank lines; a single line break inside one is a soft wrap from the editor. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n\s*/)
    .map(line)
    .filter((p) => p !== '');
}

/** Ends a sentence with `mark` unless it already ends in punctuation. */
function endWith(text: string, mark: string): string {
  return /[.;:!?]$/.test(text) ? text : `${text}${mark}`;
}

/** One table cell: its lines, top to bottom; the first states the fact, any others are details (in italics). */
export type Cell = string[];

/** The letter as it reads: every piece of text, in reading order within each part. */
export interface ComposedLetter {
  /** The header's left column, top to bottom; the line under the issuing body follows `issuingBody`. */
  sender: { parentBody: string[]; issuingBody: string[]; number: string; subject: string };
  /** The header's right column; the line under the motto follows `motto`. */
  national: { title: string; motto: string; placeAndDate: string };
  salutation: string;
  /** The supervisor's paragraphs, justified with a first-line indent. */
  message: string[];
  /** The sentence that introduces the table; absent when there are no contacts. */
  tableIntro: string | undefined;
  table: { headings: string[]; rows: Cell[][] };
  closing: string;
  recipients: { heading: string; lines: string[] };
  signature: { authority: string | undefined; title: string; name: string };
}

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const TABLE_HEADINGS = [
  'STT',
  'Mã hồ sơ',
  'Loại',
  'Nội dung',
  'Ngày nhận',
  'Hạn',
  'Quá hạn (ngày làm việc)',
] as const;
/**
 * Layout both renderers share, in twips (1/1440 inch) of the 9355-twip text width of an A4 page with Decree 30
 * margins. The header's right column holds the national title (250 pt at 12 pt bold) with a little room on either
 * side, so the two columns never touch; the left one takes the rest, breaking long names in two.
 */
export const TEXT_WIDTH_TWIPS = 9355;
export const HEADER_COLUMN_TWIPS: readonly [number, number] = [4100, 5255];
/** The table's columns: a 'YC-XXXXXXXXXX' id and a dd/MM/yyyy date fit on one line at 11 pt. */
export const TABLE_COLUMN_TWIPS: readonly number[] = [560, 1950, 1250, 2335, 1200, 1200, 860];

/**
 * Breaks a header name too wide for its column into the two most even lines ('ỦY BAN NHÂN DÂN' over 'TỈNH
 * QUẢNG TRỊ'), as letterheads do, instead of leaving one word alone on the second line. A name that fits, or
 * that cannot be split into two lines that fit, is returned whole for the renderer to wrap.
 */
export function balanceHeaderLine(text: string, width: number, measure: (text: string) => number): string[] {
  const words = text.split(' ');
  if (measure(text) <= width || words.length < 2) return [text];
  let best: { lines: string[]; widest: number } | undefined;
  for (let i = 1; i < words.length; i += 1) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const widest = Math.max(...lines.map(measure));
    if (widest <= width && (best === undefined || widest < best.widest)) best = { lines, widest };
  }
  return best?.lines ?? [text];
}

/** The table row of one contact: the subject and the journalist share the 'Nội dung' cell. */
function contactRow(contact: OverdueContactLine, index: number): Cell[] {
  const journalist = contact.journalist === undefined ? '' : line(contact.journalist);
  return [
    [String(index + 1)],
    [line(contact.contactId)],
    [line(contact.kindLabel)],
    journalist === '' ? [line(contact.subject)] : [line(contact.subject), `Người hỏi: ${journalist}`],
    [formatLocalDate(contact.submittedOn)],
    [formatInstantAsVietnamDate(contact.dueAt), `(${line(contact.clockLabel)})`],
    [String(contact.workingDaysOverdue)],
  ];
}

/**
 * Builds the wording of the letter. Throws a `RangeError` for input that would print a wrong letter: an
 * impossible date, a number that is not a positive integer, or a registry year that is not the signing year.
 */
export function composeReminderLetter(letter: ReminderLetter): ComposedLetter {
  const { letterhead: head } = letter;
  const issued = parseLocalDate(letter.issuedOn);
  if (issued.year !== letter.year) {
    throw new RangeError(
      `Letter number ${letter.number}/${letter.year} cannot be signed on ${letter.issuedOn}.`,
    );
  }
  const addressee = line(letter.addressee);
  const issuingBody = line(head.issuingBody);
  const count = letter.contacts.length;
  const headerLines = (name: string) =>
    name
      .split('\n')
      .map(line)
      .filter((l) => l !== '')
      .map(upper);
  const authority = line(head.signerAuthority ?? '');
  return {
    sender: {
      parentBody: headerLines(head.parentBody),
      issuingBody: headerLines(head.issuingBody),
      number: `Số: ${formatDocumentNumber(letter.number, line(head.symbol))}`,
      subject: line(letter.subject),
    },
    national: {
      title: NATIONAL_TITLE,
      motto: MOTTO,
      placeAndDate: formatPlaceAndDate(line(head.place), letter.issuedOn),
    },
    salutation: `Kính gửi: ${endWith(addressee, '.')}`,
    message: splitParagraphs(letter.message),
    tableIntro:
      count === 0
        ? undefined
        : `Tính đến ngày ${formatLocalDate(letter.issuedOn)}, ${addressee} còn ${count} yêu cầu của cơ quan ` +
          `báo chí, nhà báo đã quá hạn trả lời, cụ thể như sau:`,
    table: { headings: [...TABLE_HEADINGS], rows: letter.contacts.map(contactRow) },
    closing:
      `Đề nghị ${addressee} khẩn trương trả lời ${count === 0 ? 'các yêu cầu của báo chí' : 'các yêu cầu nêu trên'} ` +
      `theo quy định và báo cáo kết quả về ${issuingBody}./.`,
    recipients: {
      heading: 'Nơi nhận:',
      lines: [
        '- Như trên;',
        ...head.copyTo
          .map(line)
          .filter((l) => l !== '')
          .map((l) => `- ${l.replace(/^[-–]\s*/, '').replace(/[;.,]+$/, '')};`),
        '- Lưu: VT.',
      ],
    },
    signature: {
      authority: authority === '' ? undefined : upper(authority),
      title: upper(line(head.signerTitle)),
      name: line(head.signerName),
    },
  };
}

/**
 * The letter's text lines in reading order (left header column, right header column, body, table rows with
 * cells joined by ' | ', recipients, signature): what both renderers print, for previews, logs and tests.
 */
export function reminderLetterLines(letter: ReminderLetter): string[] {
  const c = composeReminderLetter(letter);
  const joinRow = (cells: readonly Cell[]) => cells.map((cell) => cell.join(' ')).join(' | ');
  return [
    ...c.sender.parentBody,
    ...c.sender.issuingBody,
    c.sender.number,
    c.sender.subject,
    c.national.title,
    c.national.motto,
    c.national.placeAndDate,
    c.salutation,
    ...c.message,
    ...(c.tableIntro === undefined
      ? []
      : [c.tableIntro, c.table.headings.join(' | '), ...c.table.rows.map(joinRow)]),
    c.closing,
    c.recipients.heading,
    ...c.recipients.lines,
    ...(c.signature.authority === undefined ? [] : [c.signature.authority]),
    c.signature.title,
    c.signature.name,
  ];
}
