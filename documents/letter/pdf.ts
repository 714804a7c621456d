/**
 * @module
 * The reminder letter as a PDF laid out like a công văn of Decree 30/2020/NĐ-CP, Appendix I: A4, margins
 * 20/20/30/15 mm, Times-metric Tinos embedded (regular, bold, italic, bold italic), the two-column header,
 * the body justified with a first-line indent, the table of overdue contacts breaking across pages with its
 * heading row repeated, and the recipients beside the signature block. Pages from the second are numbered at
 * the top centre, as the decree asks.
 */
import PDFDocument from 'pdfkit';
import { loadTinos, tinosFontPaths, type TinosFonts, type TinosStyle } from './fonts.ts';
import {
  HEADER_COLUMN_TWIPS,
  TABLE_COLUMN_TWIPS,
  TEXT_WIDTH_TWIPS,
  balanceHeaderLine,
  composeReminderLetter,
  type Cell,
  type ComposedLetter,
  type ReminderLetter,
} from './model.ts';

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const A4: [number, number] = [595.28, 841.89];
const CONTENT_WIDTH = A4[0] - MARGINS.left - MARGINS.right;
const BOTTOM = A4[1] - MARGINS.bottom;
/** Twips of the text width (shared with the DOCX) to points of this page. */
const fromTwips = (twips: number): number => (twips / TEXT_WIDTH_TWIPS) * CONTENT_WIDTH;
/** The header's left column (the sender); the right one (national title) takes the rest. */
const SENDER_WIDTH = fromTwips(HEADER_COLUMN_TWIPS[0]);
/** Extra space between lines; with Tinos's own gap this gives about 1.2 lines. */
const LINE_GAP = 1.5;
const RULE_WIDTH = 0.6;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2.5;

/** Room for the signature and the seal, between the signer's title and name. */
const SIGNATURE_SPACE = 64;

type Align = 'left' | 'center' | 'right' | 'justify';
interface Style {
  face: TinosStyle;
  size: number;
  align?: Align;
}
/** The style of line `line` of the cell in column `column`. */
type CellStyle = (column: number, line: number) => Style;

const BODY: Style = { face: 'regular', size: 13 };
const BODY_OPTIONS: PDFKit.Mixins.TextOptions = {
  width: CONTENT_WIDTH,
  align: 'justify',
  indent: 10 * MM,
  lineGap: LINE_GAP,
};

