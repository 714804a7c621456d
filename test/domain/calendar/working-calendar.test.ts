import { describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/calendar/local-date.ts';
import { OFFICIAL_SCHEDULES } from '../../../domain/calendar/official-schedules.ts';
import {
  addWorkingDays,
  defaultCalendar,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  scheduleFor,
  workingDaysBetween,
} from '../../../domain/calendar/working-calendar.ts';
import type { CalendarData } from '../../../domain/calendar/working-calendar.ts';

const cal = defaultCalendar();

describe('isWorkingDay with the official schedules', () => {
  it('closes every day of Tết 2026, Sat 14 – Sun 22 Feb, and reopens on Mon 23 Feb', () => {
    for (let day = '2026-02-14'; day <= '2026-02-22'; day = addDays(day, 1)) {
      expect(isWorkingDay(cal, day), day).toBe(false);
    }
    expect(isWorkingDay(cal, '2026-02-13')).toBe(true);
    expect(isWorkingDay(cal, '2026-02-23')).toBe(true);
  });

  it('swaps Fri 2 Jan 2026 (off) with Sat 10 Jan 2026 (working)', () => {
    expect(isWorkingDay(cal, '2026-01-02')).toBe(false);
    expect(isWorkingDay(cal, '2026-01-10')).toBe(true);
    expect(isWorkingDay(cal, '2026-01-11')).toBe(false);
  });

  it('closes Mon 27 Apr 2026, compensatory for Hùng Kings on Sun 26 Apr', () => {
    expect(nonWorkingReason(cal, '2026-04-27')).toEqual({
      date: '2026-04-27',
      kind: 'compensatory',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
    });
    expect(nonWorkingReason(cal, '2026-04-26')).toMatchObject({ kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' });
  });

  it('follows the 2025 notice: Tết days 27–31 Jan, Mon 3 Feb working, Sat 26 Apr working, Fri 2 May off', () => {
    for (const day of ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']) {
      expect(nonWorkingReason(cal, day)).toMatchObject({ kind: 'holiday', name: 'Tết Nguyên đán' });
    }
    expect(nonWorkingReason(cal, '2025-02-01')).toBe('weekend');
    expect(isWorkingDay(cal, '2025-02-03')).toBe(true);
    expect(isWorkingDay(cal, '2025-04-26')).toBe(true);
    expect(nonWorkingReason(cal, '2025-05-02')).toMatchObject({ kind: 'extra_day_off' });
  });

  it('gives null for ordinary working days and "weekend" for ordinary weekends', () => {
    expect(nonWorkingReason(cal, '2026-03-11')).toBeNull();
    expect(nonWorkingReason(cal, '2026-03-14')).toBe('weekend');
  });
});

describe('scheduleFor', () => {
  it('uses the calendar data when it has the year', () => {
    expect(scheduleFor(cal, 2026).status).toBe('confirmed');
  });

  it('falls back to the derived schedule for a year with no data (2031)', () => {
    const s = scheduleFor(cal, 2031);
    expect(s.status).toBe('derived');
    expect(s.year).toBe(2031);
    // Tết 2031 (lunar new year Thu 23 Jan 2031): eve Wed 22 – Sun 26 Jan, compensatory Mon 27 and Tue 28 Jan.
    expect(isWorkingDay(cal, '2031-01-22')).toBe(false);
    expect(nextWorkingDay(cal, '2031-01-21')).toBe('2031-01-29');
  });

  it('lets agencies override a year with their own data', () => {
    const custom: CalendarData = {
      schedules: [
        {
          year: 2026,
          status: 'confirmed',
          daysOff: [{ date: '2026-03-11', kind: 'extra_day_off', name: 'Test' }],
          workingWeekendDays: [],
          sources: [],
        },
      ],
    };
    expect(isWorkingDay(custom, '2026-03-11')).toBe(false);
    expect(isWorkingDay(custom, '2026-02-17')).toBe(true);
  });
});

describe('nextWorkingDay and addWorkingDays', () => {
  it('steps over Tết 2026', () => {
    expect(nextWorkingDay(cal, '2026-02-13')).toBe('2026-02-23');
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-23');
    expect(addWorkingDays(cal, '2026-02-12', 2)).toBe('2026-02-23');
    expect(addWorkingDays(cal, '2026-02-13', 5)).toBe('2026-02-27');
  });

  it('does not count the start day, and 0 days is the start day itself', () => {
    expect(addWorkingDays(cal, '2026-03-09', 1)).toBe('2026-03-10');
    expect(addWorkingDays(cal, '2026-02-15', 0)).toBe('2026-02-15');
  });

  it('counts the swapped Saturday 10 Jan 2026 as a working day', () => {
    expect(addWorkingDays(cal, '2025-12-31', 1)).toBe('2026-01-05');
    expect(addWorkingDays(cal, '2026-01-09', 1)).toBe('2026-01-10');
  });

  it('crosses into a derived year', () => {
    expect(addWorkingDays(cal, '2026-12-31', 1)).toBe('2027-01-04');
  });

  it('rejects negative or fractional counts', () => {
    expect(() => addWorkingDays(cal, '2026-03-09', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026-03-09', 1.5)).toThrow(RangeError);
  });

  it('fails loudly instead of looping forever on a calendar with no working days', () => {
    const closed: CalendarData = {
      schedules: [2030, 2031].map((year) => ({
        year,
        status: 'confirmed' as const,
        daysOff: Array.from({ length: 365 }, (_, i) => ({
          date: addDays(`${year}-01-01`, i),
          kind: 'extra_day_off' as const,
          name: 'Closed',
        })),
        workingWeekendDays: [],
        sources: [],
      })),
    };
    expect(() => nextWorkingDay(closed, '2030-01-01')).toThrow(/No working day/);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days w with from < w ≤ to', () => {
    expect(workingDaysBetween(cal, '2026-02-13', '2026-02-23')).toBe(1);
    expect(workingDaysBetween(cal, '2026-02-12', '2026-02-23')).toBe(2);
    expect(workingDaysBetween(cal, '2026-03-09', '2026-03-13')).toBe(4);
    expect(workingDaysBetween(cal, '2026-03-09', '2026-03-09')).toBe(0);
    expect(workingDaysBetween(cal, '2026-03-13', '2026-03-09')).toBe(0);
  });

  it('agrees with addWorkingDays', () => {
    for (const n of [0, 1, 3, 10, 40]) {
      expect(workingDaysBetween(cal, '2026-01-20', addWorkingDays(cal, '2026-01-20', n))).toBe(n);
    }
  });

  it('counts a whole year: 2026 has 261 weekdays − 12 days off on weekdays + 1 working Saturday', () => {
    expect(workingDaysBetween(cal, '2025-12-31', '2026-12-31')).toBe(250);
  });
});

describe('defaultCalendar', () => {
  it('returns a mutable copy of the official schedules', () => {
    const a = defaultCalendar();
    expect(a.schedules).toEqual([...OFFICIAL_SCHEDULES]);
    a.schedules[0]?.daysOff.pop();
    expect(defaultCalendar().schedules).toEqual([...OFFICIAL_SCHEDULES]);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
