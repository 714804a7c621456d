/**
 * A confirmed calendar year reaching an open contact (issue 11), and the confirmation's own checks: running
 * clocks are counted again and the timeline says which due date moved and why; stopped and paused clocks stay.
 */
import { describe, expect, it } from 'vitest';
import { confirmYear } from '../../../domain/calendar/confirm-year.ts';
import { deriveYearSchedule, toLocalDate, type YearSchedule } from '../../../domain/calendar/index.ts';
import {
  alreadyOnVersion,
  applyCalendarChange,
  changeOfSchedule,
  parseCalendarChange,
  withYear,
} from '../../../domain/contact/calendar-change.ts';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import { act, actors, HOUR, open, SAMPLE_INPUT, T0 } from '../information-request/fixtures.ts';

const opened = open().state;
const year = Number(toLocalDate(T0).slice(0, 4));
const base = opened.calendar.schedules.find((s) => s.year === year) ?? deriveYearSchedule(year);
const answerDue = (s: typeof opened) => dueAt(s.clocks.answer!, s.calendar)!;

/** The contact's year with `date` added as an extra day off. */
const withDayOff = (date: string): YearSchedule => ({
  ...base,
  status: 'confirmed',
  daysOff: [...base.daysOff, { date, kind: 'extra_day_off', name: 'Nghỉ đột xuất' }],
});

/** The first working day after the opening day (T0's), on the contact's calendar. */
function firstWorkingDayAfterOpening(): string {
  let day = toLocalDate(T0);
  for (;;) {
    day = toLocalDate(Date.parse(`${day}T12:00:00+07:00`) + 24 * HOUR);
    const weekday = new Date(`${day}T12:00:00+07:00`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !base.daysOff.some((d) => d.date === day)) return day;
  }
}

describe('applyCalendarChange', () => {
  const dayOff = firstWorkingDayAfterOpening();
  const sent = { changeId: 'calendar-test-1', schedule: withDayOff(dayOff) };
  /** As a contact from before calendar versions takes it: its own years, with the confirmed one in place. */
  const change = changeOfSchedule(opened, sent);

  it('moves a running due date by a new day off inside its period, and says why', () => {
    const now = T0 + HOUR;
    const { state, transition, moves } = applyCalendarChange(opened, change, now);
    expect(answerDue(state)).toBeGreaterThan(answerDue(opened));
    expect(moves.map((m) => m.clock)).toContain('answer');
    expect(transition?.entry).toMatchObject({
      type: 'calendar_changed',
      at: now,
      data: { changeId: 'calendar-test-1', year, dueMoved: { clock: moves[0]!.clock, reason: 'calendar' } },
    });
    expect(transition?.entry.text).toContain(`năm ${year}`);
    expect(state.timeline.at(-1)).toBe(transition?.entry);
    expect(state.calendar.schedules.filter((s) => s.year === year)).toEqual([sent.schedule]);
  });

  it('takes a change that moves nothing silently, and moves nothing twice', () => {
    // A day off at the end of the year, long after every due date of a contact opened in March.
    const quiet = applyCalendarChange(
      opened,
      changeOfSchedule(opened, { ...sent, schedule: withDayOff(`${year}-12-31`) }),
      T0 + HOUR,
    );
    expect(quiet.moves).toEqual([]);
    expect(quiet.transition).toBeUndefined();
    expect(quiet.state.timeline).toEqual(opened.timeline);
    const once = applyCalendarChange(opened, change, T0 + HOUR).state;
    const twice = applyCalendarChange(once, change, T0 + 2 * HOUR);
    expect(twice.transition).toBeUndefined();
    expect(answerDue(twice.state)).toBe(answerDue(once));
  });

  it('leaves stopped clocks alone', () => {
    const assigned = act(opened, actors.staff, 'assign', SAMPLE_INPUT.assign, T0 + HOUR).state;
    const { moves } = applyCalendarChange(assigned, change, T0 + 2 * HOUR);
    expect(moves.map((m) => m.clock)).not.toContain('first_response');
  });

  it('adds a year the contact did not carry, in order', () => {
    const next = deriveYearSchedule(year + 5);
    expect(withYear(opened.calendar, next).schedules.map((s) => s.year)).toEqual(
      [...opened.calendar.schedules.map((s) => s.year), year + 5].sort((a, b) => a - b),
    );
  });

  it('moves a contact to a calendar version: the years of the version replace its own', () => {
    const versioned = { ...opened, calendar: { ...opened.calendar, version: 3 } };
    const calendar = { version: 4, schedules: [withDayOff(dayOff)] };
    const { state, moves } = applyCalendarChange(versioned, { changeId: 'c', year, calendar }, T0 + HOUR);
    expect(state.calendar).toEqual(calendar);
    expect(moves.map((m) => m.clock)).toContain('answer');
    expect(alreadyOnVersion(state, 4)).toBe(true);
    expect(alreadyOnVersion(state, 3)).toBe(true); // a late, older change takes nothing back
    expect(alreadyOnVersion(state, 5)).toBe(false);
    expect(alreadyOnVersion(opened, 1)).toBe(false); // years carried whole: any version is news
  });

  it('carries the years whole once a year is replaced in a version (a fan-out started before versions)', () => {
    const versioned = { ...opened, calendar: { ...opened.calendar, version: 3 } };
    const { calendar } = changeOfSchedule(versioned, sent);
    expect(calendar.version).toBeUndefined();
    expect(calendar.schedules.filter((s) => s.year === year)).toEqual([sent.schedule]);
  });

  it('refuses an input that is neither a version nor a year schedule (the Update validator)', () => {
    expect(() => parseCalendarChange({ changeId: 'x', schedule: { year: 'năm nay' } })).toThrow(
      InvalidInputError,
    );
    expect(() => parseCalendarChange({ changeId: '../../etc', schedule: sent.schedule })).toThrow(
      InvalidInputError,
    );
    for (const version of [0, -1, 1.5, 2 ** 31, '3'])
      expect(() => parseCalendarChange({ changeId: 'x', year, version })).toThrow(InvalidInputError);
    expect(() => parseCalendarChange({ changeId: 'x', year: 1999, version: 2 })).toThrow(InvalidInputError);
    expect(parseCalendarChange(sent)).toEqual(sent);
    expect(parseCalendarChange({ changeId: 'x', year, version: 2 })).toEqual({
      changeId: 'x',
      year,
      version: 2,
    });
  });
});

