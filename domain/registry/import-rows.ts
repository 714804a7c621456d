/**
 * @module
 * Spreadsheet rows of the registry (spokespersons, journalists): the columns with their Vietnamese and
 * English headers, and the checks every cell passes before a row may change anything — dates written
 * YYYY-MM-DD, DD/MM/YYYY or as real Excel dates, lengths, e-mails, phones, and no spreadsheet formulas
 * (a cell starting with `=`, `+`, `-`, `@`, tab or CR could run in the next person's Excel). A cell that an
 * export neutralised with a leading `'` reads back as the text it was, so an export re-imports unchanged.
 */
import { isValidLocalDate, localDate, type LocalDate } from '../calendar/index.ts';
import { InvalidInputError } from '../errors.ts';
import { foldForSearch } from '../text/fold.ts';
import type { SpokespersonRoleType } from './spokesperson.ts';

/** A cell as a CSV or XLSX reader gives it. */
export type Cell = string | number | boolean | Date | null | undefined;
/**
 * Why a cell or a row is refused, as a stable code a client words in its own language. The cell codes come
 * from this module; the others from checking the row against the registry (`api/services/import-*.ts`).
 */
export type RowErrorCode =
  | 'not_a_date'
  | 'formula'
  | 'too_long'
  | 'bad_date'
  | 'bad_identifier'
  | 'bad_email'
  | 'bad_phone'
  | 'bad_role_type'
  | 'no_header'
  | 'required'
  | 'needed_for_create'
  | 'duplicate_in_file'
  | 'agency_change'
  | 'unknown_agency'
  | 'agency_not_allowed'
  | 'spokesperson_rule'
  | 'already_taken'
  | 'card_expired'
  | 'not_your_journalist'
  | 'unknown_province'
  | 'needed_with_province'
  | 'registration_ends_before_start'
  | 'province_not_allowed'
  | 'province_needed';
/** What an error's wording names: a row number, a length, an id, a date; `vi`/`en` for a worded rule. */
export type RowErrorParams = Record<string, string | number>;
export interface CellError {
  column: string;
  /** In English (Vietnamese for a `spokesperson_rule`), as it always was: other systems read it. */
  message: string;
  code: RowErrorCode;
  params?: RowErrorParams;
}
/**
 * Why a whole import job failed, as a stable code: `import_rows_invalid` (`params.errors` rows refused, nothing
 * written), `import_row_failed` (`params.row` could not be written, `params.reason` the cause's code),
 * `import_failed` (on the server's side).
 */
export type ImportFailureCode = 'import_rows_invalid' | 'import_row_failed' | 'import_failed';
export type ImportKind = 'spokespersons' | 'journalists';
/** How a column's cells are read. */
type Kind = 'text' | 'id' | 'date' | 'phone' | 'email' | 'roleType';

/** A column; `required`: needed to create an entry (an update may leave the column out). */
export type ColumnDef = { key: string; vi: string; en: string; kind: Kind; max: number; required: boolean };
const col = <K extends string>(key: K, vi: string, en: string, kind: Kind, max: number, required = false) =>
  ({ key, vi, en, kind, max, required }) as const;

export const SPOKESPERSON_COLUMNS = [
  col('id', 'Mã', 'Id', 'id', 64),
  col('agencyId', 'Cơ quan (mã)', 'Agency id', 'id', 64, true),
  col('fullName', 'Họ và tên', 'Full name', 'text', 200, true),
  col('roleType', 'Loại', 'Role type', 'roleType', 40, true),
  col('title', 'Chức vụ', 'Title', 'text', 300, true),
  col('phone', 'Điện thoại', 'Phone', 'phone', 50),
  col('email', 'Email', 'Email', 'email', 200),
  col('termStart', 'Từ ngày', 'Term start', 'date', 10, true),
  col('termEnd', 'Đến ngày', 'Term end', 'date', 10),
  col('documentNumber', 'Số văn bản', 'Document number', 'text', 100),
  col('documentDate', 'Ngày văn bản', 'Document date', 'date', 10),
  col('documentUrl', 'Đường dẫn văn bản', 'Document URL', 'text', 1000),
  col('delegatedById', 'Người ủy quyền (mã)', 'Delegated by id', 'id', 64),
  col('authorizedCase', 'Vụ việc', 'Authorized case', 'text', 500),
  col('topics', 'Lĩnh vực', 'Topics', 'text', 500),
];
export const JOURNALIST_COLUMNS = [
  col('id', 'Mã', 'Id', 'id', 64),
  col('fullName', 'Họ và tên', 'Full name', 'text', 200, true),
  col('pressOrganisation', 'Cơ quan báo chí', 'Press organisation', 'text', 300, true),
  col('pressCardNumber', 'Số thẻ nhà báo', 'Press card number', 'text', 50, true),
  col('pressCardExpiresOn', 'Hạn thẻ nhà báo', 'Card expiry', 'date', 10, true),
  col('email', 'Email', 'Email', 'email', 200),
  col('phone', 'Điện thoại', 'Phone', 'phone', 50),
  col('sub', 'Tài khoản đăng nhập', 'Sub', 'text', 200),
  col('residentProvinceId', 'Thường trú tại tỉnh (mã)', 'Resident province', 'id', 64),
  col('residentFrom', 'Thường trú từ ngày', 'Resident from', 'date', 10),
  col('residentTo', 'Thường trú đến ngày', 'Resident to', 'date', 10),
];
export type SpokespersonColumn = (typeof SPOKESPERSON_COLUMNS)[number]['key'];
export type JournalistColumn = (typeof JOURNALIST_COLUMNS)[number]['key'];

