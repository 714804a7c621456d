import { describe, expect, it } from 'vitest';
import { summarise, toView } from '../../../domain/information-request/index.ts';
import { actors, endOf, HOUR, inStatus, open, run, T0 } from './fixtures.ts';

const FR_DUE = endOf('2026-03-10');
const ANSWER_DUE = endOf('2026-03-16');

describe('toView: what the journalist sees', () => {
  const { state } = run([
    { actor: 'staff', action: 'assign' },
    { actor: 'supervisor', action: 'remind' },
    { actor: 'staff', action: 'submit_answer', input: { text: 'Bản nháp 1' } },
    { actor: 'head', action: 'return_answer' },
    { actor: 'staff', action: 'submit_answer', input: { text: 'Bản nháp 2' } },
  ]);
  const now = state.updatedAt;

  it('hides draft answers and internal steps from the journalist', () => {
    const view = toView(state, actors.reporter, now);
    expect(view.status).toBe('pending_approval');
    expect(view.draftAnswer).toBeNull();
    expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'assign']);
    expect(view.timeline.map((e) => e.seq)).toEqual([1, 2]);
    expect(view.allowedActions).toEqual(['withdraw']);
  });

  it('the agency and the supervisor see everything', () => {
    for (const actor of [actors.staff, actors.head, actors.supervisor]) {
      const view = toView(state, actor, now);
      expect(view.draftAnswer).toBe('Bản nháp 2');
      expect(view.timeline.map((e) => e.type)).toEqual([
        'submitted',
        'assign',
        'remind',
        'submit_answer',
        'return_answer',
        'submit_answer',
      ]);
    }
    // `reassign` and `close` are the shared supervision actions information requests gained in issue 7.
    expect(toView(state, actors.head, now).allowedActions).toEqual([
      'approve_answer',
      'return_answer',
      'decline',
      'extend',
      'reassign',
      'close',
    ]);
  });

  it('once approved the journalist sees the answer but still not the drafts', () => {
    const answered = run([{ actor: 'head', action: 'approve_answer' }], {
      state,
      entry: state.timeline.at(-1)!,
      notifications: [],
    }).state;
    const view = toView(answered, actors.reporter, answered.updatedAt);
    expect(view.answer).toMatchObject({ text: 'Bản nháp 2', approvedBy: { sub: 'h-1', name: 'Đỗ Thị F' } });
    expect(view.draftAnswer).toBeNull();
    expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'assign', 'approve_answer']);
    expect(view.allowedActions).toEqual(['acknowledge', 'follow_up']);
  });
});

describe('toView: the fields', () => {
  it('maps a fresh request', () => {
    const { state } = open();
    expect(toView(state, actors.staff, T0)).toEqual({
      id: 'IR-2026-0001',
      kind: 'information_request',
      agencyId: 'so-y-te-qt',
      provinceId: 'quang-tri',
      journalist: { sub: 'j-1', name: 'Nguyễn Văn A' },
      subject: 'Tiến độ xây dựng bệnh viện tỉnh',
      question: 'Khi nào bệnh viện tỉnh mới đưa vào sử dụng?',
      status: 'submitted',
      assignee: null,
      draftAnswer: null,
      draftAttachments: [],
      answer: null,
      decline: null,
      forwardedTo: null,
      // Every kind's view now has the link back from a forward and an administrative closure (issue 7).
      forwardedFrom: null,
      closure: null,
      clocks: [
        {
          name: 'first_response',
          dueAt: FR_DUE,
          paused: false,
          stoppedAt: null,
          overdue: false,
          escalationLevel: 0,
          // The rule each clock runs under (issue 11): here the product's default, national.
          rule: { span: { unit: 'working_days', amount: 1 }, effectiveFrom: '2017-03-30', provinceId: null },
        },
        {
          name: 'answer',
          dueAt: ANSWER_DUE,
          paused: false,
          stoppedAt: null,
          overdue: false,
          escalationLevel: 0,
          rule: { span: { unit: 'working_days', amount: 5 }, effectiveFrom: '2017-03-30', provinceId: null },
        },
      ],
      dueAt: FR_DUE,
      overdue: false,
      escalationLevel: 0,
      submittedAt: T0,
      updatedAt: T0,
      timeline: state.timeline,
      allowedActions: ['assign', 'request_clarification', 'forward'],
    });
  });

  it('shows the decline and the forwarding target', () => {
    expect(toView(inStatus('declined'), actors.reporter, T0 + 5 * HOUR).decline).toEqual({
      ground: 'under_investigation',
      explanation: 'Vụ việc đang được điều tra.',
    });
    // A forward now opens a contact at the competent agency (issue 7 §4): the link names it.
    expect(toView(inStatus('forwarded'), actors.reporter, T0 + 5 * HOUR).forwardedTo).toEqual({
      agencyId: 'so-tai-chinh-hn',
      contactId: 'IR-2026-0001-F',
      note: 'Thuộc thẩm quyền Sở Tài chính.',
    });
    expect(toView(inStatus('in_progress'), actors.reporter, T0 + 5 * HOUR).assignee).toEqual({
      sub: 's-1',
      name: 'Lê Văn C',
    });
  });
});

describe('summarise', () => {
  it('is overdue once now passes the earliest running due date', () => {
    const { state } = open();
    expect(summarise(state, FR_DUE)).toMatchObject({ dueAt: FR_DUE, overdue: false, escalationLevel: 0 });
    const late = summarise(state, FR_DUE + 1);
    expect(late.overdue).toBe(true);
    expect(late.clocks.map((c) => [c.name, c.overdue])).toEqual([
      ['first_response', true],
      ['answer', false],
    ]);
  });

  it('a stopped clock has no due date and is never overdue', () => {
    const state = inStatus('in_progress');
    const summary = summarise(state, ANSWER_DUE - 1);
    expect(summary.clocks[0]).toEqual({
      name: 'first_response',
      dueAt: null,
      paused: false,
      stoppedAt: T0 + HOUR,
      overdue: false,
      escalationLevel: 0,
      rule: { span: { unit: 'working_days', amount: 1 }, effectiveFrom: '2017-03-30', provinceId: null },
    });
    expect(summary.dueAt).toBe(ANSWER_DUE);
    expect(summarise(state, ANSWER_DUE + 1).overdue).toBe(true);
  });

  it('a paused clock has no due date and is not overdue', () => {
    const summary = summarise(inStatus('awaiting_journalist'), endOf('2026-12-31'));
    expect(summary).toMatchObject({ dueAt: null, overdue: false, escalationLevel: 0 });
    expect(summary.clocks.find((c) => c.name === 'answer')).toMatchObject({ paused: true, dueAt: null });
  });

  it('an answered request has no due date and is not overdue even if answered late', () => {
    const answered = inStatus('answered');
    expect(summarise(answered, endOf('2026-12-31'))).toMatchObject({ dueAt: null, overdue: false });
  });

  it('reports the highest escalation level of any clock', () => {
    const { state } = open();
    const escalated = {
      ...state,
      clocks: { ...state.clocks, answer: { ...state.clocks.answer!, escalationLevel: 2 as const } },
    };
    expect(summarise(escalated, T0)).toMatchObject({ escalationLevel: 2, overdue: true });
  });
});
