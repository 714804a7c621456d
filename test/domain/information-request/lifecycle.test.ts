import { describe, expect, it } from 'vitest';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import type { InformationRequestState } from '../../../domain/information-request/state.ts';
import { toView } from '../../../domain/information-request/view.ts';
import { act, actors, AGENCY, endOf, HOUR, open, run, SAMPLE_INPUT, T0, vn } from './fixtures.ts';

const types = (s: InformationRequestState) => s.timeline.map((e) => e.type);
const answerDue = (s: InformationRequestState) => dueAt(s.clocks.answer!, s.calendar);

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
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_staff', 'spokesperson', 'agency_head'] },
        type: 'new_request',
        text: 'Yêu cầu cung cấp thông tin mới: Tiến độ xây dựng bệnh viện tỉnh',
      },
    ]);
    // Mon 9 Mar 2026: first response by the end of Tue 10, answer by the end of Mon 16 (5 working days).
    expect(dueAt(state.clocks.first_response!, state.calendar)).toBe(endOf('2026-03-10'));
    expect(answerDue(state)).toBe(endOf('2026-03-16'));
    expect(state.clocks.answer).toMatchObject({ startedAt: T0, escalationLevel: 0, warned: false, pauses: [] });
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
  const drafted = act(assigned.state, actors.staff, 'submit_answer', { text: '  Dự kiến quý III/2026.  ' }, t(2));
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
      closed.state.timeline.map((e) => ({ seq: e.seq, type: e.type, at: e.at, sub: e.actor?.sub, role: e.actor?.role })),
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
      { recipient: { kind: 'person', sub: 's-1' }, type: 'answer_returned', text: expect.any(String) as string },
    ]);
    expect(returned.state.clocks.answer?.stoppedAt).toBeUndefined();
    expect(state.status).toBe('answered');
    expect(state.answer).toMatchObject({ text: 'Bản 2', approvedBy: { sub: 'h-1' } });
    expect(types(state)).toEqual(['submitted', 'assign', 'submit_answer', 'return_answer', 'submit_answer', 'approve_answer']);
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

