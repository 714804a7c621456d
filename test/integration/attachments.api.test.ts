// Attachments on contacts (issue: attachments), against both content stores: upload by the journalist, the
// agency and the supervising department; list and download by whoever sees the contact; denial by role and
// by agency (404 for those who may not see it, 403 for read-only roles); type by content (415), size (413)
// and count (409, also under concurrent uploads) limits as problem+json — and after every refusal nothing
// is written: no metadata row, no stored content, no temporary file.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FilesystemAttachmentStore,
  PostgresqlAttachmentStore,
  type AttachmentStore,
} from '../../storage/attachments/index.ts';
import { expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const LIMITS = { maxBytes: 256 * 1024, maxPerContact: 4 };
const utf8 = (s: string) => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
/** A unique file each call, so content never dedupes by accident. */
let serial = 0;
const uniqueText = () => utf8(`Ghi chú số ${++serial} — ${Date.now()}\n`);

interface Uploaded {
  id: string;
  name: string;
  size: number;
  type: string;
  sha256: string;
}

interface Listed extends Uploaded {
  createdAt: string;
  uploadedBy: { sub: string; name: string };
}

describe.each([
  ['postgresql', () => Promise.resolve(new PostgresqlAttachmentStore())],
  [
    'filesystem',
    async () => new FilesystemAttachmentStore(await mkdtemp(path.join(os.tmpdir(), 'pl-attachments-'))),
  ],
] as const)('attachments in the %s store', (_kind, makeStore) => {
  let h: Harness;
  let store: AttachmentStore;

  beforeAll(async () => {
    store = await makeStore();
    h = await startHarness({ attachments: { store, limits: LIMITS } });
  });
  afterAll(async () => {
    await h?.close();
    if (store instanceof FilesystemAttachmentStore) await rm(store.root, { recursive: true, force: true });
  });

  async function upload(
    contactId: string,
    as: string | undefined,
    file: { bytes: Uint8Array; name: string; type?: string },
    field = 'file',
  ): Promise<Response> {
    const form = new FormData();
    form.append(field, new File([file.bytes], file.name, { type: file.type ?? 'application/octet-stream' }));
    return h.app.request(`/api/v1/contacts/${contactId}/attachments`, {
      method: 'POST',
      headers: as ? { authorization: `Bearer ${await h.tokenFor(as)}` } : {},
      body: form,
    });
  }

  const rowsOf = async (contactId: string) =>
    (
      await h.orm.em
        .fork()
        .execute<{ n: number }[]>('select count(*)::int as n from attachment where contact_id = ?', [
          contactId,
        ])
    )[0]!.n;

  /** Every content the store holds, and (file system) no temporary file left behind. */
  async function storedContents(): Promise<number> {
    if (store instanceof FilesystemAttachmentStore) {
      const files = await readdir(store.root, { recursive: true, withFileTypes: true }).catch(() => []);
      expect(files.filter((f) => f.isFile() && f.parentPath.endsWith(`${path.sep}tmp`))).toEqual([]);
      return files.filter((f) => f.isFile()).length;
    }
    const [row] = await h.orm.em
      .fork()
      .execute<{ n: number }[]>('select count(*)::int as n from attachment_content');
    return row!.n;
  }

  it('stores a journalist’s PDF and serves it back to the agency with its Vietnamese name', async () => {
    const contact = await openRequest(h);
    const response = await upload(contact.id, USERS.reporter, {
      bytes: PDF,
      name: 'C:\\Users\\An\\Tài liệu\\Báo cáo số liệu "tiêm chủng".pdf',
      type: 'text/html',
    });
    const body = await expectJson<Uploaded>(response, 201);
    expect(Object.keys(body).sort()).toEqual(['id', 'name', 'sha256', 'size', 'type']);
    expect(body).toMatchObject({
      name: 'Báo cáo số liệu _tiêm chủng_.pdf',
      size: PDF.length,
      type: 'application/pdf',
      sha256: sha256(PDF),
    });
    expect(response.headers.get('location')).toBe(`/api/v1/contacts/${contact.id}/attachments/${body.id}`);
    expect(await store.has(h.orm.em.fork(), body.sha256)).toBe(true);

    const download = await h.call('GET', `/contacts/${contact.id}/attachments/${body.id}`, {
      as: USERS.clerk,
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Bao cao so lieu _tiem chung_.pdf"; ` +
        `filename*=UTF-8''${encodeURIComponent(body.name)}`,
    );

    const { items } = await expectJson<{ items: Listed[] }>(
      await h.call('GET', `/contacts/${contact.id}/attachments`, { as: USERS.supervisor }),
      200,
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ ...body, uploadedBy: { sub: USERS.reporter } });
    expect(Date.parse(items[0]!.createdAt)).not.toBeNaN();
  });

  it('lets the agency and the supervising department attach DOCX, PNG and text, typed by content', async () => {
    const contact = await openRequest(h);
    const docx = new Uint8Array(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Trả lời')] }] })),
    );
    const cases = [
      { as: USERS.clerk, bytes: docx, name: 'tra-loi', type: 'application/msword', expect: 'docx' },
      { as: USERS.spokesperson, bytes: PNG, name: 'anh.jpg', type: 'image/jpeg', expect: 'png' },
      { as: USERS.supervisor, bytes: uniqueText(), name: 'ghi-chu.html', type: 'text/html', expect: 'txt' },
    ];
    for (const c of cases) {
      const body = await expectJson<Uploaded>(await upload(contact.id, c.as, c), 201);
      expect(body.name.endsWith(`.${c.expect}`), body.name).toBe(true);
    }
    const download = await h.call('GET', `/contacts/${contact.id}/attachments`, { as: USERS.clerk });
    const { items } = await expectJson<{ items: Listed[] }>(download, 200);
    expect(items.map((i) => [i.name, i.type])).toEqual([
      ['tra-loi.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['anh.jpg.png', 'image/png'],
      ['ghi-chu.html.txt', 'text/plain; charset=utf-8'],
    ]);
    // Until the agency shares them (in a message, an answer), the journalist is not shown its files.
    const asReporter = await h.call('GET', `/contacts/${contact.id}/attachments`, { as: USERS.reporter });
    expect((await expectJson<{ items: Listed[] }>(asReporter, 200)).items).toEqual([]);
  });

  it('answers 404 to those who may not see the contact, and 403 to read-only roles', async () => {
    const contact = await openRequest(h);
    const own = await expectJson<Uploaded>(
      await upload(contact.id, USERS.reporter, { bytes: uniqueText(), name: 'a.txt' }),
      201,
    );
    const before = await storedContents();
    for (const outsider of [USERS.otherReporter, USERS.foreignClerk, USERS.admin]) {
      await expectProblem(
        await upload(contact.id, outsider, { bytes: uniqueText(), name: 'x.txt' }),
        404,
        'not_found',
      );
      await expectProblem(await h.call('GET', `/contacts/${contact.id}/attachments`, { as: outsider }), 404);
      await expectProblem(
        await h.call('GET', `/contacts/${contact.id}/attachments/${own.id}`, { as: outsider }),
        404,
        'not_found',
      );
    }
    for (const reader of [USERS.auditor, USERS.nationalAuditor, USERS.centralAdmin]) {
      await expectProblem(
        await upload(contact.id, reader, { bytes: uniqueText(), name: 'x.txt' }),
        403,
        'attach_not_allowed',
      );
      const download = await h.call('GET', `/contacts/${contact.id}/attachments/${own.id}`, { as: reader });
      expect(download.status).toBe(200);
    }
    await expectProblem(await upload(contact.id, undefined, { bytes: uniqueText(), name: 'x.txt' }), 401);
    await expectProblem(await upload('khong-ton-tai', USERS.reporter, { bytes: PDF, name: 'x.pdf' }), 404);
    // An attachment is found only under its own contact.
    const other = await openRequest(h);
    await expectProblem(
      await h.call('GET', `/contacts/${other.id}/attachments/${own.id}`, { as: USERS.reporter }),
      404,
    );
    expect(await rowsOf(contact.id)).toBe(1);
    expect(await storedContents()).toBe(before);
  });

  it('refuses executables, markup and unknown content whatever the name or declared type, writing nothing', async () => {
    const contact = await openRequest(h);
    const before = await storedContents();
    const refused = [
      {
        bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
        name: 'bao-cao.pdf',
        type: 'application/pdf',
        reason: 'executable',
      },
      {
        bytes: utf8('<!doctype html><script>alert(1)</script>'),
        name: 'ghi-chu.txt',
        type: 'text/plain',
        reason: 'markup',
      },
      {
        bytes: utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        name: 'logo.png',
        type: 'image/png',
        reason: 'markup',
      },
      {
        bytes: utf8('GIF89a\u0001\u0000\u0001\u0000'),
        name: 'anh.gif',
        type: 'image/gif',
        reason: 'unknown',
      },
    ];
    for (const file of refused) {
      const problem = await expectProblem(
        await upload(contact.id, USERS.reporter, file),
        415,
        'unsupported_attachment_type',
      );
      expect(problem).toMatchObject({ reason: file.reason });
      expect(await store.has(h.orm.em.fork(), sha256(file.bytes))).toBe(false);
    }
    await expectProblem(
      await upload(contact.id, USERS.reporter, { bytes: new Uint8Array(0), name: 'rong.txt' }),
      422,
      'empty_attachment',
    );
    await expectProblem(
      await upload(contact.id, USERS.reporter, { bytes: PDF, name: 'a.pdf' }, 'tep'),
      422,
      'file_required',
    );
    await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/attachments`, {
        as: USERS.reporter,
        body: { file: 'JVBERi0=' },
      }),
      415,
      'multipart_required',
    );
    const malformed = await h.app.request(`/api/v1/contacts/${contact.id}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.tokenFor(USERS.reporter)}`,
        'content-type': 'multipart/form-data; boundary=xyz',
      },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 no end',
    });
    await expectProblem(malformed, 422, 'malformed_multipart');
    expect(await rowsOf(contact.id)).toBe(0);
    expect(await storedContents()).toBe(before);
  });

  it('refuses files over the size limit with 413, streamed or announced by Content-Length', async () => {
    const contact = await openRequest(h);
    const before = await storedContents();
    const justOver = new Uint8Array(LIMITS.maxBytes + 1).fill(0x61);
    const problem = await expectProblem(
      await upload(contact.id, USERS.reporter, { bytes: justOver, name: 'lon.txt' }),
      413,
      'attachment_too_large',
    );
    expect(problem).toMatchObject({ limit: LIMITS.maxBytes });
    // Far over: refused from the Content-Length, before the body is read.
    const form = new FormData();
    form.append('file', new File([new Uint8Array(LIMITS.maxBytes * 4).fill(0x61)], 'rat-lon.txt'));
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const announced = await h.app.request(`/api/v1/contacts/${contact.id}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.tokenFor(USERS.reporter)}`,
        'content-type': encoded.headers.get('content-type')!,
        'content-length': String(bytes.length),
      },
      body: bytes,
    });
    await expectProblem(announced, 413, 'attachment_too_large');
    // Exactly at the limit is fine.
    const atLimit = new Uint8Array(LIMITS.maxBytes).fill(0x62);
    await expectJson(await upload(contact.id, USERS.reporter, { bytes: atLimit, name: 'vua.txt' }), 201);
    expect(await rowsOf(contact.id)).toBe(1);
    expect(await storedContents()).toBe(before + 1);
  });

  it('keeps at most the limit per contact, also under concurrent uploads (409, nothing written)', async () => {
    const contact = await openRequest(h);
    const before = await storedContents();
    const files = Array.from({ length: LIMITS.maxPerContact + 3 }, () => uniqueText());
    const responses = await Promise.all(
      files.map((bytes, i) =>
        upload(contact.id, i % 2 ? USERS.clerk : USERS.reporter, { bytes, name: `${i}.txt` }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(LIMITS.maxPerContact).fill(201), 409, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409))
      await expectProblem(r, 409, 'too_many_attachments');
    expect(await rowsOf(contact.id)).toBe(LIMITS.maxPerContact);
    expect(await storedContents()).toBe(before + LIMITS.maxPerContact);
    const stored = await Promise.all(files.map((f) => store.has(h.orm.em.fork(), sha256(f))));
    expect(stored.filter(Boolean)).toHaveLength(LIMITS.maxPerContact);
    // A full contact refuses before the body is read: even an oversized file gets the 409.
    const big = new Uint8Array(LIMITS.maxBytes * 2).fill(0x61);
    await expectProblem(
      await upload(contact.id, USERS.reporter, { bytes: big, name: 'lon.txt' }),
      409,
      'too_many_attachments',
    );
    expect(await rowsOf(contact.id)).toBe(LIMITS.maxPerContact);
  });

  it('stores the same content once for two attachments', async () => {
    const contact = await openRequest(h);
    const bytes = uniqueText();
    const before = await storedContents();
    const a = await expectJson<Uploaded>(
      await upload(contact.id, USERS.reporter, { bytes, name: 'a.txt' }),
      201,
    );
    const b = await expectJson<Uploaded>(
      await upload(contact.id, USERS.clerk, { bytes, name: 'b.txt' }),
      201,
    );
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect(await storedContents()).toBe(before + 1);
  });

  it('documents the routes and their problem codes in /openapi.json', async () => {
    const doc = await expectJson<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>(await h.app.request('/api/v1/openapi.json'), 200);
    const upload = doc.paths['/contacts/{id}/attachments']!.post!;
    expect(Object.keys(upload.responses).sort()).toEqual([
      '201',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
    ]);
    expect(JSON.stringify(upload)).toContain('unsupported_attachment_type');
    expect(doc.paths['/contacts/{id}/attachments']!.get).toBeDefined();
    expect(doc.paths['/contacts/{id}/attachments/{attachmentId}']!.get).toBeDefined();
  });
});
