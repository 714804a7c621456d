/**
 * Office hours of state agencies (07:30–17:00 Vietnam time on working days): when a warning or reminder may go
 * out, and which meeting times may be proposed. Checked on the 2026 schedule: weekends, Tết, the Hùng Kings
 * compensatory day (Mon 27 Apr), 30 Apr – 1 May, and the working Saturday 10 Jan (swapped with Fri 2 Jan).
 */
import { describe, expect, it } from 'vitest';
import {
  defaultCalendar,
  inWorkingHours,
  isWithinWorkingHours,
  nextWorkingMoment,
  openingOfPreviousWorkingDay,
  previousWorkingMoment,
  WORKING_HOURS,
  workingHoursOf,
} from '../../../domain/calendar/index.ts';

const cal = defaultCalendar();
/** An instant given as a wall-clock time in Vietnam. */
const vn = (local: string): number => Date.parse(`${local}+07:00`);

describe('workingHoursOf', () => {
  it('opens at 07:30 and closes at 17:00, Vietnam time, whatever the server’s zone', () => {
    expect(WORKING_HOURS).toEqual({ start: 450, end: 1020 });
    expect(workingHoursOf('2026-03-09')).toEqual({
      start: vn('2026-03-09T07:30'),
      end: vn('2026-03-09T17:00'),
    });
    expect(workingHoursOf('2026-03-09').start).toBe(Date.parse('2026-03-09T00:30:00Z'));
  });
});

describe('isWithinWorkingHours', () => {
  it.each([
    ['2026-03-09T09:00', true, 'an ordinary Monday morning'],
    ['2026-03-09T07:30', true, 'the opening itself'],
    ['2026-03-09T17:00', true, 'the closing itself'],
    ['2026-03-09T12:15', true, 'the lunch break is not modelled'],
    ['2026-03-09T07:29:59.999', false, 'a millisecond before opening'],
    ['2026-03-09T17:00:00.001', false, 'a millisecond after closing'],
    ['2026-03-10T19:59', false, 'the evening (the defect of issue 7)'],
    ['2026-03-14T10:00', false, 'a Saturday'],
    ['2026-03-15T23:59', false, 'a Sunday night (the defect of issue 7)'],
    ['2026-04-27T10:00', false, 'the Hùng Kings compensatory Monday'],
    ['2026-04-30T10:00', false, 'Reunification Day'],
    ['2026-02-18T10:00', false, 'Tết Bính Ngọ'],
    ['2026-01-02T10:00', false, 'the Friday swapped with Sat 10 Jan'],
    ['2026-01-10T10:00', true, 'the working Saturday 10 Jan'],
    ['2026-01-10T17:30', false, 'the working Saturday, after closing'],
  ])('%s → %s (%s)', (local, expected) => {
    expect(isWithinWorkingHours(cal, vn(local))).toBe(expected);
  });
});

describe('nextWorkingMoment', () => {
  it.each([
    ['2026-03-09T09:00', '2026-03-09T09:00', 'in office hours: itself'],
    ['2026-03-09T17:00', '2026-03-09T17:00', 'the closing itself'],
    ['2026-03-09T06:00', '2026-03-09T07:30', 'before opening: the same morning'],
    ['2026-03-09T17:00:00.001', '2026-03-10T07:30', 'after closing: the next morning'],
    ['2026-03-13T18:00', '2026-03-16T07:30', 'Friday evening: Monday'],
    ['2026-03-14T10:00', '2026-03-16T07:30', 'Saturday: Monday'],
    [
      '2026-04-24T18:00',
      '2026-04-28T07:30',
      'over the weekend, Hùng Kings (Sun) and its compensatory Monday',
    ],
    ['2026-04-29T17:30', '2026-05-04T07:30', 'over 30 Apr – 1 May and the weekend'],
    ['2026-02-13T17:30', '2026-02-23T07:30', 'over Tết (Sat 14 – Sun 22 Feb)'],
    ['2026-01-09T18:00', '2026-01-10T07:30', 'Friday evening before the working Saturday'],
    ['2025-12-31T18:00', '2026-01-05T07:30', 'over New Year and the swapped Friday, across the year'],
  ])('%s → %s (%s)', (from, to) => {
    expect(nextWorkingMoment(cal, vn(from))).toBe(vn(to));
  });
});