export const columnsOf = (kind: ImportKind): readonly ColumnDef[] =>
  kind === 'spokespersons' ? SPOKESPERSON_COLUMNS : JOURNALIST_COLUMNS;

const ROLE_LABELS: Record<SpokespersonRoleType, string> = {
  head: 'Thủ trưởng',
  spokesperson: 'Người phát ngôn',
  authorized: 'Người được ủy quyền',
};
/** Header and value spellings compared without case, diacritics, spaces or punctuation. */
const squash = (s: string) => foldForSearch(s).replace(/[^a-z0-9]/g, '');
const ROLE_BY_SPELLING = new Map<string, SpokespersonRoleType>(
  Object.entries(ROLE_LABELS).flatMap(([code, label]) => [
    [squash(code), code as SpokespersonRoleType],
    [squash(label), code as SpokespersonRoleType],
  ]),
);

export interface HeaderMap {
  kind: ImportKind;
  /** Per file column: the column it is, with the header as the file spells it (null: empty header). */
  columns: ({ def: ColumnDef; header: string } | null)[];
}

/**
 * Recognises the header row (Vietnamese or English). With an `Id` column (or a journalist's press card
 * number), rows may leave other columns out to update only what is given.
 * @throws InvalidInputError naming unknown, repeated and missing columns.
 */
export function mapHeaders(kind: ImportKind, headers: readonly string[]): HeaderMap {
  const defs = columnsOf(kind);
  const bySpelling = new Map(
    defs.flatMap((d) => [squash(d.vi), squash(d.en), squash(d.key)].map((s) => [s, d])),
  );
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  const columns = headers.map((raw, i) => {
    const header = raw.trim();
    if (!header) return null;
    const def = bySpelling.get(squash(header));
    if (!def) issues.push({ path: header, message: `column ${i + 1}: unknown column` });
    else if (seen.has(def.key)) issues.push({ path: header, message: `column ${i + 1}: the column repeats` });
    else seen.add(def.key);
    return def ? { def, header } : null;
  });
  // A file that names its entries (Id, or a journalist's press card) may carry only the columns to change.
  const keyed = seen.has('id') || (kind === 'journalists' && seen.has('pressCardNumber'));
  const missing = keyed ? [] : defs.filter((d) => d.required && !seen.has(d.key));
  for (const d of missing)
    issues.push({ path: d.vi, message: `the column '${d.vi}' / '${d.en}' is missing` });
  if (issues.length) {
    const expected = defs.map((d) => `${d.vi} (${d.en})`).join(', ');
    throw InvalidInputError.because(
      `The header row is not a ${kind} list. Expected columns: ${expected}.`,
      issues,
    );
  }
  return { kind, columns };
}

/** The columns needed to create an entry that the file does not have. */
export function missingForCreate(map: HeaderMap): ColumnDef[] {
  const present = new Set(map.columns.map((c) => c?.def.key));
  return columnsOf(map.kind).filter((d) => d.required && !present.has(d.key));
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const SAFE_PHONE = /^\+[\d .]+$/;

/** A cell a spreadsheet program could run as a formula. */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value) || FORMULA_START.test(value.replace(/^ +/, ''));
}

/** Prefixes formula-like text with `'`, so spreadsheet programs show it as text. */
export function neutraliseForExport(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/** `'YYYY-MM-DD'` from ISO, DD/MM/YYYY (also `-` or `.`), a `Date` or an Excel serial day number. */
export function parseDateCell(cell: Cell): LocalDate | undefined {
  let date: LocalDate | undefined;
  if (cell instanceof Date) {
    if (!Number.isNaN(cell.getTime()))
      date = localDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  } else if (typeof cell === 'number') {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
    if (cell >= 1 && cell < 2_958_466) date = localDate(1899, 12, 30 + Math.floor(cell));
  } else if (typeof cell === 'string') {
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(cell.trim());
    date = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : cell.trim();
  }
  return date !== undefined && isValidLocalDate(date) && date >= '1900-01-01' && date <= '2199-12-31'
    ? date
    : undefined;
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell);
}

