import { describe, expect, it } from 'vitest';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import { toView } from '../../../domain/information-request/index.ts';
import { act, actors, AGENCY, answerDue, endOf, HOUR, open, run, SAMPLE_INPUT, T0, vn } from './fixtures.ts';

describe('clarification pauses the answer clock', () => {
  it('request_clarification stops first_response, pauses answer and asks the journalist', () => {
    const at = T0 + 2 * HOUR;
    const t = act(open().state, actors.staff, 'request_clarification', { question: 'Cơ sở nào?' }, at);
    expect(t.state.status).toBe('awaiting_journalist');
    expect(t.entry).toMatchObject({
      type: 'request_clarification',
      text: 'Cơ sở nào?',
      data: { clockPaused: 'answer' },
    });
    expect(t.state.clocks.first_response?.stoppedAt).toBe(at);
    expect(t.state.clocks.answer?.pauses).toEqual([{ from: at, reason: 'request_clarification' }]);
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: 'j-1' },
        type: 'clarification_requested',
        text: expect.any(String) as string,
      },
    ]);
    const view = toView(t.state, actors.staff, at);
    expect(view.clocks.find((c) => c.name === 'answer')).toMatchObject({
      paused: true,
      dueAt: null,
      overdue: false,
    });
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
        recipient: {
          kind: 'agency_role',
          agencyId: AGENCY,
          roles: ['agency_staff', 'spokesperson', 'agency_head'],
        },
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
      dueMoved: {
        clock: 'answer',
        from: endOf('2026-03-16'),
        to: endOf('2026-03-16'),
        reason: 'clarification',
      },
    });
  });

  it('over Tết 2026 the due date moves by the working days paused, not the calendar days', () => {
    // Thu 12 Feb 09:00: five working days are Fri 13, Mon 23, Tue 24, Wed 25, Thu 26 Feb (Tết: 14–22 Feb).
    const submitted = open({ at: vn('2026-02-12T09:00') });
    expect(answerDue(submitted.state)).toBe(endOf('2026-02-26'));
    const paused = act(
      submitted.state,
      actors.staff,
      'request_clarification',
      SAMPLE_INPUT.request_clarification,
      vn('2026-02-13T10:00'),
    );
    expect(dueAt(paused.state.clocks.answer!, paused.state.calendar)).toBeUndefined();
    // Resumed on Tue 24 Feb: 12 calendar days but only 2 working days (Mon 23, Tue 24) were paused.
    const resumed = act(
      paused.state,
      actors.reporter,
      'clarify',
      SAMPLE_INPUT.clarify,
      vn('2026-02-24T09:00'),
    );
    expect(resumed.state.status).toBe('submitted');
    expect(resumed.state.clocks.answer?.pauses).toEqual([
      { from: vn('2026-02-13T10:00'), to: vn('2026-02-24T09:00'), reason: 'request_clarification' },
    ]);
    expect(answerDue(resumed.state)).toBe(endOf('2026-03-02'));
    expect(resumed.entry.data).toEqual({
      clockResumed: 'answer',
      dueMoved: {
        clock: 'answer',
        from: endOf('2026-02-26'),
        to: endOf('2026-03-02'),
        reason: 'clarification',
      },
    });
    const view = toView(resumed.state, actors.staff, vn('2026-02-24T09:00'));
    expect(view.clocks.find((c) => c.name === 'answer')).toMatchObject({
      paused: false,
      dueAt: endOf('2026-03-02'),
    });
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
