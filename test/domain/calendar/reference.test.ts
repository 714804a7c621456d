/** What a contact carries of its calendar (issue 11): a version's reference, or — from before versions — the years. */
import { describe, expect, it } from 'vitest';
import {
  calendarOfVersion,
  carriedCalendar,
  defaultCalendar,
  isCalendarRef,
  isCalendarVersion,
} from '../../../domain/calendar/index.ts';

describe('calendar references', () => {
  const years = defaultCalendar().schedules;

  it('carries a versioned calendar as its number and office hours only', () => {
    const calendar = calendarOfVersion({ version: 7, officeHours: 'always' }, years);
    expect(calendar).toEqual({ version: 7, schedules: years, officeHours: 'always' });
    const carried = carriedCalendar(calendar);
    expect(carried).toEqual({ version: 7, officeHours: 'always' });
    expect(isCalendarRef(carried)).toBe(true);
    expect(JSON.stringify(carried).length).toBeLessThan(50);
    expect(carriedCalendar(calendarOfVersion({ version: 7 }, years))).toEqual({ version: 7 });
  });

  it('carries a calendar without a version (built in code, or from before versions) whole', () => {
    const calendar = defaultCalendar();
    expect(carriedCalendar(calendar)).toBe(calendar);
    expect(isCalendarRef(calendar)).toBe(false);
  });

  it('accepts only positive whole version numbers that fit the database column', () => {
    expect([1, 42, 2 ** 31 - 1].every(isCalendarVersion)).toBe(true);
    expect([0, -1, 1.5, 2 ** 31, Number.NaN, '1', null].some(isCalendarVersion)).toBe(false);
  });
});
