import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/index.ts';
import {
  clockOutcome,
  extendClock,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  workingDaysTaken,
} from '../../../domain/deadlines/clock.ts';
import { DEFAULT_DEADLINE_RULES } from '../../../domain/deadlines/rules.ts';

const cal = defaultCalendar();
const vn = (local: string) => Date.parse(`${local}+07:00`);
const rule = DEFAULT_DEADLINE_RULES.find((r) => r.clock === 'answer')!;

describe('workingDaysTaken: what statistics report as working days to respond', () => {
  it('is undefined while the clock runs', () => {
    expect(workingDaysTaken(startClock('answer', rule, vn('2026-03-09T09:00')), cal)).toBeUndefined();
  });

  it('does not count the first day: answered the same day is 0, the next working day 1', () => {
    const started = startClock('answer', rule, vn('2026-03-09T09:00'));
    expect(workingDaysTaken(stopClock(started, vn('2026-03-09T16:00')), cal)).toBe(0);
    expect(workingDaysTaken(stopClock(started, vn('2026-03-10T08:00')), cal)).toBe(1);
  });

  it('skips weekends and Tết 2026 (16–20 Feb off): Friday 13 Feb → Monday 23 Feb is 1 working day', () => {
    const started = startClock('answer', rule, vn('2026-02-13T10:00'));
    expect(workingDaysTaken(stopClock(started, vn('2026-02-23T09:00')), cal)).toBe(1);
  });

  it('leaves out the working days spent paused (awaiting the journalist)', () => {
    let clock = startClock('answer', rule, vn('2026-03-09T09:00')); // Monday
    clock = pauseClock(clock, vn('2026-03-10T09:00'), 'request_clarification'); // Tuesday
    clock = resumeClock(clock, vn('2026-03-12T09:00')); // Thursday: Wed and Thu paused
    clock = stopClock(clock, vn('2026-03-16T09:00')); // next Monday: 5 working days after the start
    expect(workingDaysTaken(clock, cal)).toBe(3);
  });

  it('a pause still open when the clock stopped counts up to the stop', () => {
    let clock = startClock('answer', rule, vn('2026-03-09T09:00'));
    clock = pauseClock(clock, vn('2026-03-10T09:00'), 'request_clarification');
    // stopClock closes the open pause at the stop (e.g. the journalist withdrew while asked to clarify).
    clock = stopClock(clock, vn('2026-03-13T09:00'));
    expect(workingDaysTaken(clock, cal)).toBe(1);
  });
});

describe('clockOutcome: what statistics report as on time', () => {
  // The answer rule: 5 working days. Opened Monday 9 March 2026, due Monday 16 March (end of day).
  const opened = () => startClock('answer', rule, vn('2026-03-09T09:00'));

  it('is null while the clock runs, met on or before the due date, missed after it', () => {
    expect(clockOutcome(opened(), cal)).toBeNull();
    expect(clockOutcome(stopClock(opened(), vn('2026-03-16T16:00')), cal)).toBe('met');
    expect(clockOutcome(stopClock(opened(), vn('2026-03-17T08:00')), cal)).toBe('missed');
  });

  it('judges against the extended due date: late by the original one, on time by the extension', () => {
    const extended = extendClock(opened(), {
      span: { unit: 'working_days', amount: 10 },
      reason: 'Cần xác minh',
      at: vn('2026-03-12T09:00'),
      bySub: 'head',
    });
    const stoppedAt = vn('2026-03-20T10:00');
    expect(clockOutcome(stopClock(opened(), stoppedAt), cal)).toBe('missed');
    expect(clockOutcome(stopClock(extended, stoppedAt), cal)).toBe('met');
  });

  it('moves the due date by the working days paused', () => {
    let clock = opened();
    clock = pauseClock(clock, vn('2026-03-10T09:00'), 'request_clarification');
    clock = resumeClock(clock, vn('2026-03-17T09:00')); // five working days awaiting the journalist
    // Stopped three working days after the original due date: still on time thanks to the pause.
    expect(clockOutcome(stopClock(clock, vn('2026-03-19T10:00')), cal)).toBe('met');
    expect(clockOutcome(stopClock(opened(), vn('2026-03-19T10:00')), cal)).toBe('missed');
  });
});
