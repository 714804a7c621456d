// Difficulty reports through the HTTP API on real Temporal and a real database (issue 10): a journalist reports
// an obstacle to the province's press-management department, which acknowledges it, refers it to the agency
// involved, which responds; the department resolves it; the journalist reopens it once and it is resolved again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DifficultyReportView } from '../../domain/contact/views.ts';
import { Contact } from '../../db/entities/index.ts';
import { expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { recordHistory } from '../support/histories.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const DEPARTMENT = 'qt-so-vhttdl';
const HEALTH = 'qt-so-yte';
let keys = 0;

function report(body: Record<string, unknown> = {}, as: string = USERS.reporter) {
  keys += 1;
  return h.call('POST', '/contacts', {
    as,
    headers: { 'idempotency-key': `report-${Date.now()}-${keys}` },
    body: {
      kind: 'difficulty_report',
      provinceId: 'quang-tri',
      agencyId: HEALTH,
      subject: 'Không được tiếp nhận đề nghị cung cấp thông tin',
      description: 'Tôi đã gửi yêu cầu ba tuần trước nhưng Sở Y tế chưa trả lời và không nghe điện thoại.',
      ...body,
    },
  });
}

const act = async (id: string, as: string, action: string, body = {}) =>
  expectJson<DifficultyReportView>(
    await h.call('POST', `/contacts/${id}/actions/${action}`, { as, body }),
    200,
  );
const read = (id: string, as: string) => h.call('GET', `/contacts/${id}`, { as });
const listed = async (as: string) =>
  (
    await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/contacts?kind=difficulty_report&limit=100', { as }),
      200,
    )
  ).items.map((i) => i.id);

describe('difficulty report', () => {
  it('goes to the department, is referred, answered, resolved, reopened once and resolved again', async () => {
    const request = await openRequest(h);
    const opened = await expectJson<DifficultyReportView>(
      await report({ relatedContactIds: [request.id] }),
      201,
    );
    expect(opened).toMatchObject({
      kind: 'difficulty_report',
      status: 'submitted',
      agencyId: DEPARTMENT,
      provinceId: 'quang-tri',
      involvedAgencyId: HEALTH,
      relatedContactIds: [request.id],
      referral: null,
    });
    expect(opened.id).toMatch(/^KN-/);
    // The department sees it; the agency involved does not, until it is referred to it.
    expect(await listed(USERS.supervisor)).toContain(opened.id);
    expect(await listed(USERS.clerk)).not.toContain(opened.id);
    await expectProblem(await read(opened.id, USERS.clerk), 404);

    await act(opened.id, USERS.supervisor, 'acknowledge_report', { note: 'Sở đã nhận phản ánh.' });
    const referred = await act(opened.id, USERS.supervisor, 'refer', {
      toAgencyId: HEALTH,
      note: 'Đề nghị Sở Y tế trả lời nhà báo và báo cáo.',
    });
    expect(referred.status).toBe('referred');
    expect(referred.referral).toMatchObject({ agencyId: HEALTH, response: null });

    // Now the agency reads it in its list, and may respond — from outside the department's side.
    expect(await listed(USERS.clerk)).toContain(opened.id);
    const asAgency = await expectJson<DifficultyReportView>(await read(opened.id, USERS.clerk), 200);
    expect(asAgency.allowedActions).toContain('respond');
    expect(await listed(USERS.foreignClerk)).not.toContain(opened.id);
    await expectProblem(await read(opened.id, USERS.foreignClerk), 404);

    const responded = await act(opened.id, USERS.clerk, 'respond', {
      text: 'Sở đã liên hệ và gửi số liệu cho nhà báo ngày 01/12.',
    });
    expect(responded.status).toBe('under_review');
    const resolved = await act(opened.id, USERS.supervisor, 'resolve', {
      resolution: 'Sở Y tế đã cung cấp thông tin; đã nhắc Sở trả lời đúng hạn.',
    });
    expect(resolved.status).toBe('resolved');

    const reopened = await act(opened.id, USERS.reporter, 'reopen', {
      reason: 'Số liệu còn thiếu tháng 10.',
    });
    expect(reopened).toMatchObject({ status: 'reopened', mayStillReopen: false });
    await act(opened.id, USERS.supervisor, 'acknowledge_report', {});
    const again = await act(opened.id, USERS.supervisor, 'resolve', {
      resolution: 'Sở Y tế đã bổ sung số liệu tháng 10.',
    });
    expect(again.status).toBe('resolved');
    // Once only.
    await expectProblem(
      await h.call('POST', `/contacts/${opened.id}/actions/reopen`, {
        as: USERS.reporter,
        body: { reason: 'Lần nữa.' },
      }),
      409,
      'action_not_allowed',
    );
    const seen = await expectJson<DifficultyReportView>(await read(opened.id, USERS.reporter), 200);
    expect(seen.resolution?.text).toBe('Sở Y tế đã bổ sung số liệu tháng 10.');
    expect(seen.timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['submitted', 'acknowledge_report', 'refer', 'respond', 'resolve', 'reopen']),
    );
    await recordHistory(h.client, opened.id, 'difficulty-report');
  });

  it('lets the journalist withdraw it, and refuses the department’s actions to others', async () => {
    const opened = await expectJson<DifficultyReportView>(await report({ agencyId: undefined }), 201);
    expect(opened.involvedAgencyId).toBeNull();
    await expectProblem(
      await h.call('POST', `/contacts/${opened.id}/actions/acknowledge_report`, {
        as: USERS.reporter,
        body: {},
      }),
      409,
      'action_not_allowed',
    );
    await expectProblem(
      await h.call('POST', `/contacts/${opened.id}/actions/acknowledge_report`, {
        as: USERS.auditor,
        body: {},
      }),
      409,
      'action_not_allowed',
    );
    const withdrawn = await act(opened.id, USERS.reporter, 'withdraw', { reason: 'Đã được giải quyết.' });
    expect(withdrawn.status).toBe('withdrawn');
  });

  it('is refused to agency staff, and for a province, agency or related contact that does not fit', async () => {
    await expectProblem(await report({}, USERS.clerk), 403, 'role_required');
    const before = await h.orm.em.fork().count(Contact, { kind: 'difficulty_report' });
    const other = await openRequest(h, { key: `other-${Date.now()}` });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ provinceId: 'ha-noi' }, 'no_department', 'provinceId'],
      [{ agencyId: 'qt-khong-co' }, 'unknown_agency', 'agencyId'],
      [{ agencyId: DEPARTMENT }, 'unknown_agency', 'agencyId'],
      [{ relatedContactIds: ['YC-KHONGCO'] }, 'unknown_related_contact', 'relatedContactIds'],
      [{ description: 'ngắn' }, 'invalid_input', 'description'],
      [{ extra: 1 }, 'invalid_input', ''],
    ];
    for (const [body, code, path] of cases) {
      const problem = await expectProblem(await report(body), 422, code);
      if (path) expect(problem.issues?.map((i) => i.path).join(' '), JSON.stringify(body)).toContain(path);
    }
    // Another journalist's contact is not theirs to link.
    await expectProblem(
      await report({ relatedContactIds: [other.id] }, USERS.otherReporter),
      422,
      'unknown_related_contact',
    );
    expect(await h.orm.em.fork().count(Contact, { kind: 'difficulty_report' })).toBe(before);
  });
});
