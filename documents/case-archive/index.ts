/**
 * @module
 * A whole contact as one ZIP, for an appeal or an inspection: its JSON view, its timeline, its messages and
 * its documents unchanged, with a README (Vietnamese, then English) that lists every file with its SHA-256,
 * in the format `sha256sum -c README.txt` checks.
 *
 * Deterministic: the same input gives the same bytes, whatever the machine's time zone. Every entry's
 * modification time is `generatedAt` in Vietnam time (ZIP stores local wall-clock time, and fflate reads it
 * with the process's local-time getters, so the wall clock is rebuilt in local time; the one exception is a
 * `generatedAt` falling in a daylight-saving gap of the process's zone, which Vietnam itself never has).
 *
 * @example
 * const zip = buildCaseArchive({ contactId, generatedAt: new Date(now).toISOString(), contact, timeline, messages, documents });
 */
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import { formatCsv } from '../../api/services/csv.ts';
import { neutraliseForExport } from '../../domain/registry/import-rows.ts';
import { formatVietnamTime, vietnamWallClock } from '../report/model.ts';
import { uniqueFileNames } from './file-names.ts';

export { MAX_NAME_BYTES, safeFileName, uniqueFileNames } from './file-names.ts';

/** One entry of the contact's timeline. */
export interface TimelineItem {
  /** When, an ISO 8601 instant. */
  at: string;
  /** The entry's type (`assign`, `remind`, …). */
  type: string;
  actorName?: string;
  text?: string;
  /** Anything else the entry recorded; written as JSON. */
  data?: unknown;
}

/** A file a message refers to. */
export interface ArchiveMessageAttachment {
  /** Matches {@link ArchiveDocument.id} of the document that holds it, when the archive holds it. */
  id: string;
  /** The name it was uploaded under. */
  name: string;
}

/** One message between the journalist and the agency. */
export interface ArchiveMessage {
  /** When, an ISO 8601 instant. */
  at: string;
  /** Who wrote it, as shown to readers. */
  from: string;
  text: string;
  /** A note among the agency's staff, never shown to the journalist. */
  internal?: boolean;
  /** The files it refers to; in the archive each is named by its path under `documents/` when held there. */
  attachments?: ArchiveMessageAttachment[];
}

/** A document attached to the contact, its bytes as stored. */
export interface ArchiveDocument {
  /** The name it was uploaded under; made safe and unique inside the archive. */
  fileName: string;
  bytes: Uint8Array;
  /** What messages call it ({@link ArchiveMessageAttachment.id}); not written to the archive. */
  id?: string;
}

export interface CaseArchiveInput {
  contactId: string;
  /** When the archive was made, an ISO 8601 instant; also every entry's modification time. */
  generatedAt: string;
  /** The contact's JSON view. */
  contact: unknown;
  timeline: TimelineItem[];
  messages: ArchiveMessage[];
  documents: ArchiveDocument[];
}

/** The SHA-256 of `bytes`, lower-case hexadecimal. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);
const json = (value: unknown) => `${JSON.stringify(value ?? null, null, 2)}\n`;

/** An instant as ISO 8601 in UTC when it parses, else as given. */
const iso = (at: string) => {
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : at;
};

/** Text for the README: JSON-quoted, with invisible and direction-changing characters escaped. */
const printable = (s: string) =>
  JSON.stringify(s).replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

function timelineCsv(timeline: readonly TimelineItem[]): string {
  return formatCsv(
    [
      'Thời điểm (giờ Việt Nam)',
      'Thời điểm (ISO 8601)',
      'Sự kiện',
      'Người thực hiện',
      'Nội dung',
      'Dữ liệu (JSON)',
    ],
    timeline.map((t) =>
      [
        formatVietnamTime(t.at, { seconds: true }),
        iso(t.at),
        t.type,
        t.actorName ?? '',
        t.text ?? '',
        t.data === undefined ? '' : JSON.stringify(t.data),
      ].map(neutraliseForExport),
    ),
  );
}

/** A message's attachments with the archive path of each one the archive holds (`path`), as written. */
type WrittenMessage = Omit<ArchiveMessage, 'attachments'> & {
  attachments?: (ArchiveMessageAttachment & { path?: string })[];
};

function writtenMessages(
  messages: readonly ArchiveMessage[],
  pathOf: ReadonlyMap<string, string>,
): WrittenMessage[] {
  return messages.map(({ attachments, ...m }) =>
    attachments === undefined
      ? m
      : {
          ...m,
          attachments: attachments.map((a) => {
            const path = pathOf.get(a.id);
            return path === undefined ? { ...a } : { ...a, path };
          }),
        },
  );
}

function messagesCsv(messages: readonly WrittenMessage[]): string {
  return formatCsv(
    ['Thời điểm (giờ Việt Nam)', 'Thời điểm (ISO 8601)', 'Người gửi', 'Nội bộ', 'Nội dung', 'Tệp đính kèm'],
    messages.map((m) =>
      [
        formatVietnamTime(m.at, { seconds: true }),
        iso(m.at),
        m.from,
        m.internal ? 'Có' : 'Không',
        m.text,
        (m.attachments ?? []).map((a) => a.path ?? a.name).join('\n'),
      ].map(neutraliseForExport),
    ),
  );
}

