import { describe, expect, it } from 'vitest';
import type { Transition } from '../../../domain/information-request/index.ts';
import type { InformationRequestState } from '../../../domain/information-request/index.ts';
import { fireNextTimer, nextTimer } from '../../../domain/information-request/index.ts';
import { toView } from '../../../domain/information-request/index.ts';
import {
  act,
  actors,
  AGENCY,
  endOf,
  HOUR,
  inStatus,
  open,
  PROVINCE,
  run,
  SAMPLE_INPUT,
  T0,
  vn,
} from './fixtures.ts';

/** What `nextTimer` returns for a clock's event (issue 7: timers of every kind share one shape). */
const clockTimer = (clock: string, kind: string, at: number) => ({
  source: 'clock',
  at,
  event: { clock, kind, at },
});

// Opened Mon 9 Mar 2026 09:00. First response: due end of Tue 10, warned 4 h before, escalated one working day
// after (end of Wed 11). Answer: due end of Mon 16, warned 24 h before, escalated two working days after (end
// of Wed 18).
// Issue 7 §1 changed warnings and escalations on purpose: they go out in office hours (07:30–17:00 on working
// days). A warning goes at the last office moment at or before due − lead time; an escalation at the next office
// moment after due + grace; `overdue` stays at the due instant.
// - first-response warning: Tue 10 19:59:59.999 → Tue 10 17:00 (was 19:59, the defect of the issue);
// - first-response escalation: end of Wed 11 → Thu 12 07:30;
// - answer warning: Sun 15 23:59:59.999 → Fri 13 17:00 (was Sunday 23:59);
// - answer escalation: end of Wed 18 → Thu 19 07:30.
const FR_WARNING = vn('2026-03-10T17:00');
const FR_DUE = endOf('2026-03-10');
const FR_ESCALATION = vn('2026-03-12T07:30');
const ANSWER_WARNING = vn('2026-03-13T17:00');
const ANSWER_DUE = endOf('2026-03-16');
const ANSWER_ESCALATION = vn('2026-03-19T07:30');
const LATER = endOf('2026-12-31');

/** Fires timers one by one at `now` until none is due. */
function fireAll(state: InformationRequestState, now: number): Transition[] {
  const fired: Transition[] = [];
  for (let t = fireNextTimer(state, now); t; t = fireNextTimer(t.state, now)) fired.push(t);
  return fired;
}

describe('nextTimer', () => {
  it('a fresh request waits for the first-response warning', () => {
    expect(nextTimer(open().state)).toEqual(clockTimer('first_response', 'warning', FR_WARNING));
  });

  it('after assignment only the answer clock is left', () => {
    expect(nextTimer(inStatus('in_progress'))).toEqual(clockTimer('answer', 'warning', ANSWER_WARNING));
  });

  it('nothing while the answer clock is paused for clarification', () => {
    expect(nextTimer(inStatus('awaiting_journalist'))).toBeUndefined();
    expect(fireNextTimer(inStatus('awaiting_journalist'), LATER)).toBeUndefined();
  });

  it.each(['answered', 'closed', 'declined', 'forwarded', 'withdrawn'] as const)(
    'nothing when %s',
    (status) => {
      expect(nextTimer(inStatus(status))).toBeUndefined();
    },
  );

  it('a terminal status stops timers even if a clock were left running', () => {
    const running = open().state;
    for (const status of ['closed', 'declined', 'forwarded', 'withdrawn'] as const) {
      expect(nextTimer({ ...running, status })).toBeUndefined();
      expect(fireNextTimer({ ...running, status }, LATER)).toBeUndefined();
    }
  });

  it('follows an extension', () => {
    const extended = run([
      { actor: 'staff', action: 'assign' },
      {
        actor: 'head',
        action: 'extend',
        input: { span: { unit: 'working_days', amount: 3 }, reason: 'Lý do' },
      },
    ]).state;
    // Due end of Thu 19; 24 h before is Wed 18 23:59, sent at the close of office hours that day.
    expect(nextTimer(extended)).toEqual(clockTimer('answer', 'warning', vn('2026-03-18T17:00')));
  });
});

