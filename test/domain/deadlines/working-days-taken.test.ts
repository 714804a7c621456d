import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/index.ts';
import {
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
