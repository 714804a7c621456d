import { describe, expect, it } from 'vitest';
import { defaultCalendar, endOfLocalDay, type Span } from '../../../domain/calendar/index.ts';
import {
  dueAt,
  extendClock,
  isPaused,
  isRunning,
  markClockEvent,
  nextClockEvent,
  pauseClock,
  resumeClock,
  spanAsLeadTime,
  startClock,
  stopClock,
  type Clock,
} from '../../../domain/deadlines/clock.ts';
import type { DeadlineRule } from '../../../domain/deadlines/rules.ts';

const cal = defaultCalendar();
const vn = (local: string): number => Date.parse(`${local}+07:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function rule(
  span: Span,
  warnBefore: Span = { unit: 'hours', amount: 4 },
  grace: Span = { unit: 'hours', amount: 8 },
): DeadlineRule {
  return {
    kind: 'information_request',
    clock: 'answer',
    span,
    warnBefore,
    grace,
    effectiveFrom: '2017-03-30',
  };
}

const clockOf = (span: Span, at: number, r: Partial<DeadlineRule> = {}): Clock =>
  startClock('answer', { ...rule(span), ...r }, at);

/** The clock after a closed pause from `from` to `to`. */
const paused = (clock: Clock, from: number, to: number): Clock =>
  resumeClock(pauseClock(clock, from, 'clarification'), to);

describe('startClock and its states', () => {
  const clock = clockOf({ unit: 'working_days', amount: 5 }, vn('2026-03-09T09:00'));

  it('starts running, unwarned, at level 0', () => {
    expect(clock).toEqual({
      name: 'answer',
      rule: rule({ unit: 'working_days', amount: 5 }),
      startedAt: vn('2026-03-09T09:00'),
      pauses: [],
      extensions: [],
      escalationLevel: 0,
      warned: false,
    });
    expect(isRunning(clock)).toBe(true);
    expect(isPaused(clock)).toBe(false);
  });

  it('pause, resume and stop', () => {
    const p = pauseClock(clock, vn('2026-03-09T10:00'), 'why');
    expect(isPaused(p)).toBe(true);
    expect(isRunning(p)).toBe(false);
    expect(p.pauses).toEqual([{ from: vn('2026-03-09T10:00'), reason: 'why' }]);
    expect(pauseClock(p, vn('2026-03-09T11:00'), 'again')).toBe(p);
    const r = resumeClock(p, vn('2026-03-09T12:00'));
    expect(r.pauses).toEqual([{ from: vn('2026-03-09T10:00'), to: vn('2026-03-09T12:00'), reason: 'why' }]);
    expect(isRunning(r)).toBe(true);
    expect(resumeClock(r, vn('2026-03-09T13:00')).pauses).toEqual(r.pauses);
    const s = stopClock(r, vn('2026-03-09T14:00'));
    expect(s.stoppedAt).toBe(vn('2026-03-09T14:00'));
    expect(isRunning(s)).toBe(false);
    expect(pauseClock(s, vn('2026-03-09T15:00'), 'late')).toBe(s);
    expect(stopClock(s, vn('2026-03-09T16:00'))).toBe(s);
  });

  it('stopping a paused clock closes the pause', () => {
    const s = stopClock(pauseClock(clock, vn('2026-03-09T10:00'), 'why'), vn('2026-03-10T10:00'));
    expect(s.pauses[0]?.to).toBe(vn('2026-03-10T10:00'));
    expect(isPaused(s)).toBe(false);
    expect(s.stoppedAt).toBe(vn('2026-03-10T10:00'));
  });

  it('never mutates its input', () => {
    const copy = structuredClone(clock);
    stopClock(
      extendClock(pauseClock(clock, 1, 'x'), {
        span: { unit: 'hours', amount: 1 },
        reason: 'r',
        at: 2,
        bySub: 'u',
      }),
      3,
    );
    expect(clock).toEqual(copy);
  });
});

describe('dueAt', () => {
  describe('working_days', () => {
    const start = vn('2026-03-09T09:00'); // Mon
    const clock = clockOf({ unit: 'working_days', amount: 5 }, start);

    it('counts from the day after the start and ends at the end of the last day', () => {
      expect(dueAt(clock, cal)).toBe(endOfLocalDay('2026-03-16'));
      expect(dueAt(clockOf({ unit: 'working_days', amount: 1 }, vn('2026-02-13T10:00')), cal)).toBe(
        endOfLocalDay('2026-02-23'),
      );
    });

    it('has no due date while paused', () => {
      expect(dueAt(pauseClock(clock, start + HOUR, 'x'), cal)).toBeUndefined();
    });

    it('a pause within one day moves nothing', () => {
      expect(dueAt(paused(clock, start + HOUR, start + 8 * HOUR), cal)).toBe(endOfLocalDay('2026-03-16'));
    });

    it('a pause moves the due date by the working days it covered', () => {
      // Mon 9 10:00 → Sat 14: Tue–Fri are 4 working days.
      expect(dueAt(paused(clock, start + HOUR, vn('2026-03-14T10:00')), cal)).toBe(
        endOfLocalDay('2026-03-20'),
      );
      // Mon 9 → Mon 16: 5 working days.
      expect(dueAt(paused(clock, start + HOUR, vn('2026-03-16T08:00')), cal)).toBe(
        endOfLocalDay('2026-03-23'),
      );
    });

    it('over Tết 2026 (14–22 Feb) only working days count', () => {
      const tet = clockOf({ unit: 'working_days', amount: 5 }, vn('2026-02-12T09:00'));
      expect(dueAt(tet, cal)).toBe(endOfLocalDay('2026-02-26'));
      // Fri 13 → Mon 23 Feb: 10 calendar days, one working day (Mon 23).
      expect(dueAt(paused(tet, vn('2026-02-13T10:00'), vn('2026-02-23T08:00')), cal)).toBe(
        endOfLocalDay('2026-02-27'),
      );
    });

    it('pauses add up', () => {
      const twice = paused(
        paused(clock, vn('2026-03-09T10:00'), vn('2026-03-10T10:00')),
        vn('2026-03-10T11:00'),
        vn('2026-03-12T11:00'),
      );
      expect(twice.pauses).toHaveLength(2);
      expect(dueAt(twice, cal)).toBe(endOfLocalDay('2026-03-19'));
    });
  });

  describe('calendar_days', () => {
    const start = vn('2026-03-02T10:00'); // Mon
    const clock = clockOf({ unit: 'calendar_days', amount: 10 }, start);

    it('counts plain days, moving an end on a day off to the next working day', () => {
      expect(dueAt(clock, cal)).toBe(endOfLocalDay('2026-03-12'));
      expect(dueAt(clockOf({ unit: 'calendar_days', amount: 5 }, start), cal)).toBe(
        endOfLocalDay('2026-03-09'),
      );
    });

    it('a pause moves the due date by the calendar days it covered', () => {
      expect(dueAt(paused(clock, vn('2026-03-03T10:00'), vn('2026-03-03T17:00')), cal)).toBe(
        endOfLocalDay('2026-03-12'),
      );
      expect(dueAt(paused(clock, vn('2026-03-03T10:00'), vn('2026-03-04T09:00')), cal)).toBe(
        endOfLocalDay('2026-03-13'),
      );
    });

    it('a moved due date never falls on a weekend or day off', () => {
      // Thu 12 + 2 days = Sat 14: the period ends at the end of Mon 16 (Civil Code Art. 148).
      expect(dueAt(paused(clock, vn('2026-03-03T10:00'), vn('2026-03-05T10:00')), cal)).toBe(
        endOfLocalDay('2026-03-16'),
      );
    });
  });

  describe('hours and duration', () => {
    const start = vn('2026-03-09T09:00');

    it('hours: exact time, pauses shift by their exact length', () => {
      const clock = clockOf({ unit: 'hours', amount: 24 }, start);
      expect(dueAt(clock, cal)).toBe(start + 24 * HOUR);
      expect(dueAt(paused(clock, start + HOUR, start + 4 * HOUR), cal)).toBe(start + 27 * HOUR);
      // Over a weekend, time still counts: an hours rule ignores the calendar.
      const weekend = paused(clock, vn('2026-03-13T17:00'), vn('2026-03-16T08:00'));
      expect(dueAt(weekend, cal)).toBe(start + 24 * HOUR + 63 * HOUR);
    });

    it('duration: seconds, for workflow tests', () => {
      const clock = clockOf({ unit: 'duration', iso: 'PT30S' }, start);
      expect(dueAt(clock, cal)).toBe(start + 30_000);
      expect(dueAt(paused(clock, start + 1_000, start + 3_500), cal)).toBe(start + 32_500);
    });
  });

  describe('extensions', () => {
    const start = vn('2026-03-09T09:00');
    const ext = (span: Span, at = start + HOUR) => ({ span, reason: 'Lý do', at, bySub: 'h-1' });

    it('an extension is added to the due date in its own unit', () => {
      const clock = clockOf({ unit: 'working_days', amount: 5 }, start);
      expect(dueAt(extendClock(clock, ext({ unit: 'working_days', amount: 2 })), cal)).toBe(
        endOfLocalDay('2026-03-18'),
      );
      expect(dueAt(extendClock(clock, ext({ unit: 'hours', amount: 10 })), cal)).toBe(
        endOfLocalDay('2026-03-16') + 10 * HOUR,
      );
      expect(dueAt(extendClock(clock, ext({ unit: 'calendar_days', amount: 5 })), cal)).toBe(
        endOfLocalDay('2026-03-23'),
      );
    });

    it('extensions add up and apply after pauses', () => {
      let clock = clockOf({ unit: 'working_days', amount: 5 }, start);
      clock = extendClock(clock, ext({ unit: 'working_days', amount: 1 }));
      clock = paused(clock, vn('2026-03-10T09:00'), vn('2026-03-11T09:00'));
      clock = extendClock(clock, ext({ unit: 'working_days', amount: 2 }, vn('2026-03-12T09:00')));
      expect(clock.extensions.map((e) => e.span)).toEqual([
        { unit: 'working_days', amount: 1 },
        { unit: 'working_days', amount: 2 },
      ]);
      // 16 Mar + 1 (pause) + 1 + 2 (extensions) = Fri 20 Mar.
      expect(dueAt(clock, cal)).toBe(endOfLocalDay('2026-03-20'));
    });

    it('an extension over Tết skips the holiday', () => {
      const clock = clockOf({ unit: 'working_days', amount: 1 }, vn('2026-02-11T09:00'));
      expect(dueAt(clock, cal)).toBe(endOfLocalDay('2026-02-12'));
      expect(dueAt(extendClock(clock, ext({ unit: 'working_days', amount: 2 })), cal)).toBe(
        endOfLocalDay('2026-02-23'),
      );
    });
  });
});

describe('spanAsLeadTime', () => {
  it.each([
    [{ unit: 'hours', amount: 4 }, 4 * HOUR],
    [{ unit: 'hours', amount: 0.5 }, 1_800_000],
    [{ unit: 'working_days', amount: 2 }, 2 * DAY],
    [{ unit: 'calendar_days', amount: 3 }, 3 * DAY],
    [{ unit: 'duration', iso: 'PT5S' }, 5_000],
    [{ unit: 'duration', iso: 'P1DT1H' }, DAY + HOUR],
  ] as [Span, number][])('%j → %i ms', (span, ms) => {
    expect(spanAsLeadTime(span)).toBe(ms);
  });
});

describe('nextClockEvent and markClockEvent', () => {
  const start = vn('2026-03-09T09:00');
  const due = endOfLocalDay('2026-03-16');
  const clock = startClock(
    'answer',
    rule(
      { unit: 'working_days', amount: 5 },
      { unit: 'hours', amount: 24 },
      { unit: 'working_days', amount: 2 },
    ),
    start,
  );

  it('warning, then overdue at the due date, then escalated after the grace period, then nothing', () => {
    const warning = nextClockEvent(clock, cal);
    expect(warning).toEqual({ clock: 'answer', kind: 'warning', at: due - 24 * HOUR });
    const warned = markClockEvent(clock, warning!);
    expect(warned).toMatchObject({ warned: true, escalationLevel: 0 });
    const overdue = nextClockEvent(warned, cal);
    expect(overdue).toEqual({ clock: 'answer', kind: 'overdue', at: due });
    const late = markClockEvent(warned, overdue!);
    expect(late).toMatchObject({ warned: true, escalationLevel: 1 });
    const escalated = nextClockEvent(late, cal);
    expect(escalated).toEqual({ clock: 'answer', kind: 'escalated', at: endOfLocalDay('2026-03-18') });
    const top = markClockEvent(late, escalated!);
    expect(top).toMatchObject({ warned: true, escalationLevel: 2 });
    expect(nextClockEvent(top, cal)).toBeUndefined();
  });

  it('marking overdue or escalated also counts as warned', () => {
    expect(markClockEvent(clock, { clock: 'answer', kind: 'overdue', at: due })).toMatchObject({
      warned: true,
      escalationLevel: 1,
    });
    expect(markClockEvent(clock, { clock: 'answer', kind: 'escalated', at: due })).toMatchObject({
      warned: true,
      escalationLevel: 2,
    });
  });

  it('the warning is never before the start', () => {
    const short = startClock(
      'answer',
      rule({ unit: 'hours', amount: 2 }, { unit: 'hours', amount: 5 }),
      start,
    );
    expect(nextClockEvent(short, cal)).toEqual({ clock: 'answer', kind: 'warning', at: start });
  });

  it('events follow pauses and extensions', () => {
    const moved = extendClock(paused(clock, vn('2026-03-09T10:00'), vn('2026-03-10T10:00')), {
      span: { unit: 'working_days', amount: 1 },
      reason: 'r',
      at: vn('2026-03-10T11:00'),
      bySub: 'h-1',
    });
    expect(nextClockEvent(moved, cal)?.at).toBe(endOfLocalDay('2026-03-18') - 24 * HOUR);
  });

  it('a paused or stopped clock has no next event', () => {
    expect(nextClockEvent(pauseClock(clock, start + HOUR, 'x'), cal)).toBeUndefined();
    expect(nextClockEvent(stopClock(clock, start + HOUR), cal)).toBeUndefined();
  });
});
