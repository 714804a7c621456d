/**
 * @module
 * CSV as RFC 4180 describes it, plus what Excel does in practice: the delimiter may be `,`, `;` (Excel in a
 * Vietnamese locale, whose decimal separator is the comma) or a tab; lines end in CRLF, LF or CR; a UTF-8
 * BOM is written so Excel reads Vietnamese text as UTF-8.
 */
import { InvalidInputError } from '../../domain/errors.ts';

/** The delimiter that occurs most often outside quotes in the first record. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * Splits CSV text into records (blank lines included, so record numbers are Excel's row numbers).
 * @param maxRecords stop with an error past this many records.
 * @throws InvalidInputError for an unclosed quote or too many records.
 */
export function parseCsv(text: string, maxRecords: number, tooMany: () => Error): string[][] {
  const delimiter = detectDelimiter(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoteOpenedAt = -1;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    if (records.length > maxRecords) throw tooMany();
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoteOpenedAt >= 0) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoteOpenedAt = -1;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoteOpenedAt = records.length + 1;
    else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (quoteOpenedAt >= 0) {
    throw new InvalidInputError(
      'invalid_csv',
      `The CSV file is malformed: a quoted value opened on row ${quoteOpenedAt} is never closed.`,
    );
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

function csvField(value: string): string {
  return /[",;\t\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text with a UTF-8 BOM and CRLF line ends; cells must already be strings. */
export function formatCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [headers, ...rows].map((r) => r.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
