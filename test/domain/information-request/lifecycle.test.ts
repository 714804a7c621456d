import { describe, expect, it } from 'vitest';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import type { InformationRequestState } from '../../../domain/information-request/index.ts';
import { act, actors, AGENCY, answerDue, endOf, HOUR, open, run, SAMPLE_INPUT, T0, vn } from './fixtures.ts';

const types = (s: InformationRequestState) => s.timeline.map((e) => e.type);

describe('openInformationRequest', () => {
  it('starts in submitted with both clocks running and tells the agency', () => {
    const { state, entry, notifications } = open();
    expect(state.status).toBe('submitted');
    expect(state.kind).toBe('information_request');
    expect(state.submittedAt).toBe(T0);
    expect(state.updatedAt).toBe(T0);
    expect(entry).toEqual({
      seq: 1,
      at: T0,
      type: 'submitted',
      actor: { sub: actors.reporter.sub, name: actors.reporter.name, role: 'journalist' },
      text: 'Khi nào bệnh viện tỉnh mới đưa vào sử dụng?',
    });
    expect(state.timeline).toEqual([entry]);
    expect(notifications).toEqual([
      {
        recipient: {
          kind: 'agency_role',
          agencyId: AGENCY,
          roles: ['agency_staff', 'spokesperson', 'agency_head'],
        },
        type: 'new_request',
        text: 'Yêu cầu cung cấp thông tin mới: Tiến độ xây dựng bệnh viện tỉnh',
      },
    ]);
    // Mon 9 Mar 2026: first response by the end of Tue 10, answer by the end of Mon 16 (5 working days).
    expect(dueAt(state.clocks.first_response!, state.calendar)).toBe(endOf('2026-03-10'));
    expect(answerDue(state)).toBe(endOf('2026-03-16'));
    expect(state.clocks.answer).toMatchObject({
      startedAt: T0,
      escalationLevel: 0,
      warned: false,
      pauses: [],
    });
  });

  it('starts only the clocks it has rules for', () => {
    const { state } = open({ rules: {} });
    expect(state.clocks).toEqual({});
  });
});

describe('happy path: submit → assign → submit_answer → approve_answer → acknowledge', () => {
  const t = (h: number) => T0 + h * HOUR;
  const opened = open();
  const assigned = act(opened.state, actors.staff, 'assign', SAMPLE_INPUT.assign, t(1));
  const drafted = act(
    assigned.state,
    actors.staff,
    'submit_answer',
    { text: '  Dự kiến quý III/2026.  ' },
    t(2),
  );
  const approved = act(drafted.state, actors.spokesperson, 'approve_answer', { note: 'Đồng ý' }, t(3));
  const closed = act(approved.state, actors.reporter, 'acknowledge', {}, t(4));

  it('moves through the statuses', () => {
    expect([opened, assigned, drafted, approved, closed].map((x) => x.state.status)).toEqual([
      'submitted',
      'in_progress',
      'pending_approval',
      'answered',
      'closed',
    ]);
  });

  it('records every step in the timeline with seq, type, time and actor', () => {
    expect(
      closed.state.timeline.map((e) => ({
        seq: e.seq,
        type: e.type,
        at: e.at,
        sub: e.actor?.sub,
        role: e.actor?.role,
      })),
    ).toEqual([
      { seq: 1, type: 'submitted', at: T0, sub: 'j-1', role: 'journalist' },
      { seq: 2, type: 'assign', at: t(1), sub: 's-1', role: 'agency_staff' },
      { seq: 3, type: 'submit_answer', at: t(2), sub: 's-1', role: 'agency_staff' },
      { seq: 4, type: 'approve_answer', at: t(3), sub: 'sp-1', role: 'spokesperson' },
      { seq: 5, type: 'acknowledge', at: t(4), sub: 'j-1', role: 'journalist' },
    ]);
    expect(closed.state.updatedAt).toBe(t(4));
    expect(assigned.entry.actor).toEqual({ sub: 's-1', name: 'Lê Văn C', role: 'agency_staff' });
    expect(assigned.entry.data).toEqual({ assignee: { sub: 's-1', name: 'Lê Văn C' } });
    expect(drafted.entry.text).toBe('Dự kiến quý III/2026.');
    expect(approved.entry).toMatchObject({ text: 'Đồng ý', data: { answer: 'Dự kiến quý III/2026.' } });
  });

  it('keeps the assignee, the draft and the approved answer', () => {
    expect(assigned.state.assignee).toEqual({ sub: 's-1', name: 'Lê Văn C' });
    expect(drafted.state.draftAnswer).toEqual({ text: 'Dự kiến quý III/2026.', bySub: 's-1', at: t(2) });
    expect(approved.state.answer).toEqual({
      text: 'Dự kiến quý III/2026.',
      approvedBy: { sub: 'sp-1', name: 'Hoàng Văn E' },
      at: t(3),
    });
  });

  it('notifies the right people at each step', () => {
    expect(assigned.notifications).toEqual([
      { recipient: { kind: 'person', sub: 's-1' }, type: 'assigned', text: expect.any(String) as string },
    ]);
    expect(drafted.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['spokesperson', 'agency_head'] },
        type: 'answer_submitted',
        text: expect.any(String) as string,
      },
    ]);
    expect(approved.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'answered', text: expect.any(String) as string },
    ]);
    expect(approved.notifications[0]?.text).toContain('Tiến độ xây dựng bệnh viện tỉnh');
    expect(closed.notifications).toEqual([]);
  });

  it('stops the first-response clock at assign and the answer clock at approval', () => {
    expect(assigned.state.clocks.first_response?.stoppedAt).toBe(t(1));
    expect(assigned.state.clocks.answer?.stoppedAt).toBeUndefined();
    expect(drafted.state.clocks.answer?.stoppedAt).toBeUndefined();
    expect(approved.state.clocks.first_response?.stoppedAt).toBe(t(1));
    expect(approved.state.clocks.answer?.stoppedAt).toBe(t(3));
    expect(closed.state.clocks.answer?.stoppedAt).toBe(t(3));
  });

  it('does not change the state it was given', () => {
    expect(opened.state.status).toBe('submitted');
    expect(opened.state.timeline).toHaveLength(1);
    expect(opened.state.clocks.first_response?.stoppedAt).toBeUndefined();
  });
});

