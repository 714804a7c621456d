// Formal reminder letters (issue 8): a supervisor's reminder issues a numbered letter in PDF and DOCX with
// Vietnamese text intact; numbers have no gaps or duplicates under concurrent sends; letters are for the
// agency side; the auditor may read and act on nothing.
import { extractText, getDocumentProxy } from 'unpdf';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { act, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;

interface DocumentItem {
  id: string;
  type: string;
  number: string;
  sequence: number;
  year: number;
  createdAt: string;
  pdfUrl: string;
  docxUrl: string;
  contactIds: string[];
}

const documentsOf = async (id: string, as: string = USERS.supervisor) =>
  (await expectJson<{ items: DocumentItem[] }>(await h.call('GET', `/contacts/${id}/documents`, { as }), 200))
    .items;

async function download(url: string, as: string): Promise<Response> {
  return h.call('GET', url.replace(/^\/api\/v1/, ''), { as });
}

const collapse = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('a supervisor’s reminder', () => {
  it('issues a numbered letter, listed on the contact and its timeline, readable in both formats', async () => {
    const contact = await openRequest(h, { subject: 'Số liệu tiêm chủng ở xã Hải Lăng' });
    const view = await act(h, contact.id, USERS.supervisor, 'remind', {
      message: 'Đề nghị Sở Y tế khẩn trương trả lời phóng viên theo đúng thời hạn.',
    });
    const types = view.timeline.map((e) => e.type);
    expect(types).toContain('remind');
    expect(types).toContain('reminder_letter');

    const [letter, ...others] = await documentsOf(contact.id);
    expect(others).toHaveLength(0);
    expect(letter).toMatchObject({ type: 'reminder_letter', contactIds: [contact.id] });
    expect(letter!.number).toMatch(/^\d{2,}\/SVHTTDL-QLBC$/);
    expect(letter!.pdfUrl).toBe(`/api/v1/documents/${letter!.id}/pdf`);

    const pdf = await download(letter!.pdfUrl, USERS.head);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.pdf"$/);
    expect(pdf.headers.get('x-content-type-options')).toBe('nosniff');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), {
      mergePages: true,
    });
    const pdfText = collapse(text);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH',
      `Số: ${letter!.number}`,
      'Sở Y tế tỉnh Quảng Trị',
      'Đề nghị Sở Y tế khẩn trương trả lời phóng viên theo đúng thời hạn.',
      'Số liệu tiêm chủng ở xã Hải Lăng',
      'Nguyễn Văn Minh',
    ])
      expect(pdfText).toContain(expected);
    // A narrow table cell may break the id at its hyphen.
    expect(pdfText.replace(/\s/g, '')).toContain(contact.id);

    const docx = await download(letter!.docxUrl, USERS.supervisor);
    expect(docx.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!);
    const docxText = collapse([...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '));
    expect(docxText).toContain('Số liệu tiêm chủng ở xã Hải Lăng');
    expect(docxText).toContain(letter!.number);

    // The agency head is told in the app.
    const notices = await h.orm.em
      .fork()
      .execute<{ type: string; recipient_roles: string }[]>(
        `select type, recipient_roles::text from notification where contact_id = ? and type = 'reminder_letter'`,
        [contact.id],
      );
    expect(notices).toEqual([{ type: 'reminder_letter', recipient_roles: '{agency_head}' }]);
  });

  it('keeps letters from the journalist and from other agencies, and lets the auditor read them', async () => {
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.supervisor, 'remind', { message: 'Đôn đốc lần một.' });
    const [letter] = await documentsOf(contact.id, USERS.auditor);
    expect(letter).toBeDefined();
    await expectProblem(
      await h.call('GET', `/contacts/${contact.id}/documents`, { as: USERS.reporter }),
      404,
    );
    await expectProblem(await download(letter!.pdfUrl, USERS.reporter), 404);
    await expectProblem(await download(letter!.pdfUrl, USERS.foreignClerk), 404);
    expect((await download(letter!.docxUrl, USERS.auditor)).status).toBe(200);
    // The journalist's view of the contact has neither the reminder nor the letter.
    const seen = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.reporter }),
      200,
    );
    expect(seen.timeline.map((e) => e.type)).not.toContain('reminder_letter');
  });

  it('numbers letters without gaps or duplicates when many are sent at once', async () => {
    const contacts = await Promise.all(Array.from({ length: 8 }, () => openRequest(h)));
    const responses = await Promise.all(
      contacts.map((c, i) =>
        h.call('POST', `/contacts/${c.id}/actions/remind`, {
          as: USERS.supervisor,
          body: { message: `Đôn đốc đồng thời ${i}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(contacts.map(() => 200));
    const rows = await h.orm.em.fork().execute<{ number: number; n: number; last: number }[]>(
      `select d.number, count(*) over ()::int as n,
           (select last_number from document_sequence s where s.issuer_id = d.issuer_id and s.year = d.year) as last
         from issued_document d where d.issuer_id = 'qt-so-vhttdl' order by d.number`,
    );
    const numbers = rows.map((r) => r.number);
    // Every number from 1 to the last one given, once: no gap, no duplicate.
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect(rows[0]!.last).toBe(numbers.length);
    expect(numbers.length).toBeGreaterThanOrEqual(8);
  });

  it('refuses the auditor every safe action, and a journalist or clerk the reminder', async () => {
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    const attempts: [string, unknown][] = [
      ['remind', { message: 'Kiểm tra đôn đốc' }],
      ['reassign', { assigneeSub: USERS.spokesperson, reason: 'Kiểm tra' }],
      ['extend', { span: { unit: 'working_days', amount: 2 }, reason: 'Kiểm tra' }],
      ['close', { reason: 'Kiểm tra' }],
    ];
    for (const [action, body] of attempts) {
      const response = await h.call('POST', `/contacts/${contact.id}/actions/${action}`, {
        as: USERS.auditor,
        body,
      });
      expect([403, 409], `${action} by the auditor`).toContain(response.status);
      await response.body?.cancel();
    }
    await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/retry`, {
        as: USERS.auditor,
        body: { reason: 'Thử lại' },
      }),
      403,
    );
    for (const as of [USERS.reporter, USERS.clerk]) {
      const response = await h.call('POST', `/contacts/${contact.id}/actions/remind`, {
        as,
        body: { message: 'Không được phép' },
      });
      expect([403, 409]).toContain(response.status);
      await response.body?.cancel();
    }
    // Nothing was written by the refused attempts.
    expect(await documentsOf(contact.id)).toEqual([]);
    const state = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.supervisor }),
      200,
    );
    expect(state.timeline.map((e) => e.type)).toEqual(['submitted', 'assign']);
  });

  it('exports the whole case as a ZIP with its letters, for the agency side only', async () => {
    const contact = await openRequest(h, { subject: 'Hồ sơ khiếu nại' });
    await act(h, contact.id, USERS.supervisor, 'remind', { message: 'Đôn đốc để lưu hồ sơ.' });
    const response = await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.supervisor });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files);
    expect(names).toEqual(
      expect.arrayContaining(['README.txt', 'contact.json', 'timeline.csv', 'timeline.json']),
    );
    expect(names.filter((n) => n.startsWith('documents/') && n.endsWith('.pdf'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('documents/') && n.endsWith('.docx'))).toHaveLength(1);
    const timeline = JSON.parse(strFromU8(files['timeline.json']!)) as { type: string }[];
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['submitted', 'remind', 'reminder_letter']),
    );
    expect(strFromU8(files['contact.json']!)).toContain('Hồ sơ khiếu nại');
    await expectProblem(await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.reporter }), 404);
    await expectProblem(
      await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.foreignClerk }),
      404,
    );
    expect((await h.call('GET', `/contacts/${contact.id}/archive`, { as: USERS.auditor })).status).toBe(200);
  });

  it('audits every safe action a supervisor takes: who, when and why', async () => {
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    const before = Date.now();
    await act(h, contact.id, USERS.supervisor, 'extend', {
      span: { unit: 'working_days', amount: 2 },
      reason: 'Gia hạn vì cần xác minh số liệu',
    });
    await act(h, contact.id, USERS.supervisor, 'reassign', {
      assigneeSub: USERS.spokesperson,
      reason: 'Chuyển người phát ngôn trả lời',
    });
    const closed = await act(h, contact.id, USERS.supervisor, 'close', {
      reason: 'Đóng theo đề nghị của Sở',
    });
    const entries = closed.timeline.filter((e) => ['extend', 'reassign', 'close'].includes(e.type));
    expect(entries.map((e) => [e.type, e.actor?.sub, e.text])).toEqual([
      ['extend', USERS.supervisor, 'Gia hạn vì cần xác minh số liệu'],
      ['reassign', USERS.supervisor, 'Chuyển người phát ngôn trả lời'],
      ['close', USERS.supervisor, 'Đóng theo đề nghị của Sở'],
    ]);
    for (const e of entries) expect(e.at).toBeGreaterThanOrEqual(before - 1000);
    // A reason is required.
    const another = await openRequest(h);
    await expectProblem(
      await h.call('POST', `/contacts/${another.id}/actions/close`, { as: USERS.supervisor, body: {} }),
      422,
    );
  });
});