describe('clarification pauses the answer clock', () => {
  it('request_clarification stops first_response, pauses answer and asks the journalist', () => {
    const at = T0 + 2 * HOUR;
    const t = act(open().state, actors.staff, 'request_clarification', { question: 'Cơ sở nào?' }, at);
    expect(t.state.status).toBe('awaiting_journalist');
    expect(t.entry).toMatchObject({ type: 'request_clarification', text: 'Cơ sở nào?', data: { clockPaused: 'answer' } });
    expect(t.state.clocks.first_response?.stoppedAt).toBe(at);
    expect(t.state.clocks.answer?.pauses).toEqual([{ from: at, reason: 'request_clarification' }]);
    expect(t.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'clarification_requested', text: expect.any(String) as string },
    ]);
    const view = toView(t.state, actors.staff, at);
    expect(view.clocks.find((c) => c.name === 'answer')).toMatchObject({ paused: true, dueAt: null, overdue: false });
    expect(view.dueAt).toBeNull();
  });

  it('clarify before any assignment returns to submitted and tells the agency', () => {
    const { state, transitions } = run([
      { actor: 'staff', action: 'request_clarification' },
      { actor: 'reporter', action: 'clarify' },
    ]);
    expect(state.status).toBe('submitted');
    expect(transitions[2]?.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_staff', 'spokesperson', 'agency_head'] },
        type: 'clarified',
        text: expect.any(String) as string,
      },
    ]);
  });

  it('clarify after assignment returns to in_progress and tells the assignee', () => {
    const { state, transitions } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'staff', action: 'request_clarification' },
      { actor: 'reporter', action: 'clarify' },
    ]);
    expect(state.status).toBe('in_progress');
    expect(transitions[3]?.notifications[0]?.recipient).toEqual({ kind: 'person', sub: 's-1' });
  });

  it('a pause within one day does not move the due date', () => {
    const { state, transitions } = run([
      { actor: 'staff', action: 'request_clarification', after: 1 },
      { actor: 'reporter', action: 'clarify', after: 3 },
    ]);
    expect(answerDue(state)).toBe(endOf('2026-03-16'));
    expect(transitions[2]?.entry.data).toEqual({
      clockResumed: 'answer',
      dueMoved: { clock: 'answer', from: endOf('2026-03-16'), to: endOf('2026-03-16'), reason: 'clarification' },
    });
  });

  it('over Tết 2026 the due date moves by the working days paused, not the calendar days', () => {
    // Thu 12 Feb 09:00: five working days are Fri 13, Mon 23, Tue 24, Wed 25, Thu 26 Feb (Tết: 14–22 Feb).
    const submitted = open({ at: vn('2026-02-12T09:00') });
    expect(answerDue(submitted.state)).toBe(endOf('2026-02-26'));
    const paused = act(submitted.state, actors.staff, 'request_clarification', SAMPLE_INPUT.request_clarification, vn('2026-02-13T10:00'));
    expect(dueAt(paused.state.clocks.answer!, paused.state.calendar)).toBeUndefined();
    // Resumed on Tue 24 Feb: 12 calendar days but only 2 working days (Mon 23, Tue 24) were paused.
    const resumed = act(paused.state, actors.reporter, 'clarify', SAMPLE_INPUT.clarify, vn('2026-02-24T09:00'));
    expect(resumed.state.status).toBe('submitted');
    expect(resumed.state.clocks.answer?.pauses).toEqual([
      { from: vn('2026-02-13T10:00'), to: vn('2026-02-24T09:00'), reason: 'request_clarification' },
    ]);
    expect(answerDue(resumed.state)).toBe(endOf('2026-03-02'));
    expect(resumed.entry.data).toEqual({
      clockResumed: 'answer',
      dueMoved: { clock: 'answer', from: endOf('2026-02-26'), to: endOf('2026-03-02'), reason: 'clarification' },
    });
    const view = toView(resumed.state, actors.staff, vn('2026-02-24T09:00'));
    expect(view.clocks.find((c) => c.name === 'answer')).toMatchObject({ paused: false, dueAt: endOf('2026-03-02') });
  });

  it('a second clarification adds a second pause', () => {
    const { state } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'staff', action: 'request_clarification', after: 1 },
      { actor: 'reporter', action: 'clarify', after: 24 }, // Tue 10 Mar: 1 working day
      { actor: 'staff', action: 'request_clarification', after: 1 },
      { actor: 'reporter', action: 'clarify', after: 48 }, // Thu 12 Mar: 2 working days
    ]);
    expect(state.clocks.answer?.pauses).toHaveLength(2);
    expect(answerDue(state)).toBe(endOf('2026-03-19'));
  });
});