describe('return_answer', () => {
  const { state, transitions } = run([
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'submit_answer', input: { text: 'Bản 1' } },
    { actor: 'head', action: 'return_answer', input: { reason: 'Thiếu số liệu' } },
    { actor: 'staff', action: 'submit_answer', input: { text: 'Bản 2' } },
    { actor: 'head', action: 'approve_answer' },
  ]);

  it('sends the draft back to in_progress, tells its author, and the next draft can be approved', () => {
    const returned = transitions[3]!;
    expect(returned.state.status).toBe('in_progress');
    expect(returned.entry).toMatchObject({ type: 'return_answer', text: 'Thiếu số liệu' });
    expect(returned.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: 's-1' },
        type: 'answer_returned',
        text: expect.any(String) as string,
      },
    ]);
    expect(returned.state.clocks.answer?.stoppedAt).toBeUndefined();
    expect(state.status).toBe('answered');
    expect(state.answer).toMatchObject({ text: 'Bản 2', approvedBy: { sub: 'h-1' } });
    expect(types(state)).toEqual([
      'submitted',
      'assign',
      'submit_answer',
      'return_answer',
      'submit_answer',
      'approve_answer',
    ]);
    expect(state.timeline.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('follow_up', () => {
  const answered = run([
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'submit_answer' },
    { actor: 'spokesperson', action: 'approve_answer' },
  ]).state;
  // Thu 12 Mar 2026, 14:00: five working days later is Thu 19 Mar.
  const at = vn('2026-03-12T14:00');
  const followed = act(answered, actors.reporter, 'follow_up', SAMPLE_INPUT.follow_up, at);

  it('reopens the request with the assignee and restarts the answer clock with a new due date', () => {
    expect(followed.state.status).toBe('in_progress');
    expect(followed.entry).toMatchObject({ type: 'follow_up', data: { clockRestarted: 'answer' } });
    expect(followed.state.clocks.answer).toMatchObject({
      startedAt: at,
      escalationLevel: 0,
      warned: false,
      pauses: [],
      extensions: [],
    });
    expect(followed.state.clocks.answer?.stoppedAt).toBeUndefined();
    expect(answerDue(answered)).toBe(endOf('2026-03-16'));
    expect(answerDue(followed.state)).toBe(endOf('2026-03-19'));
    expect(followed.state.clocks.first_response).toEqual(answered.clocks.first_response);
    expect(followed.notifications).toEqual([
      { recipient: { kind: 'person', sub: 's-1' }, type: 'follow_up', text: expect.any(String) as string },
    ]);
  });

  it('can be answered again', () => {
    const again = run(
      [
        { actor: 'staff', action: 'submit_answer', input: { text: 'Khoảng 1.200 tỷ đồng.' } },
        { actor: 'head', action: 'approve_answer' },
      ],
      followed,
    ).state;
    expect(again.status).toBe('answered');
    expect(again.answer?.text).toBe('Khoảng 1.200 tỷ đồng.');
    expect(again.clocks.answer?.stoppedAt).toBeDefined();
  });
});