/** Renders the letter; the same wording as the DOCX, from {@link composeReminderLetter}. */
export async function renderReminderLetterPdf(letter: ReminderLetter): Promise<Uint8Array> {
  const composed = composeReminderLetter(letter);
  const fonts = await loadTinos();
  const doc = new PDFDocument({
    size: A4,
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'vi-VN',
    displayTitle: true,
    // Tinos from the start, so pdfkit never sets up its default Helvetica (which has no Vietnamese letters).
    font: tinosFontPaths().regular,
    autoFirstPage: false,
    info: {
      Title: `${composed.sender.number} ${composed.sender.subject}`,
      Author: composed.sender.issuingBody.join(' '),
      Subject: composed.sender.subject,
      Creator: 'Press Liaison',
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (const face of Object.keys(fonts.files) as TinosStyle[]) doc.registerFont(face, fonts.files[face]);
  doc.addPage();
  new LetterWriter(doc, fonts).write(composed);
  numberPages(doc, fonts);
  doc.end();
  await finished;
  return concat(chunks);
}

/** Draws the composed letter top to bottom, keeping the cursor `y` itself so nothing lands off the page. */
class LetterWriter {
  private y = MARGINS.top;
  private readonly doc: PDFKit.PDFDocument;
  private readonly fonts: TinosFonts;

  constructor(doc: PDFKit.PDFDocument, fonts: TinosFonts) {
    this.doc = doc;
    this.fonts = fonts;
  }

  write(c: ComposedLetter): void {
    this.header(c);
    this.y += 10;
    this.y = this.text(c.salutation, MARGINS.left, this.y, CONTENT_WIDTH, {
      face: 'regular',
      size: 13,
      align: 'center',
    });
    this.y += 8;
    for (const paragraph of c.message) this.paragraph(paragraph);
    if (c.tableIntro !== undefined) {
      this.paragraph(c.tableIntro);
      this.table(c.table.headings, c.table.rows);
      this.y += 8;
    }
    this.closing(c);
  }

  private header(c: ComposedLetter): void {
    const left = MARGINS.left;
    const right = MARGINS.left + SENDER_WIDTH;
    const rightWidth = CONTENT_WIDTH - SENDER_WIDTH;
    let senderY = this.y;
    const parent: Style = { face: 'regular', size: 12, align: 'center' };
    for (const l of this.headerLines(c.sender.parentBody, parent))
      senderY = this.text(l, left, senderY, SENDER_WIDTH, parent);
    const issuing: Style = { face: 'bold', size: 12.5, align: 'center' };
    const issuingLines = this.headerLines(c.sender.issuingBody, issuing);
    for (const l of issuingLines) senderY = this.text(l, left, senderY, SENDER_WIDTH, issuing);
    // Decree 30: a solid line a third to a half as long as the name, centred under it.
    const nameWidth = Math.min(SENDER_WIDTH, Math.max(0, ...issuingLines.map((l) => this.width(l, issuing))));
    this.rule(left + SENDER_WIDTH / 2, senderY + 2, nameWidth * 0.4);

    let nationalY = this.y;
    nationalY = this.text(c.national.title, right, nationalY, rightWidth, {
      face: 'bold',
      size: 12,
      align: 'center',
    });
    const motto: Style = { face: 'bold', size: 13, align: 'center' };
    nationalY = this.text(c.national.motto, right, nationalY, rightWidth, motto);
    // Decree 30: a solid line exactly as long as the motto.
    this.rule(right + rightWidth / 2, nationalY + 2, this.width(c.national.motto, motto));

    // The number and the place-and-date share a line; the summary goes under the number.
    const row = Math.max(senderY, nationalY) + 12;
    let afterNumber = this.text(c.sender.number, left, row, SENDER_WIDTH, {
      face: 'regular',
      size: 13,
      align: 'center',
    });
    afterNumber = this.text(c.sender.subject, left, afterNumber + 2, SENDER_WIDTH, {
      face: 'regular',
      size: 12,
      align: 'center',
    });
    const afterDate = this.text(c.national.placeAndDate, right, row, rightWidth, {
      face: 'italic',
      size: 13,
      align: 'center',
    });
    this.y = Math.max(afterNumber, afterDate);
  }

  /** The caller's lines of a header name, each too wide for the column broken in two even halves. */
  private headerLines(names: readonly string[], style: Style): string[] {
    const measure = (text: string) => this.fonts.measure(text, style.face, style.size);
    return names.flatMap((name) => balanceHeaderLine(this.printable(name), SENDER_WIDTH, measure));
  }

  /** A body paragraph: justified, 1 cm first-line indent, 6 pt after; pdfkit carries it over pages. */
  private paragraph(text: string): void {
    this.ensure(this.lineHeight(13) * 2);
    this.font(BODY);
    this.doc.text(this.printable(text), MARGINS.left, this.y, BODY_OPTIONS);
    this.y = this.doc.y + 6;
  }

  private paragraphHeight(text: string): number {
    this.font(BODY);
    return this.doc.heightOfString(this.printable(text), BODY_OPTIONS) + 6;
  }

  private table(headings: readonly string[], rows: readonly Cell[][]): void {
    const widths = TABLE_COLUMN_TWIPS.map(fromTwips);
    const aligns: Align[] = ['center', 'left', 'left', 'left', 'center', 'center', 'center'];
    const headStyle = (_column: number, _line: number): Style => ({
      face: 'bold',
      size: 11,
      align: 'center',
    });
    // A cell's first line is the fact; the lines under it (who asked, which deadline) are details, in italics.
    const cellStyle = (i: number, line: number): Style => ({
      face: line === 0 ? 'regular' : 'italic',
      size: 11,
      align: aligns[i] ?? 'left',
    });
    const head = headings.map((h) => [h]);
    const headHeight = this.rowHeight(head, widths, headStyle);
    const rowHeights = rows.map((cells) => this.rowHeight(cells, widths, cellStyle));
    // The heading row never sits alone at the foot of a page.
    this.ensure(headHeight + Math.min(rowHeights[0] ?? 0, BOTTOM - MARGINS.top - headHeight));
    this.row(head, widths, headHeight, headStyle);
    rows.forEach((cells, r) => {
      // A row taller than a whole page (only hostile input does that) is cut to one page rather than overflow.
      const height = Math.min(rowHeights[r]!, BOTTOM - MARGINS.top - headHeight);
      if (this.y + height > BOTTOM) {
        this.newPage();
        this.row(head, widths, headHeight, headStyle);
      }
      this.row(cells, widths, height, cellStyle);
    });
  }

  private rowHeight(cells: readonly Cell[], widths: readonly number[], style: CellStyle): number {
    const heights = cells.map((cell, i) =>
      cell.reduce((sum, text, l) => sum + this.cellLineHeight(text, widths[i]!, style(i, l)), 0),
    );
    return Math.max(...heights) + 2 * CELL_PAD_Y;
  }

  private cellLineHeight(text: string, width: number, style: Style): number {
    this.font(style);
    return this.doc.heightOfString(this.printable(text), { width: width - 2 * CELL_PAD_X, lineGap: 0.5 });
  }

  /** Draws the cells line by line (so no line break is left to pdfkit) and never below the row's height. */
  private row(cells: readonly Cell[], widths: readonly number[], height: number, style: CellStyle): void {
    let x = MARGINS.left;
    cells.forEach((cell, i) => {
      const width = widths[i]!;
      const bottom = this.y + height - CELL_PAD_Y;
      let y = this.y + CELL_PAD_Y;
      cell.forEach((text, l) => {
        const s = style(i, l);
        const room = bottom - y;
        if (room < this.lineHeight(s.size) - LINE_GAP) return;
        this.font(s);
        this.doc.text(this.printable(text), x + CELL_PAD_X, y, {
          width: width - 2 * CELL_PAD_X,
          height: room + 0.5,
          ellipsis: true,
          align: s.align ?? 'left',
          lineGap: 0.5,
        });
        y += this.cellLineHeight(text, width, s);
      });
      this.doc.rect(x, this.y, width, height).lineWidth(0.5).stroke();
      x += width;
    });
    this.y += height;
  }

  /**
   * The closing paragraph, then the recipients on the left and the signature on the right. The signature
   * never starts a page alone: when the block does not fit, the closing paragraph moves over with it.
   */
  private closing(c: ComposedLetter): void {
    const leftWidth = CONTENT_WIDTH * 0.45;
    const signX = MARGINS.left + leftWidth;
    const signWidth = CONTENT_WIDTH - leftWidth;
    const heading: Style = { face: 'boldItalic', size: 12, align: 'left' };
    const recipient: Style = { face: 'regular', size: 11, align: 'left' };
    const signer: Style = { face: 'bold', size: 13, align: 'center' };
    const signatureLines = [c.signature.authority, c.signature.title].filter((l) => l !== undefined);
    const recipientsHeight =
      this.measure(c.recipients.heading, leftWidth, heading) +
      c.recipients.lines.reduce((sum, l) => sum + this.measure(l, leftWidth, recipient), 0);
    const signHeight =
      [...signatureLines, c.signature.name].reduce((sum, l) => sum + this.measure(l, signWidth, signer), 0) +
      SIGNATURE_SPACE;
    const blockHeight = Math.max(recipientsHeight, signHeight) + 12;
    const together = this.paragraphHeight(c.closing) + blockHeight;
    if (together <= BOTTOM - MARGINS.top) this.ensure(together);
    this.paragraph(c.closing);
    this.ensure(blockHeight);
    const top = this.y + 12;

    let leftY = this.text(c.recipients.heading, MARGINS.left, top, leftWidth, heading);
    for (const l of c.recipients.lines) leftY = this.text(l, MARGINS.left, leftY, leftWidth, recipient);

    let rightY = top;
    for (const l of signatureLines) rightY = this.text(l, signX, rightY, signWidth, signer);
    rightY = this.text(c.signature.name, signX, rightY + SIGNATURE_SPACE, signWidth, signer);
    this.y = Math.max(leftY, rightY);
  }

  /** Draws a block of text at a fixed place and returns the y below it. */
  private text(text: string, x: number, y: number, width: number, style: Style): number {
    this.font(style);
    const printable = this.printable(text);
    this.doc.text(printable, x, y, { width, align: style.align ?? 'left', lineGap: LINE_GAP });
    return y + this.doc.heightOfString(printable, { width, lineGap: LINE_GAP });
  }

  private measure(text: string, width: number, style: Style): number {
    this.font(style);
    return this.doc.heightOfString(this.printable(text), { width, lineGap: LINE_GAP });
  }

  private width(text: string, style: Style): number {
    this.font(style);
    return this.doc.widthOfString(this.printable(text));
  }

  private rule(centreX: number, y: number, length: number): void {
    this.doc
      .moveTo(centreX - length / 2, y)
      .lineTo(centreX + length / 2, y)
      .lineWidth(RULE_WIDTH)
      .stroke();
  }

  private lineHeight(size: number): number {
    this.font({ face: 'regular', size });
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  private ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGINS.top;
  }

  private font(style: Style): void {
    this.doc.font(style.face).fontSize(style.size);
  }

  private printable(text: string): string {
    return printable(text, this.fonts);
  }
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/**
 * Replaces every character Tinos cannot draw (emoji, CJK…) with U+FFFD. Left alone it would be drawn as an
 * empty box and copied out of the PDF as U+0000, so a reader could not even tell that something was there.
 */
export function printable(text: string, fonts: Pick<TinosFonts, 'covers'>): string {
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const drawable = [...segment].every((ch) => ch === '\n' || fonts.covers(ch.codePointAt(0)!));
    out += drawable ? segment : '\uFFFD';
  }
  return out;
}

/** Decree 30: page numbers from the second page on, centred in the top margin. */
function numberPages(doc: PDFKit.PDFDocument, fonts: TinosFonts): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i += 1) {
    doc.switchToPage(i);
    const label = printable(String(i - start + 1), fonts);
    doc.font('regular').fontSize(13);
    doc.text(label, MARGINS.left, 10 * MM, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