describe('fireNextTimer', () => {
  it('does nothing before the event is due', () => {
    expect(fireNextTimer(open().state, FR_WARNING - 1)).toBeUndefined();
  });

  it('fires exactly one event at a time, in order: warning, overdue, escalated', () => {
    const fired = fireAll(open().state, LATER);
    expect(fired.map((t) => [t.entry.type, t.entry.data?.['clock']])).toEqual([
      ['warning', 'first_response'],
      ['overdue', 'first_response'],
      ['escalated', 'first_response'],
      ['warning', 'answer'],
      ['overdue', 'answer'],
      ['escalated', 'answer'],
    ]);
    expect(fired.map((t) => t.entry.data?.['scheduledFor'])).toEqual([
      FR_WARNING,
      FR_DUE,
      FR_ESCALATION,
      ANSWER_WARNING,
      ANSWER_DUE,
      ANSWER_ESCALATION,
    ]);
    expect(fired.map((t) => t.entry.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(fired.every((t) => t.entry.at === LATER && t.entry.actor === undefined)).toBe(true);
    expect(fired.map((t) => t.state.clocks.first_response?.escalationLevel)).toEqual([0, 1, 2, 2, 2, 2]);
    expect(fired.map((t) => t.state.clocks.answer?.escalationLevel)).toEqual([0, 0, 0, 0, 1, 2]);
    expect(fired.at(-1)?.state.clocks.answer?.warned).toBe(true);
    expect(nextTimer(fired.at(-1)!.state)).toBeUndefined();
  });

  it('fires each event when its time comes', () => {
    let state = open().state;
    const warning = fireNextTimer(state, FR_WARNING)!;
    expect(warning.entry).toEqual({
      seq: 2,
      at: FR_WARNING,
      type: 'warning',
      data: { clock: 'first_response', dueAt: FR_DUE, scheduledFor: FR_WARNING },
    });
    expect(warning.state.updatedAt).toBe(FR_WARNING);
    state = warning.state;
    expect(fireNextTimer(state, FR_DUE - 1)).toBeUndefined();
    const overdue = fireNextTimer(state, FR_DUE)!;
    expect(overdue.entry).toMatchObject({ type: 'overdue', data: { dueAt: FR_DUE } });
    expect(fireNextTimer(overdue.state, FR_ESCALATION - 1)).toBeUndefined();
    expect(fireNextTimer(overdue.state, FR_ESCALATION)?.entry.type).toBe('escalated');
  });

  it('tells the agency before assignment, then the head, then the province supervisors', () => {
    // The clock label is now shared by every kind (domain/contact/timers.ts): `first_response` reads "phản hồi"
    // rather than "phản hồi đầu tiên", since an appointment's first_response clock restarts after a reschedule.
    const fired = fireAll(open().state, FR_ESCALATION);
    expect(fired.map((t) => t.notifications)).toEqual([
      [
        {
          recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_staff', 'spokesperson'] },
          type: 'deadline_warning',
          text: 'Sắp đến hạn phản hồi: Tiến độ xây dựng bệnh viện tỉnh',
        },
      ],
      [
        {
          recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_head'] },
          type: 'overdue',
          text: 'Quá hạn phản hồi: Tiến độ xây dựng bệnh viện tỉnh',
        },
      ],
      [
        {
          recipient: { kind: 'province_supervisors', provinceId: PROVINCE },
          type: 'escalated',
          text: expect.stringContaining('quá hạn phản hồi: ') as string,
        },
      ],
    ]);
  });

  it('warns the assignee once there is one', () => {
    const [warning] = fireAll(inStatus('in_progress'), ANSWER_WARNING);
    expect(warning?.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: 's-1' },
        type: 'deadline_warning',
        text: expect.stringContaining('hạn trả lời') as string,
      },
    ]);
  });

  it('without a province, escalation goes to the agency head', () => {
    const fired = fireAll(open({ provinceId: undefined }).state, FR_ESCALATION);
    expect(fired.at(-1)?.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_head'] },
        type: 'escalated',
        text: expect.any(String) as string,
      },
    ]);
  });

  it('a warning missed while the worker was down still fires first', () => {
    const [first, second] = fireAll(open().state, FR_DUE + HOUR);
    expect(first?.entry).toMatchObject({
      type: 'warning',
      at: FR_DUE + HOUR,
      data: { scheduledFor: FR_WARNING },
    });
    expect(second?.entry).toMatchObject({ type: 'overdue', data: { scheduledFor: FR_DUE } });
  });

  it('the warning is never scheduled before the clock started', () => {
    // A 2-hour budget with a 4-hour warning: warn at once.
    const rules = {
      answer: {
        kind: 'information_request' as const,
        clock: 'answer' as const,
        span: { unit: 'hours' as const, amount: 2 },
        warnBefore: { unit: 'hours' as const, amount: 4 },
        grace: { unit: 'hours' as const, amount: 1 },
        effectiveFrom: '2026-01-01',
      },
    };
    const state = open({ rules }).state;
    expect(nextTimer(state)).toEqual(clockTimer('answer', 'warning', T0));
    expect(fireAll(state, LATER).map((t) => t.entry.data?.['scheduledFor'])).toEqual([
      T0,
      T0 + 2 * HOUR,
      T0 + 3 * HOUR,
    ]);
  });

  it('escalation recorded by timers shows in the view, and stops mattering once the clock is stopped', () => {
    const escalated = fireAll(open().state, FR_DUE).at(-1)!.state;
    const view = toView(escalated, actors.head, FR_DUE + 1);
    expect(view).toMatchObject({ overdue: true, escalationLevel: 1, dueAt: FR_DUE });
    const assigned = act(escalated, actors.staff, 'assign', SAMPLE_INPUT.assign, FR_DUE + HOUR).state;
    expect(toView(assigned, actors.head, FR_DUE + HOUR)).toMatchObject({ overdue: false, dueAt: ANSWER_DUE });
  });
});