function readme(
  input: CaseArchiveInput,
  documents: readonly { path: string; original: string }[],
  hashes: readonly { path: string; hash: string }[],
): string {
  const when = formatVietnamTime(input.generatedAt, { seconds: true });
  const renamed = (d: { path: string; original: string }, label: string) =>
    `  - ${d.path}${d.path === `documents/${d.original}` ? '' : ` (${label}: ${printable(d.original)})`}`;
  const lines = [
    'HỒ SƠ VỤ VIỆC ĐẦY ĐỦ — PRESS LIAISON',
    '',
    `Tệp nén này chứa toàn bộ hồ sơ liên hệ ${input.contactId} giữa phóng viên và cơ quan nhà nước, trích xuất từ hệ thống Press Liaison để phục vụ việc khiếu nại, giải quyết khiếu nại hoặc thanh tra, kiểm tra: thông tin hồ sơ, diễn biến, tin nhắn và tài liệu kèm theo, giữ nguyên không sửa đổi.`,
    '',
    `Mã hồ sơ: ${input.contactId}`,
    `Thời điểm trích xuất: ${when} (giờ Việt Nam, UTC+7); ${iso(input.generatedAt)}`,
    '',
    'Các tệp:',
    '- README.txt: tệp này.',
    '- contact.json: thông tin hồ sơ tại thời điểm trích xuất (JSON).',
    '- timeline.csv, timeline.json: diễn biến hồ sơ theo thời gian (CSV mở bằng Excel; JSON đầy đủ dữ liệu).',
    '- messages.csv, messages.json: tin nhắn giữa phóng viên và cơ quan; "Nội bộ" là ghi chú nội bộ của cơ quan; "Tệp đính kèm" ghi các tệp kèm tin nhắn (đường dẫn trong documents/ khi có trong tệp nén này).',
    `- documents/: ${documents.length} tài liệu kèm theo, nội dung giữ nguyên; tên tệp được chuẩn hoá để giải nén an toàn (tên gốc ghi trong ngoặc khi khác).`,
    ...documents.map((d) => renamed(d, 'tên gốc')),
    '',
    'Mã kiểm tra SHA-256 của từng tệp (trừ tệp này) ghi ở cuối; kiểm tra bằng lệnh `sha256sum -c README.txt` (các dòng khác bị bỏ qua) hoặc `Get-FileHash -Algorithm SHA256` trên Windows.',
    '',
    '',
    'WHOLE-CASE ARCHIVE — PRESS LIAISON',
    '',
    `This archive holds the whole of contact ${input.contactId} between a journalist and a state agency, exported from Press Liaison for an appeal, its resolution or an inspection: the contact, its timeline, its messages and its documents, unchanged.`,
    '',
    `Contact: ${input.contactId}`,
    `Generated at: ${when} (Vietnam time, UTC+7); ${iso(input.generatedAt)}`,
    '',
    'Files:',
    '- README.txt: this file.',
    '- contact.json: the contact as it stood when exported (JSON).',
    '- timeline.csv, timeline.json: what happened, in order (CSV for Excel; JSON with all data).',
    '- messages.csv, messages.json: messages between the journalist and the agency; "Nội bộ" (internal) marks notes among agency staff; "Tệp đính kèm" (attachments) lists the files sent with a message (their path under documents/ when this archive holds them).',
    `- documents/: ${documents.length} attached document(s), bytes unchanged; names made safe to extract (the original name in brackets where it differs).`,
    ...documents.map((d) => renamed(d, 'original name')),
    '',
    'The SHA-256 of every file but this one follows; check with `sha256sum -c README.txt` (other lines are skipped) or `Get-FileHash -Algorithm SHA256` on Windows.',
    '',
    'SHA-256',
    ...hashes.map((h) => `${h.hash}  ${h.path}`),
    '',
  ];
  return `\uFEFF${lines.join('\r\n')}`;
}

/** The local-time `Date` whose wall clock is `generatedAt` in Vietnam (see the module comment). */
function zipTime(generatedAt: string): Date {
  const w = vietnamWallClock(generatedAt);
  if (!w || w.getUTCFullYear() < 1980 || w.getUTCFullYear() > 2099)
    throw new RangeError(`generatedAt must be an ISO 8601 instant in 1980–2099, got "${generatedAt}"`);
  return new Date(
    w.getUTCFullYear(),
    w.getUTCMonth(),
    w.getUTCDate(),
    w.getUTCHours(),
    w.getUTCMinutes(),
    w.getUTCSeconds(),
  );
}

/**
 * The contact as a ZIP: `README.txt`, `contact.json`, `timeline.csv`, `timeline.json`, `messages.csv`,
 * `messages.json` and `documents/<safe name>` for each document, in that order.
 * @throws RangeError when `generatedAt` is not an instant ZIP can record.
 */
export function buildCaseArchive(input: CaseArchiveInput): Uint8Array {
  const mtime = zipTime(input.generatedAt);
  const names = uniqueFileNames(input.documents.map((d) => d.fileName));
  const documents = input.documents.map((d, i) => ({
    path: `documents/${names[i]!}`,
    original: d.fileName,
    bytes: d.bytes,
  }));
  const pathOf = new Map<string, string>();
  input.documents.forEach((d, i) => {
    if (d.id !== undefined && !pathOf.has(d.id)) pathOf.set(d.id, documents[i]!.path);
  });
  const messages = writtenMessages(input.messages, pathOf);
  const files: { path: string; bytes: Uint8Array }[] = [
    { path: 'contact.json', bytes: utf8(json(input.contact)) },
    { path: 'timeline.csv', bytes: utf8(timelineCsv(input.timeline)) },
    { path: 'timeline.json', bytes: utf8(json(input.timeline)) },
    { path: 'messages.csv', bytes: utf8(messagesCsv(messages)) },
    { path: 'messages.json', bytes: utf8(json(messages)) },
    ...documents,
  ];
  const hashes = files.map((f) => ({ path: f.path, hash: sha256Hex(f.bytes) }));
  const zippable: Zippable = { 'README.txt': utf8(readme(input, documents, hashes)) };
  for (const f of files) zippable[f.path] = f.bytes;
  return zipSync(zippable, { level: 6, mtime });
}
