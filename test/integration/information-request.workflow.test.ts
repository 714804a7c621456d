// Workflow behaviour on a real Temporal dev server with the real activities and database: returns,
// rejected actions, timers and escalation, clarification pauses, follow-ups, and recorded histories.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { durationRule, PROVINCE_RULES } from '../support/rules.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { recordHistory } from '../support/histories.ts';
import { act, eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';

let h: Harness;
beforeAll(async () => {
  // Office hours `always`: escalation to the department waits for the next working moment, so at 17:00 or on a
  // weekend the escalation test would wait for Monday morning (it failed in CI at 17:00 Vietnam time).
  h = await startHarness({ officeHours: 'always' });
});
afterAll(async () => h?.close());

const read = (id: string, as: string = USERS.clerk) =>
  h.call('GET', `/contacts/${id}`, { as }).then((r) => expectJson<ContactView>(r, 200));
const historyLength = async (id: string) =>
  (await h.client.workflow.getHandle(id).fetchHistory()).events?.length ?? 0;

async function useRules(rules: unknown[]): Promise<void> {
  await expectJson(await h.call('PUT', PROVINCE_RULES, { as: USERS.admin, body: { items: rules } }), 200);
}

const shortRule = (clock: string, span: string, warn: string, grace: string) =>
  durationRule('information_request', clock, span, warn, grace);

const record = (name: string, id: string) => recordHistory(h.client, id, name);

describe('informationRequestWorkflow', () => {
  it('returns a draft, then approves the corrected one', async () => {
    const c = await openRequest(h);
    await act(h, c.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer, assigneeName: 'Phạm Văn Dũng' });
    await act(h, c.id, USERS.officer, 'submit_answer', { text: 'Bản nháp thứ nhất.' });
    const returned = await act(h, c.id, USERS.head, 'return_answer', { reason: 'Thiếu số liệu tháng 10.' });
    expect(returned.status).toBe('in_progress');
    await act(h, c.id, USERS.officer, 'submit_answer', { text: 'Bản nháp thứ hai, đủ số liệu.' });
    const approved = await act(h, c.id, USERS.head, 'approve_answer', { note: 'Đồng ý.' });
    expect(approved.status).toBe('answered');
    expect(approved.answer?.text).toBe('Bản nháp thứ hai, đủ số liệu.');
    expect(approved.timeline.map((e) => e.type)).toEqual([
      'submitted',
      'assign',
      'submit_answer',
      'return_answer',
      'submit_answer',
      'approve_answer',
    ]);
    await record('return-and-approve', c.id);
  });

  it('rejects an action the status does not allow before it enters history', async () => {
    const c = await openRequest(h);
    const before = await historyLength(c.id);
    const problem = await expectProblem(
      await h.call('POST', `/contacts/${c.id}/actions/approve_answer`, { as: USERS.spokesperson, body: {} }),
      409,
      'action_not_allowed',
    );
    expect(problem.detail).toContain("status 'submitted'");
    // RFC 9457: `status` stays the HTTP code; the contact's status has its own member.
    expect(problem).toMatchObject({ status: 409, contactStatus: 'submitted' });
    expect(problem.allowedActions).toEqual(['assign', 'request_clarification', 'decline', 'forward']);
    expect(await historyLength(c.id)).toBe(before);
    const bad = await expectProblem(
      await h.call('POST', `/contacts/${c.id}/actions/assign`, {
        as: USERS.clerk,
        body: { assigneeSub: '' },
      }),
      422,
      'invalid_input',
    );
    // The assignee's name is no longer asked for: it comes from the registry.
    expect(bad.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['assigneeSub']));
    expect(await historyLength(c.id)).toBe(before);
  });

  it('warns, marks overdue and escalates to the press-management department', async () => {
    await useRules([
      shortRule('first_response', 'PT2S', 'PT1S', 'PT2S'),
      shortRule('answer', 'PT1H', 'PT10M', 'PT1H'),
    ]);
    try {
      const c = await openRequest(h);
      const escalated = await eventually(
        () => read(c.id),
        (v) => v.escalationLevel === 2,
      );
      expect(escalated.escalationLevel).toBe(2);
      expect(escalated.overdue).toBe(true);
      expect(escalated.timeline.map((e) => e.type)).toEqual(['submitted', 'warning', 'overdue', 'escalated']);
      const notes = await h.orm.em
        .fork()
        .execute<{ type: string; recipient_province_id: string | null }[]>(
          'select type, recipient_province_id from notification where contact_id = ? order by id',
          [c.id],
        );
      expect(notes.map((n) => n.type)).toEqual(['new_request', 'deadline_warning', 'overdue', 'escalated']);
      expect(notes.at(-1)?.recipient_province_id).toBe('quang-tri');
      const board = await expectJson<{ items: { id: string }[] }>(
        await h.call('GET', '/contacts?overdue=true', { as: USERS.supervisor }),
        200,
      );
      expect(board.items.map((i) => i.id)).toContain(c.id);
      // Escalation never blocks action: the agency can still act, and acting stops the clock.
      const assigned = await act(h, c.id, USERS.clerk, 'assign', {
        assigneeSub: USERS.officer,
        assigneeName: 'Phạm Văn Dũng',
      });
      expect(assigned.clocks.find((k) => k.name === 'first_response')?.stoppedAt).not.toBeNull();
      await record('escalation', c.id);
    } finally {
      await useRules([]).catch(() => undefined);
    }
  });

  it('pauses the answer clock during clarification and moves the due date', async () => {
    await useRules([
      shortRule('first_response', 'PT1H', 'PT10M', 'PT1H'),
      shortRule('answer', 'PT2H', 'PT10M', 'PT1H'),
    ]);
    const c = await openRequest(h);
    const dueBefore = c.clocks.find((k) => k.name === 'answer')?.dueAt ?? 0;
    const waiting = await act(h, c.id, USERS.clerk, 'request_clarification', {
      question: 'Anh cần số liệu của tháng nào?',
    });
    expect(waiting.status).toBe('awaiting_journalist');
    expect(waiting.clocks.find((k) => k.name === 'answer')).toMatchObject({ paused: true, dueAt: null });
    await new Promise((r) => setTimeout(r, 1500));
    const clarified = await act(h, c.id, USERS.reporter, 'clarify', { text: 'Tháng 10 và tháng 11.' });
    expect(clarified.status).toBe('submitted');
    const dueAfter = clarified.clocks.find((k) => k.name === 'answer')?.dueAt ?? 0;
    expect(dueAfter - dueBefore).toBeGreaterThanOrEqual(1400);
    const moved = clarified.timeline.at(-1)?.data?.dueMoved as { from: number; to: number; reason: string };
    expect(moved).toMatchObject({ from: dueBefore, to: dueAfter, reason: 'clarification' });
    await record('clarification', c.id);
  });

  it('reopens on a follow-up question with a fresh answer clock', async () => {
    const c = await openRequest(h);
    await act(h, c.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer, assigneeName: 'Phạm Văn Dũng' });
    await act(h, c.id, USERS.officer, 'submit_answer', { text: 'Trả lời lần một.' });
    await act(h, c.id, USERS.spokesperson, 'approve_answer');
    const reopened = await act(h, c.id, USERS.reporter, 'follow_up', {
      question: 'Xin thêm số liệu theo từng xã.',
    });
    expect(reopened.status).toBe('in_progress');
    const answer = reopened.clocks.find((k) => k.name === 'answer');
    expect(answer?.stoppedAt).toBeNull();
    expect(answer?.dueAt).toBeGreaterThan(reopened.timeline.at(-1)!.at);
    const officerView = await read(c.id, USERS.officer);
    expect(officerView.allowedActions).toContain('submit_answer');
    await record('follow-up', c.id);
  });
});