describe('letterheads and the agency’s record', () => {
  const letterhead = {
    parentBody: 'Ủy ban nhân dân tỉnh Quảng Trị',
    issuingBody: 'Sở Văn hóa, Thể thao và Du lịch',
    symbol: 'SVHTTDL-BC',
    place: 'Đông Hà',
    signerAuthority: 'KT. GIÁM ĐỐC',
    signerTitle: 'Phó Giám đốc',
    signerName: 'Trần Văn Thử',
    copyTo: ['UBND tỉnh (b/c)'],
  };

  it('lets the department set its letterhead, which the next letter uses, and lists an agency’s letters', async () => {
    const current = await expectJson<{ configured: boolean; symbol: string }>(
      await h.call('GET', '/agencies/qt-so-vhttdl/letterhead', { as: USERS.auditor }),
      200,
    );
    expect(current).toMatchObject({ configured: true, symbol: 'SVHTTDL-QLBC' });
    for (const as of [USERS.auditor, USERS.clerk, USERS.reporter])
      await expectProblem(
        await h.call('PUT', '/agencies/qt-so-vhttdl/letterhead', { as, body: letterhead }),
        403,
      );
    await expectProblem(
      await h.call('PUT', '/agencies/qt-so-vhttdl/letterhead', {
        as: USERS.supervisor,
        body: { ...letterhead, symbol: 'A/B' },
      }),
      422,
    );
    await expectJson(
      await h.call('PUT', '/agencies/qt-so-vhttdl/letterhead', { as: USERS.supervisor, body: letterhead }),
      200,
    );
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.supervisor, 'remind', { message: 'Đôn đốc theo tiêu đề mới.' });
    const [letter] = await documentsOf(contact.id);
    expect(letter!.number).toMatch(/\/SVHTTDL-BC$/);
    const pdf = await download(letter!.pdfUrl, USERS.supervisor);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), {
      mergePages: true,
    });
    expect(collapse(text)).toContain('Đông Hà, ngày');
    expect(collapse(text)).toContain('Trần Văn Thử');
    // A department without a configured letterhead gets one derived from the registry.
    const derived = await expectJson<{ configured: boolean; issuingBody: string }>(
      await h.call('GET', '/agencies/qt-so-yte/letterhead', { as: USERS.admin }),
      200,
    );
    expect(derived).toMatchObject({ configured: false, issuingBody: 'Sở Y tế' });

    const record = await expectJson<{ items: { id: string; contactIds: string[] }[] }>(
      await h.call('GET', '/agencies/qt-so-yte/documents', { as: USERS.head }),
      200,
    );
    expect(record.items.map((d) => d.id)).toContain(letter!.id);
    await expectProblem(
      await h.call('GET', '/agencies/qt-so-yte/documents', { as: USERS.foreignClerk }),
      403,
    );
    await expectProblem(await h.call('GET', '/agencies/qt-so-yte/documents', { as: USERS.reporter }), 403);
  });
});