describe('previousWorkingMoment', () => {
  it.each([
    ['2026-03-10T10:00', '2026-03-10T10:00', 'in office hours: itself'],
    ['2026-03-10T07:30', '2026-03-10T07:30', 'the opening itself'],
    ['2026-03-10T19:59', '2026-03-10T17:00', 'the evening: the same day’s closing'],
    ['2026-03-10T07:29', '2026-03-09T17:00', 'before opening: the day before'],
    ['2026-03-15T23:59', '2026-03-13T17:00', 'Sunday night: Friday'],
    ['2026-04-28T07:00', '2026-04-24T17:00', 'back over the compensatory Monday, Hùng Kings and the weekend'],
    ['2026-02-23T07:00', '2026-02-13T17:00', 'back over Tết'],
    ['2026-01-12T07:00', '2026-01-10T17:00', 'Monday before opening: the working Saturday'],
    ['2026-01-05T07:00', '2025-12-31T17:00', 'back over New Year, across the year'],
  ])('%s → %s (%s)', (from, to) => {
    expect(previousWorkingMoment(cal, vn(from))).toBe(vn(to));
  });
});

describe('inWorkingHours: when to send a notice meant for an instant', () => {
  it('in office hours: at the instant itself', () => {
    expect(inWorkingHours(cal, vn('2026-03-10T10:00'), vn('2026-03-09T09:00'))).toBe(vn('2026-03-10T10:00'));
  });

  it('outside office hours: the last office moment before it', () => {
    expect(inWorkingHours(cal, vn('2026-03-10T19:59'), vn('2026-03-09T09:00'))).toBe(vn('2026-03-10T17:00'));
    expect(inWorkingHours(cal, vn('2026-03-15T23:59'), vn('2026-03-09T09:00'))).toBe(vn('2026-03-13T17:00'));
  });

  it('never before `notBefore`: then the first office moment after it', () => {
    // The last office moment before Sunday night is Fri 17:00, but the notice may not go before Sat 10:00.
    expect(inWorkingHours(cal, vn('2026-03-15T23:59'), vn('2026-03-14T10:00'))).toBe(vn('2026-03-16T07:30'));
    // Opened Mon 18:00, meant for Tue 06:00: the last office moment (Mon 17:00) is before the opening.
    expect(inWorkingHours(cal, vn('2026-03-10T06:00'), vn('2026-03-09T18:00'))).toBe(vn('2026-03-10T07:30'));
    // `notBefore` itself in office hours and the instant before it: at `notBefore`.
    expect(inWorkingHours(cal, vn('2026-03-09T08:00'), vn('2026-03-09T09:00'))).toBe(vn('2026-03-09T09:00'));
  });

  it('`notBefore` equal to the last office moment is allowed', () => {
    expect(inWorkingHours(cal, vn('2026-03-10T20:00'), vn('2026-03-10T17:00'))).toBe(vn('2026-03-10T17:00'));
  });
});

describe('openingOfPreviousWorkingDay: the host’s reminder the working day before a meeting', () => {
  it.each([
    ['2026-03-11', '2026-03-10T07:30', 'Wednesday → Tuesday'],
    ['2026-03-16', '2026-03-13T07:30', 'Monday → Friday'],
    ['2026-04-28', '2026-04-24T07:30', 'Tuesday after the compensatory Monday → Friday'],
    ['2026-05-04', '2026-04-29T07:30', 'Monday after 30 Apr – 1 May → Wednesday 29 Apr'],
    ['2026-02-23', '2026-02-13T07:30', 'the Monday after Tết → the Friday before it'],
    ['2026-01-12', '2026-01-10T07:30', 'Monday after the working Saturday → that Saturday'],
    ['2026-01-05', '2025-12-31T07:30', 'across the year, over New Year and the swapped Friday'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(openingOfPreviousWorkingDay(cal, day)).toBe(vn(expected));
  });
});
