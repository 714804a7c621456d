// The whole case as a ZIP (issue 10), against both attachment stores: the archive holds every message of the
// thread, internal notes included and flagged, oldest first, with the author's side in words and the files
// each one carries; every attachment of the contact byte for byte under its name in documents/, its SHA-256
// in the README; and the journalist (or another agency) is still refused the archive as if it did not exist.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../api/services/csv.ts';
import { FilesystemAttachmentStore, type AttachmentStore } from '../../storage/attachments/index.ts';
import { expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Decodes UTF-8, keeping a BOM. */
const text = (b: Uint8Array | undefined) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);

interface Uploaded {
  id: string;
  name: string;
  sha256: string;
}

interface ArchivedMessage {
  at: string;
  from: string;
  text: string;
  internal: boolean;
  attachments: { id: string; name: string; path?: string }[];
}

describe.each([
  // None configured: the PostgreSQL store, which the attachment routes default to.
  ['default (PostgreSQL)', () => Promise.resolve(undefined)],
  [
    'filesystem',
    async () => new FilesystemAttachmentStore(await mkdtemp(path.join(os.tmpdir(), 'pl-case-archive-'))),
  ],
] as const)('the case archive with the %s attachment store', (_kind, makeStore) => {
  let h: Harness;
  let store: AttachmentStore | undefined;

  beforeAll(async () => {
    store = await makeStore();
    h = await startHarness(store ? { attachments: { store } } : {});
  });
  afterAll(async () => {
    await h?.close();
    if (store instanceof FilesystemAttachmentStore) await rm(store.root, { recursive: true, force: true });
  });

  async function attach(contactId: string, as: string, name: string, bytes: Uint8Array): Promise<Uploaded> {
    const form = new FormData();
    form.append('file', new File([bytes], name, { type: 'application/octet-stream' }));
    const response = await h.app.request(`/api/v1/contacts/${contactId}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.tokenFor(as)}` },
      body: form,
    });
    return expectJson<Uploaded>(response, 201);
  }

  const write = async (contactId: string, as: string, body: unknown) =>
    expectJson<{ id: string }>(await h.call('POST', `/contacts/${contactId}/messages`, { as, body }), 201);

  it('holds every message, internal notes flagged, and every attached file byte for byte', async () => {
    const contact = await openRequest(h, { subject: 'Hồ sơ khiếu nại có tệp' });
    const stamp = `${Date.now()}-${Math.random()}`;
    const pdf = utf8(`%PDF-1.7\n% ${stamp} — số liệu của phóng viên\n%%EOF\n`);
    // Binary content: not UTF-8, so any re-encoding on the way would show.
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      13,
      0x49,
      0x48,
      0x44,
      0x52,
      0xff,
      0xfe,
      0x80,
      ...utf8(stamp),
    ]);
    const secondPdf = utf8(`%PDF-1.7\n% ${stamp} — bản của cơ quan\n%%EOF\n`);

    const fromReporter = await attach(contact.id, USERS.reporter, 'Số liệu tiêm chủng.pdf', pdf);
    await write(contact.id, USERS.reporter, {
      text: 'Xin gửi số liệu kèm theo.',
      attachmentIds: [fromReporter.id],
    });
    // Same name as the journalist's file: the archive numbers the second one and the note names that one.
    const fromClerk = await attach(contact.id, USERS.clerk, 'Số liệu tiêm chủng.pdf', secondPdf);
    await write(contact.id, USERS.clerk, {
      text: 'Chờ ý kiến giám đốc trước khi trả lời.',
      internal: true,
      attachmentIds: [fromClerk.id],
    });
    // A file no message refers to is in the archive all the same.
    const unsent = await attach(contact.id, USERS.supervisor, 'ảnh chụp.png', png);
    expect(fromReporter.name).toBe(fromClerk.name);

    const response = await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.supervisor });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));

    // The messages, oldest first, the internal note among them and flagged.
    const stem = fromReporter.name.replace(/\.pdf$/, '');
    const reporterPath = `documents/${fromReporter.name}`;
    const clerkPath = `documents/${stem} (2).pdf`;
    const messages = JSON.parse(strFromU8(files['messages.json']!)) as ArchivedMessage[];
    expect(messages.map(({ at: _at, ...m }) => m)).toEqual([
      {
        from: 'Nguyễn Văn An (phóng viên)',
        text: 'Xin gửi số liệu kèm theo.',
        internal: false,
        attachments: [{ id: fromReporter.id, name: fromReporter.name, path: reporterPath }],
      },
      {
        from: 'Lê Thị Cúc (cơ quan)',
        text: 'Chờ ý kiến giám đốc trước khi trả lời.',
        internal: true,
        attachments: [{ id: fromClerk.id, name: fromClerk.name, path: clerkPath }],
      },
    ]);
    const [first, second] = messages.map((m) => Date.parse(m.at));
    expect(first).toBeLessThanOrEqual(second!);
    const csv = parseCsv(text(files['messages.csv']).slice(1), 100, () => new Error('too many rows'));
    expect(csv[0]).toEqual([
      'Thời điểm (giờ Việt Nam)',
      'Thời điểm (ISO 8601)',
      'Người gửi',
      'Nội bộ',
      'Nội dung',
      'Tệp đính kèm',
    ]);
    expect(csv.slice(1).map((r) => r.slice(2))).toEqual([
      ['Nguyễn Văn An (phóng viên)', 'Không', 'Xin gửi số liệu kèm theo.', reporterPath],
      ['Lê Thị Cúc (cơ quan)', 'Có', 'Chờ ý kiến giám đốc trước khi trả lời.', clerkPath],
    ]);

    // Every attachment, byte for byte, its SHA-256 in the README.
    const documents = Object.keys(files).filter((n) => n.startsWith('documents/'));
    expect(documents).toEqual([reporterPath, clerkPath, `documents/${unsent.name}`]);
    expect(files[reporterPath]).toEqual(pdf);
    expect(files[clerkPath]).toEqual(secondPdf);
    expect(files[`documents/${unsent.name}`]).toEqual(png);
    const readme = text(files['README.txt']);
    for (const [name, bytes, uploaded] of [
      [reporterPath, pdf, fromReporter],
      [clerkPath, secondPdf, fromClerk],
      [`documents/${unsent.name}`, png, unsent],
    ] as const) {
      expect(uploaded.sha256).toBe(sha256(bytes));
      expect(readme).toContain(`\r\n${sha256(bytes)}  ${name}\r\n`);
    }
    expect(readme).toContain('3 tài liệu kèm theo');
    expect(readme).toContain(`${clerkPath} (tên gốc: "${fromClerk.name}")`);

    // The agency itself reads the same; the journalist and another agency are refused as if it did not exist.
    expect((await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.clerk })).status).toBe(200);
    await expectProblem(
      await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.reporter }),
      404,
      'not_found',
    );
    await expectProblem(
      await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.foreignClerk }),
      404,
      'not_found',
    );
  });

  it('holds an empty thread and no documents for a contact without either', async () => {
    const contact = await openRequest(h);
    const response = await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.supervisor });
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(JSON.parse(strFromU8(files['messages.json']!))).toEqual([]);
    expect(Object.keys(files).filter((n) => n.startsWith('documents/'))).toEqual([]);
  });
});