type CellProblem = { error: string; code: RowErrorCode; params?: RowErrorParams };
const problem = (code: RowErrorCode, error: string, params?: RowErrorParams): CellProblem =>
  params ? { error, code, params } : { error, code };

/** One cell checked and normalised: `null` for empty, or what is wrong. */
function readCell(def: ColumnDef, cell: Cell): { value: string | null } | CellProblem {
  if (def.kind === 'date' && (cell instanceof Date || typeof cell === 'number')) {
    const date = parseDateCell(cell);
    return date === undefined ? problem('not_a_date', 'not a date') : { value: date };
  }
  let text = cellText(cell);
  if (/^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) text = text.slice(1);
  else if (looksLikeFormula(text) && !(def.kind === 'phone' && SAFE_PHONE.test(text.trim())))
    return problem(
      'formula',
      "looks like a spreadsheet formula (starts with =, +, -, @, tab or CR); if it is text, start it with '",
    );
  text = text.replace(/\s+/g, ' ').trim();
  if (!text) return { value: null };
  if (text.length > def.max)
    return problem('too_long', `longer than ${def.max} characters`, { max: def.max });
  switch (def.kind) {
    case 'date': {
      const date = parseDateCell(text);
      return date === undefined
        ? problem('bad_date', 'expected a date YYYY-MM-DD or DD/MM/YYYY')
        : { value: date };
    }
    case 'id':
      return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text)
        ? { value: text }
        : problem('bad_identifier', 'expected an identifier (letters, digits, dots, dashes)');
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
        ? { value: text }
        : problem('bad_email', 'not an e-mail address');
    case 'phone':
      return /^\+?[\d ().\-/]+$/.test(text) && text.replace(/\D/g, '').length >= 6
        ? { value: text }
        : problem('bad_phone', 'expected a phone number (digits, spaces, dots)');
    case 'roleType': {
      const role = ROLE_BY_SPELLING.get(squash(text));
      return role
        ? { value: role }
        : problem(
            'bad_role_type',
            `expected one of: ${Object.values(ROLE_LABELS).join(', ')} (head, spokesperson, authorized)`,
          );
    }
    default:
      return { value: text };
  }
}

export interface ParsedRow<K extends string> {
  /** 1-based spreadsheet row, the header being row 1. */
  row: number;
  /** The columns the file has, normalised; `null` for an empty cell. */
  values: Partial<Record<K, string | null>>;
  errors: CellError[];
}

/** Checks one data row cell by cell. Required columns must not be empty when present. */
export function parseRow<K extends string>(
  map: HeaderMap,
  cells: readonly Cell[],
  row: number,
): ParsedRow<K> {
  const values: Partial<Record<string, string | null>> = {};
  const errors: CellError[] = [];
  cells.forEach((cell, i) => {
    const column = map.columns[i];
    if (!column) {
      if (cellText(cell).trim())
        errors.push({
          column: `#${i + 1}`,
          message: 'a value in a column without a header (a comma or semicolon inside an unquoted value?)',
          code: 'no_header',
        });
      return;
    }
    const read = readCell(column.def, cell);
    if ('error' in read) {
      const { error: message, ...why } = read;
      errors.push({ column: column.header, message, ...why });
    } else values[column.def.key] = read.value;
  });
  for (const column of map.columns) {
    if (!column) continue;
    const { def, header } = column;
    if (!(def.key in values) && !errors.some((e) => e.column === header)) values[def.key] = null;
    if (def.required && values[def.key] === null)
      errors.push({ column: header, message: 'must not be empty', code: 'required' });
  }
  return { row, values: values, errors };
}

/** The header to name a column by in messages: the file's own spelling, else the Vietnamese one. */
export function headerOf(map: HeaderMap, key: string): string {
  const found = map.columns.find((c) => c?.def.key === key);
  return found?.header ?? columnsOf(map.kind).find((d) => d.key === key)?.vi ?? key;
}

/** Export headers and how to write each value; role types are spelled in the chosen language. */
export function exportColumns(kind: ImportKind, lang: 'vi' | 'en') {
  return columnsOf(kind).map((def) => ({
    key: def.key,
    header: def[lang],
    isDate: def.kind === 'date',
    format: (value: string | null | undefined): string | null =>
      value && def.kind === 'roleType' && lang === 'vi'
        ? (ROLE_LABELS[value as SpokespersonRoleType] ?? value)
        : (value ?? null),
  }));
}
