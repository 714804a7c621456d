/**
 * @module
 * Reading and writing the spreadsheets of imports and exports: CSV (UTF-8) and XLSX (first sheet, through
 * exceljs). The format is told by the file's first bytes, never by its name. Every refusal is an
 * `InvalidInputError` (422) saying what the file is and how to save it properly. A ZIP is inflated once,
 * bounded, before exceljs sees it, so a small "zip bomb" cannot exhaust the process's memory.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { InvalidInputError } from '../../domain/errors.ts';
import { neutraliseForExport, type Cell } from '../../domain/registry/import-rows.ts';
import { formatCsv, parseCsv } from './csv.ts';

export const LIMITS = {
  bytes: 10 * 1024 * 1024,
  rows: 20_000,
  columns: 30,
  unzippedBytes: 200 * 1024 * 1024,
};
export type SheetFormat = 'csv' | 'xlsx';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Table {
  format: SheetFormat;
  headers: string[];
  /** Data rows that are not entirely empty, with their spreadsheet row numbers (the header is row 1). */
  rows: { row: number; cells: Cell[] }[];
}

const refuse = (code: string, message: string) => new InvalidInputError(code, message);
const SAVE_AS = 'Save it in Excel as "Excel Workbook (.xlsx)" or "CSV UTF-8 (Comma delimited) (.csv)".';
const tooManyRows = () =>
  refuse('too_many_rows', `The file has more than ${LIMITS.rows} data rows; split it into several files.`);
const tooManyColumns = () =>
  refuse('too_many_columns', `The file has more than ${LIMITS.columns} columns; remove the extra columns.`);

const startsWith = (bytes: Uint8Array, ...sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** What a file that is no spreadsheet we read looks like, for the message. */
function foreignFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0))
    return 'an Excel 97–2003 workbook (.xls) or a password-protected workbook';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff))
    return 'text in UTF-16 (Excel\'s "Unicode Text")';
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return 'a binary file or text in UTF-16';
  const text = new TextDecoder()
    .decode(head.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<(!doctype|html|\?xml|table)/i.test(text))
    return 'an HTML or XML page (some systems name these .xls)';
  return undefined;
}

/** Checks a ZIP's entries by inflating them within a total bound; returns their names. */
function inspectZip(bytes: Uint8Array): string[] {
  const broken = () => refuse('unsupported_file', `The file is a damaged ZIP/XLSX archive. ${SAVE_AS}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557) && eocd < 0; i--)
    if (view.getUint32(i, true) === 0x06054b50) eocd = i;
  if (eocd < 0) throw broken();
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw broken();
    const [flags, method] = [view.getUint16(p + 8, true), view.getUint16(p + 10, true)];
    const compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const local = view.getUint32(p + 42, true);
    names.push(new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)));
    if (flags & 1) throw refuse('unsupported_file', 'The workbook is encrypted; remove its password first.');
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw broken();
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > bytes.length) throw broken();
    const data = bytes.subarray(start, start + compressed);
    try {
      if (method === 8)
        total += inflateRawSync(data, { maxOutputLength: LIMITS.unzippedBytes - total + 1 }).length;
      else if (method === 0) total += data.length;
      else throw broken();
    } catch (error) {
      if (error instanceof InvalidInputError) throw error;
      if (error instanceof RangeError) total = Infinity;
      else throw broken();
    }
    if (total > LIMITS.unzippedBytes)
      throw refuse(
        'file_too_large',
        'The workbook unpacks to more than 200 MB; split it into several files.',
      );
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return names;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lenient.slice(0, lenient.indexOf('\uFFFD')).split(/\r\n|\r|\n/).length;
    throw refuse(
      'invalid_encoding',
      `The CSV file is not valid UTF-8 (first bad byte on line ${line}). Excel on Windows often saves CSV ` +
        `in Windows-1258 or UTF-16; in Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (.csv)", or upload the .xlsx.`,
    );
  }
}

function fromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date)
    return value;
  if ('formula' in value || 'sharedFormula' in value)
    return `=${'sharedFormula' in value ? value.sharedFormula : value.formula}`;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('hyperlink' in value) return fromExcel(value.text);
  if ('error' in value) return value.error;
  return '';
}

async function readXlsx(bytes: Uint8Array): Promise<{ headers: string[]; rows: Table['rows'] }> {
  const names = inspectZip(bytes);
  if (names.includes('mimetype') && names.some((n) => n === 'content.xml'))
    throw refuse('unsupported_file', `The file is an OpenDocument spreadsheet (.ods). ${SAVE_AS}`);
  if (!names.includes('xl/workbook.xml'))
    throw refuse('unsupported_file', `The file is a ZIP archive, not an Excel workbook. ${SAVE_AS}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw refuse('unsupported_file', `The workbook could not be read. ${SAVE_AS}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refuse('empty_file', 'The workbook has no sheet.');
  if (sheet.actualRowCount > LIMITS.rows + 1) throw tooManyRows();
  let headers: string[] = [];
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(fromExcel);
    if (values.length > LIMITS.columns) throw tooManyColumns();
    if (number === 1) headers = values.map((v) => (v === null || v === undefined ? '' : String(v)));
    else if (values.some((v) => v !== null && v !== undefined && String(v).trim() !== ''))
      rows.push({ row: number, cells: values });
  });
  return { headers, rows };
}

/**
 * Reads the first sheet of an XLSX workbook or a UTF-8 CSV file (BOM optional).
 * @throws InvalidInputError for another format, bad encoding, or past the limits.
 */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length > LIMITS.bytes) throw refuse('file_too_large', 'The file is larger than 10 MB.');
  if (bytes.length === 0) throw refuse('empty_file', 'The file is empty.');
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) return { format: 'xlsx', ...(await readXlsx(bytes)) };
  const foreign = foreignFormat(bytes);
  if (foreign)
    throw refuse('unsupported_file', `The file is ${foreign}, not a spreadsheet we read. ${SAVE_AS}`);
  const records = parseCsv(decodeUtf8(bytes), LIMITS.rows + 1, tooManyRows);
  if (records.some((r) => r.length > LIMITS.columns)) throw tooManyColumns();
  const [headers = [], ...data] = records;
  const rows = data
    .map((cells, i) => ({ row: i + 2, cells: cells }))
    .filter((r) => r.cells.some((c) => typeof c === 'string' && c.trim() !== ''));
  return { format: 'csv', headers, rows };
}

/**
 * A CSV (UTF-8 with BOM) or XLSX file of the rows. Text that could run as a formula is prefixed with `'`;
 * `dateColumns` (`'YYYY-MM-DD'` values) become real dates in XLSX.
 */
export async function writeTable(
  format: SheetFormat,
  headers: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  options: { sheetName?: string; dateColumns?: readonly number[] } = {},
): Promise<Uint8Array> {
  const safe = rows.map((r) => r.map((v) => (v === null ? '' : neutraliseForExport(v))));
  if (format === 'csv') return new TextEncoder().encode(formatCsv(headers, safe));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow([...headers]).font = { bold: true };
  const dates = new Set(options.dateColumns ?? []);
  for (const r of safe) {
    sheet.addRow(
      r.map((v, i) => {
        if (v === '') return null;
        const ymd = dates.has(i) ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
        return ymd ? new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3]))) : v;
      }),
    );
  }
  headers.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(40, Math.max(12, h.length + 2));
    if (dates.has(i)) column.numFmt = 'dd/mm/yyyy';
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