describe('decline, forward and withdraw end the request and stop every clock', () => {
  it('decline records the ground and tells the journalist', () => {
    const { state, transitions, now } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'head', action: 'decline', input: { ground: 'secret', explanation: 'Thuộc bí mật nhà nước.' } },
    ]);
    expect(state.status).toBe('declined');
    expect(state.decline).toEqual({ ground: 'secret', explanation: 'Thuộc bí mật nhà nước.' });
    expect(transitions[2]?.entry).toMatchObject({ type: 'decline', text: 'Thuộc bí mật nhà nước.', data: { ground: 'secret' } });
    expect(transitions[2]?.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'declined', text: expect.any(String) as string },
    ]);
    expect(state.clocks.answer?.stoppedAt).toBe(now);
  });

  it('decline while awaiting the journalist closes the open pause', () => {
    const { state, now } = run([
      { actor: 'staff', action: 'request_clarification' },
      { actor: 'spokesperson', action: 'decline' },
    ]);
    expect(state.status).toBe('declined');
    expect(state.clocks.answer?.stoppedAt).toBe(now);
    expect(state.clocks.answer?.pauses[0]?.to).toBe(now);
  });

  it('forward records the competent agency', () => {
    const { state, transitions, now } = run([{ actor: 'otherStaff', action: 'forward' }]);
    expect(state.status).toBe('forwarded');
    expect(state.forwardedTo).toEqual({ agencyId: 'so-tai-chinh-hn', note: 'Thuộc thẩm quyền Sở Tài chính.' });
    expect(transitions[1]?.entry.data).toEqual({ toAgencyId: 'so-tai-chinh-hn' });
    expect(transitions[1]?.notifications[0]).toMatchObject({ recipient: { kind: 'person', sub: 'j-1' }, type: 'forwarded' });
    expect(state.clocks.first_response?.stoppedAt).toBe(now);
    expect(state.clocks.answer?.stoppedAt).toBe(now);
  });

  it('withdraw tells the agency; the reason is optional', () => {
    const { state, transitions, now } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'staff', action: 'submit_answer' },
      { actor: 'reporter', action: 'withdraw', input: undefined },
    ]);
    expect(state.status).toBe('withdrawn');
    expect(state.clocks.answer?.stoppedAt).toBe(now);
    expect(state.clocks.first_response?.stoppedAt).toBe(T0 + HOUR);
    expect(transitions[3]?.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_staff', 'spokesperson', 'agency_head'] },
        type: 'withdrawn',
        text: expect.any(String) as string,
      },
    ]);
    const bare = act(open().state, actors.reporter, 'withdraw', undefined, T0 + HOUR);
    expect(bare.entry.text).toBeUndefined();
  });
});

describe('extend', () => {
  it('moves the due date of the answer clock by default and says so in the timeline', () => {
    const { state, transitions, now } = run([
      { actor: 'staff', action: 'assign' },
      { actor: 'head', action: 'extend' },
    ]);
    const t = transitions[2]!;
    expect(answerDue(state)).toBe(endOf('2026-03-18'));
    expect(t.entry).toMatchObject({
      type: 'extend',
      text: 'Cần lấy ý kiến nhiều đơn vị.',
      actor: { sub: 'h-1', role: 'agency_head' },
      data: {
        dueMoved: { clock: 'answer', from: endOf('2026-03-16'), to: endOf('2026-03-18'), reason: 'extension' },
        span: { unit: 'working_days', amount: 2 },
      },
    });
    expect(state.clocks.answer?.extensions).toEqual([
      { span: { unit: 'working_days', amount: 2 }, reason: 'Cần lấy ý kiến nhiều đơn vị.', at: now, bySub: 'h-1' },
    ]);
    expect(t.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'extended', text: expect.any(String) as string },
    ]);
    expect(state.status).toBe('in_progress');
  });

  it('a supervisor may extend the first-response clock by hours', () => {
    const t = act(
      open().state,
      actors.supervisor,
      'extend',
      { clock: 'first_response', span: { unit: 'hours', amount: 12 }, reason: 'Lãnh đạo đi công tác' },
      T0 + HOUR,
    );
    expect(t.entry.data?.['dueMoved']).toEqual({
      clock: 'first_response',
      from: endOf('2026-03-10'),
      to: endOf('2026-03-10') + 12 * HOUR,
      reason: 'extension',
    });
    expect(t.state.clocks.answer?.extensions).toEqual([]);
  });
});

describe('remind', () => {
  it('logs the reminder and tells the agency head without changing anything else', () => {
    const { state, transitions } = run([{ actor: 'supervisor', action: 'remind' }]);
    const t = transitions[1]!;
    expect(t.entry).toMatchObject({ seq: 2, type: 'remind', text: 'Đề nghị trả lời đúng hạn.', actor: { role: 'supervisor' } });
    expect(t.notifications).toEqual([
      { recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_head'] }, type: 'reminder', text: expect.any(String) as string },
    ]);
    const before = transitions[0]!.state;
    expect({ ...state, timeline: before.timeline, updatedAt: before.updatedAt }).toEqual(before);
  });
});
