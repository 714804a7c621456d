/**
 * @module
 * The reminder letter as a Word document laid out like a công văn of Decree 30/2020/NĐ-CP, Appendix I: A4,
 * margins 20/20/30/15 mm, Times New Roman 13 pt (named, not embedded: it is the official font and every copy of
 * Word has it), the two-column header as a borderless table, the table of overdue contacts with its heading row
 * repeated on each page, and the recipients beside the signature block. Pages from the second are numbered at
 * the top centre. The department edits and signs this file, so it keeps to plain paragraphs and tables.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { loadTinos, type TinosStyle } from './fonts.ts';
import {
  HEADER_COLUMN_TWIPS,
  TABLE_COLUMN_TWIPS,
  TEXT_WIDTH_TWIPS,
  balanceHeaderLine,
  composeReminderLetter,
  type Cell,
  type ReminderLetter,
} from './model.ts';

const FONT = 'Times New Roman';
/** Millimetres to twips, rounded: docx's own `convertMillimetersToTwip` truncates (30 mm → 1700, not 1701). */
const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
/** Word sizes text in half points. */
const pt = (points: number): number => points * 2;
/** A body paragraph: justified, 1 cm first-line indent, 6 pt after, 1.15 lines. */
const BODY: Omit<IParagraphOptions, 'children'> = {
  alignment: AlignmentType.JUSTIFIED,
  indent: { firstLine: mm(10) },
  spacing: { after: 120, line: 276 },
};
type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

