// Regression tests for three review findings: extending an overdue clock restarts the escalation ladder,
// only a running clock can be extended, and the timeline records the role a person acted in.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../domain/errors.ts';
import { fireNextTimer, summarise } from '../../../domain/information-request/index.ts';
import { act, actors, HOUR, open, T0 } from './fixtures.ts';

describe('extend', () => {
  it('restarts the escalation ladder from the new due date', () => {
    let state = open().state;
    // Long past both due dates: fire warning and overdue of the first-response clock.
    for (let i = 0; i < 2; i++) state = fireNextTimer(state, T0 + 48 * HOUR)?.state ?? state;
    expect(summarise(state, T0 + 48 * HOUR).escalationLevel).toBe(1);
    const extended = act(
      state,
      actors.head,
      'extend',
      {
        clock: 'first_response',
        span: { unit: 'working_days', amount: 3 },
        reason: 'Cần phối hợp liên ngành.',
      },
      T0 + 49 * HOUR,
    ).state;
    const summary = summarise(extended, T0 + 49 * HOUR);
    expect(extended.clocks.first_response?.escalationLevel).toBe(0);
    expect(summary.overdue).toBe(false);
  });

  it('refuses to extend a clock that has stopped', () => {
    const assigned = act(
      open().state,
      actors.staff,
      'assign',
      { assigneeSub: actors.otherStaff.sub, assigneeName: actors.otherStaff.name },
      T0 + HOUR,
    ).state;
    expect(() =>
      act(
        assigned,
        actors.head,
        'extend',
        { clock: 'first_response', span: { unit: 'hours', amount: 4 }, reason: 'x' },
        T0 + 2 * HOUR,
      ),
    ).toThrow(InvalidInputError);
  });
});

describe('timeline roles', () => {
  it('records the role the person acted in, not the first role they hold', () => {
    const both = {
      ...actors.head,
      roles: ['agency_staff', 'agency_head'] as ('agency_staff' | 'agency_head')[],
    };
    const t = act(
      open().state,
      both,
      'decline',
      { ground: 'secret', explanation: 'Bí mật nhà nước.' },
      T0 + HOUR,
    );
    expect(t.entry.actor?.role).toBe('agency_head');
  });
});
