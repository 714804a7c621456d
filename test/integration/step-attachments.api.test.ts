// Documents that travel with a step (issue 10): an information request's answer carries the documents it was
// drafted with, and a walk-in's result carries its minutes — files of the same contact, named by id, found by
// the API and kept in the workflow's state; another contact's file is refused before the Update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView, InformationRequestView, WalkInView } from '../../domain/contact/views.ts';
import { act, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

let serial = 0;
/** A small PDF, different each call. */
const pdf = () => new TextEncoder().encode(`%PDF-1.7\n% ${++serial} ${Date.now()}\n%%EOF\n`);

async function upload(contactId: string, as: string, name: string): Promise<{ id: string; name: string }> {
  const form = new FormData();
  form.append('file', new File([pdf()], name, { type: 'application/pdf' }));
  const response = await h.app.request(`/api/v1/contacts/${contactId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await h.tokenFor(as)}` },
    body: form,
  });
  return expectJson(response, 201);
}

/** The ids of the contact's files `as` is listed. */
async function listedFor(contactId: string, as: string): Promise<string[]> {
  const page = await expectJson<{ items: { id: string }[] }>(
    await h.call('GET', `/contacts/${contactId}/attachments`, { as }),
    200,
  );
  return page.items.map((f) => f.id);
}

describe('files carried by a step', () => {
  it('go out with the approved answer; the journalist sees and downloads them, never the draft’s', async () => {
    const c = await openRequest(h);
    await act(h, c.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    const report = await upload(c.id, USERS.officer, 'Báo cáo tiêm chủng tháng 11.pdf');
    const drafted = await act(h, c.id, USERS.officer, 'submit_answer', {
      text: 'Số liệu tiêm chủng tháng 11 trong báo cáo đính kèm.',
      attachmentIds: [report.id],
    });
    expect(drafted.draftAttachments.map((f) => f.id)).toEqual([report.id]);
    const asJournalist = await expectJson<InformationRequestView>(
      await h.call('GET', `/contacts/${c.id}`, { as: USERS.reporter }),
      200,
    );
    expect(asJournalist.draftAttachments).toEqual([]);

    // Before approval the draft's document is the agency's: the journalist neither lists nor downloads it.
    expect(await listedFor(c.id, USERS.reporter)).toEqual([]);
    expect(
      (await h.call('GET', `/contacts/${c.id}/attachments/${report.id}`, { as: USERS.reporter })).status,
    ).toBe(404);
    expect(await listedFor(c.id, USERS.clerk)).toEqual([report.id]);

    const answered = await act(h, c.id, USERS.spokesperson, 'approve_answer', {});
    const [sent] = answered.answer?.attachments ?? [];
    expect(sent).toMatchObject({
      id: report.id,
      name: 'Báo cáo tiêm chủng tháng 11.pdf',
      type: 'application/pdf',
    });
    expect(sent?.size).toBeGreaterThan(0);
    const seen = await expectJson<InformationRequestView>(
      await h.call('GET', `/contacts/${c.id}`, { as: USERS.reporter }),
      200,
    );
    expect(seen.answer?.attachments.map((f) => f.id)).toEqual([report.id]);
    const download = await h.call('GET', `/contacts/${c.id}/attachments/${report.id}`, {
      as: USERS.reporter,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(await listedFor(c.id, USERS.reporter)).toEqual([report.id]);
  });

  it('keep an internal note’s file from the journalist, who cannot share it by citing its id', async () => {
    const c = await openRequest(h);
    const own = await upload(c.id, USERS.reporter, 'Ảnh hiện trường.pdf');
    const noteFile = await upload(c.id, USERS.clerk, 'Tờ trình nội bộ.pdf');
    const shared = await upload(c.id, USERS.clerk, 'Lịch tiếp nhà báo.pdf');
    const post = (as: string, body: Record<string, unknown>) =>
      h.call('POST', `/contacts/${c.id}/messages`, { as, body });
    await expectJson(
      await post(USERS.clerk, { text: 'Chờ lãnh đạo duyệt.', internal: true, attachmentIds: [noteFile.id] }),
      201,
    );
    await expectJson(
      await post(USERS.clerk, { text: 'Gửi anh lịch tiếp.', attachmentIds: [shared.id] }),
      201,
    );

    expect(await listedFor(c.id, USERS.reporter)).toEqual([own.id, shared.id]);
    expect(await listedFor(c.id, USERS.clerk)).toEqual([own.id, noteFile.id, shared.id]);
    const hidden = await h.call('GET', `/contacts/${c.id}/attachments/${noteFile.id}`, {
      as: USERS.reporter,
    });
    expect(hidden.status).toBe(404);
    await expectProblem(
      await post(USERS.reporter, { text: 'Xin gửi lại tệp này.', attachmentIds: [noteFile.id] }),
      422,
      'attachment_not_on_contact',
    );
    // Nothing was written by the refused message: the journalist's thread still holds the one shared message.
    const thread = await expectJson<{ items: { text: string }[] }>(
      await h.call('GET', `/contacts/${c.id}/messages`, { as: USERS.reporter }),
      200,
    );
    expect(thread.items.map((m) => m.text)).toEqual(['Gửi anh lịch tiếp.']);
  });

  it('keep a walk-in’s minutes with its result', async () => {
    const opened = await expectJson<WalkInView>(
      await h.call('POST', '/contacts', {
        as: USERS.clerk,
        headers: { 'idempotency-key': `minutes-${Date.now()}` },
        body: {
          kind: 'walk_in',
          agencyId: 'qt-so-yte',
          journalistId: 'nb-0001',
          visitedAt: Date.now() - 3_600_000,
          subject: 'Làm việc về bệnh viện tỉnh',
          content: 'Phóng viên hỏi tiến độ xây dựng bệnh viện tỉnh mới.',
          hostId: 'sp-qt-yte',
        },
      }),
      201,
    );
    const minutes = await upload(opened.id, USERS.clerk, 'Biên bản làm việc.pdf');
    const recorded = (await act(h, opened.id, USERS.clerk, 'record_result', {
      held: true,
      summary: 'Sở thông tin tiến độ xây dựng.',
      informationProvided: 'Biên bản làm việc.',
      attachmentIds: [minutes.id],
    })) as unknown as WalkInView;
    expect(recorded.result?.attachments.map((f) => f.name)).toEqual(['Biên bản làm việc.pdf']);
  });

  it('refuse a file of another contact, or one named twice, and change nothing', async () => {
    const mine = await openRequest(h);
    const other = await openRequest(h);
    await act(h, mine.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    const foreign = await upload(other.id, USERS.reporter, 'Của hồ sơ khác.pdf');
    const refused = await expectProblem(
      await h.call('POST', `/contacts/${mine.id}/actions/submit_answer`, {
        as: USERS.officer,
        body: { text: 'Trả lời kèm tệp của hồ sơ khác.', attachmentIds: [foreign.id] },
      }),
      422,
      'attachment_not_on_contact',
    );
    expect(refused.issues?.[0]?.path).toBe('attachmentIds');
    const own = await upload(mine.id, USERS.officer, 'Tệp.pdf');
    await expectProblem(
      await h.call('POST', `/contacts/${mine.id}/actions/submit_answer`, {
        as: USERS.officer,
        body: { text: 'Trả lời kèm một tệp hai lần.', attachmentIds: [own.id, own.id] },
      }),
      422,
    );
    const after = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${mine.id}`, { as: USERS.officer }),
      200,
    );
    expect(after.status).toBe('in_progress');
  });
});