/** Renders the letter; the same wording as the PDF, from {@link composeReminderLetter}. */
export async function renderReminderLetterDocx(letter: ReminderLetter): Promise<Uint8Array> {
  const c = composeReminderLetter(letter);
  // Tinos has Times New Roman's widths, so it measures what Word will set: for the rules and the name breaks.
  const fonts = await loadTinos();
  const [senderWidth, nationalWidth] = HEADER_COLUMN_TWIPS;
  const twips = (text: string, style: TinosStyle, size: number) => fonts.measure(text, style, size) * 20;
  const headerLines = (names: readonly string[], style: TinosStyle, size: number) =>
    names.flatMap((name) => balanceHeaderLine(name, senderWidth, (t) => twips(t, style, size)));
  const issuingLines = headerLines(c.sender.issuingBody, 'bold', 12.5);
  const bodyText = (text: string): Paragraph => paragraph([run(text)], BODY);

  const header = borderlessTable(HEADER_COLUMN_TWIPS, [
    [
      [
        ...headerLines(c.sender.parentBody, 'regular', 12).map((l) => centred(l, { size: pt(12) })),
        ...issuingLines.map((l) => centred(l, { size: pt(12.5), bold: true })),
        // Decree 30: a solid line a third to a half as long as the name, centred under it.
        rule(
          senderWidth,
          Math.min(senderWidth, Math.max(0, ...issuingLines.map((l) => twips(l, 'bold', 12.5)))) * 0.4,
        ),
      ],
      [
        centred(c.national.title, { size: pt(12), bold: true }),
        centred(c.national.motto, { size: pt(13), bold: true }),
        // Decree 30: a solid line exactly as long as the motto.
        rule(nationalWidth, twips(c.national.motto, 'bold', 13)),
      ],
    ],
    [
      [
        centred(c.sender.number, { size: pt(13) }, { spacing: { before: 200 } }),
        centred(c.sender.subject, { size: pt(12) }),
      ],
      [centred(c.national.placeAndDate, { size: pt(13), italics: true }, { spacing: { before: 200 } })],
    ],
  ]);

  const contacts =
    c.tableIntro === undefined
      ? []
      : [
          bodyText(c.tableIntro),
          contactsTable(c.table.headings, c.table.rows),
          paragraph([], { spacing: { after: 60 } }),
        ];

  const signatureLines = [c.signature.authority, c.signature.title].filter((l) => l !== undefined);
  const closing = borderlessTable(HEADER_COLUMN_TWIPS, [
    [
      [
        paragraph([run(c.recipients.heading, { size: pt(12), bold: true, italics: true })]),
        ...c.recipients.lines.map((l) => paragraph([run(l, { size: pt(11) })])),
      ],
      [
        ...signatureLines.map((l) => centred(l, { size: pt(13), bold: true })),
        // Room for the signature and the seal.
        ...Array.from({ length: 4 }, () => paragraph([])),
        centred(c.signature.name, { size: pt(13), bold: true }),
      ],
    ],
  ]);

  const document = new Document({
    title: `${c.sender.number} ${c.sender.subject}`,
    subject: c.sender.subject,
    creator: 'Press Liaison',
    styles: {
      default: {
        document: {
          run: { font: FONT, size: pt(13), language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: mm(20),
              bottom: mm(20),
              left: mm(30),
              right: mm(15),
              header: mm(10),
              footer: mm(10),
            },
          },
        },
        // Decree 30: no number on the first page, then centred at the top.
        headers: {
          first: new Header({ children: [paragraph([])] }),
          default: new Header({
            children: [
              paragraph([new TextRun({ children: [PageNumber.CURRENT] })], {
                alignment: AlignmentType.CENTER,
              }),
            ],
          }),
        },
        children: [
          header,
          centred(c.salutation, {}, { spacing: { before: 240, after: 160 } }),
          ...c.message.map(bodyText),
          ...contacts,
          // Kept with the signature block (a row that never splits), so the signature never starts a page alone.
          paragraph([run(c.closing)], { ...BODY, keepNext: true, keepLines: true }),
          paragraph([], { spacing: { after: 120 }, keepNext: true }),
          closing,
          // Word expects the body to end with a paragraph, not a table.
          paragraph([], { spacing: { line: 60, lineRule: LineRuleType.EXACT } }),
        ],
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ ...options, text });
}

function paragraph(children: TextRun[], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph {
  return new Paragraph({ ...options, children });
}

function centred(
  text: string,
  runOptions: Omit<IRunOptions, 'text'>,
  options: Omit<IParagraphOptions, 'children'> = {},
): Paragraph {
  return paragraph([run(text, runOptions)], { ...options, alignment: AlignmentType.CENTER });
}

/** A centred horizontal line of `length` twips: the bottom border of an empty 3 pt paragraph, indented in. */
function rule(columnWidth: number, length: number): Paragraph {
  const side = Math.max(0, Math.round((columnWidth - length) / 2));
  return new Paragraph({
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 60, lineRule: LineRuleType.EXACT },
    run: { size: 2 },
  });
}

/** A table without borders, for laying out columns side by side. */
function borderlessTable(widths: readonly number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (children, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children }),
          ),
        }),
    ),
  });
}

const CELL_ALIGNMENT: readonly Alignment[] = [
  AlignmentType.CENTER,
  AlignmentType.LEFT,
  AlignmentType.LEFT,
  AlignmentType.LEFT,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
  AlignmentType.CENTER,
];

/** The overdue contacts, 11 pt, thin borders, the heading row repeated on every page, rows never split. */
function contactsTable(headings: readonly string[], rows: readonly Cell[][]): Table {
  const cell = (lines: Cell, i: number, bold: boolean) =>
    new TableCell({
      width: { size: TABLE_COLUMN_TWIPS[i]!, type: WidthType.DXA },
      verticalAlign: bold ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
      // The first line states the fact; the lines under it (who asked, which deadline) are details, in italics.
      children: lines.map((l, n) =>
        paragraph([run(l, { size: pt(11), bold, italics: !bold && n > 0 })], {
          alignment: bold ? AlignmentType.CENTER : (CELL_ALIGNMENT[i] ?? AlignmentType.LEFT),
        }),
      ),
    });
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: [...TABLE_COLUMN_TWIPS],
    layout: TableLayoutType.FIXED,
    margins: { left: 60, right: 60, top: 40, bottom: 40 },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headings.map((h, i) => cell([h], i, true)),
      }),
      ...rows.map(
        (cells) => new TableRow({ cantSplit: true, children: cells.map((l, i) => cell(l, i, false)) }),
      ),
    ],
  });
}