describe('confirmYear', () => {
  it('sorts, marks confirmed and keeps the sources', () => {
    const confirmed = confirmYear(2027, {
      daysOff: [
        { date: '2027-11-24', kind: 'extra_day_off', name: 'Ngày Văn hóa Việt Nam' },
        { date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
      ],
      workingWeekendDays: [{ date: '2027-02-20', name: 'Làm bù' }],
      sources: ['https://chinhphu.vn/'],
    });
    expect(confirmed).toMatchObject({ year: 2027, status: 'confirmed', sources: ['https://chinhphu.vn/'] });
    expect(confirmed.daysOff.map((d) => d.date)).toEqual(['2027-01-01', '2027-11-24']);
  });

  it('refuses dates of another year, weekdays listed as worked weekends, and a date listed twice', () => {
    const refused = (input: Parameters<typeof confirmYear>[1]) => {
      try {
        confirmYear(2027, input);
      } catch (error) {
        return (error as InvalidInputError).details['issues'];
      }
      return undefined;
    };
    expect(
      refused({ daysOff: [{ date: '2028-01-01', kind: 'holiday', name: 'x' }], workingWeekendDays: [] }),
    ).toEqual([expect.objectContaining({ path: 'daysOff.0.date' })]);
    // 2027-02-22 is a Monday.
    expect(refused({ daysOff: [], workingWeekendDays: [{ date: '2027-02-22', name: 'x' }] })).toEqual([
      expect.objectContaining({ path: 'workingWeekendDays.0.date' }),
    ]);
    expect(
      refused({
        daysOff: [{ date: '2027-02-20', kind: 'holiday', name: 'x' }],
        workingWeekendDays: [{ date: '2027-02-20', name: 'x' }],
      }),
    ).toEqual([expect.objectContaining({ path: 'workingWeekendDays.0.date' })]);
  });
});
