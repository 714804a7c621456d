/**
 * @module
 * A change to the working-day calendar reaching an open contact (issue 11). Each contact counts its deadlines
 * on a calendar version; when an administrator confirms a year, the contact moves to the version that holds
 * it (a contact from before versions, which carried its years, takes the confirmed year into them) and every
 * running clock's due date is counted again. When a due date moves, the timeline says so and why;
 * when none moves, the new schedule is taken silently (nothing a person would see changed).
 *
 * Pure and deterministic: the workflow applies it in a validated Update, the fan-out sends the same input to
 * every open contact, and an Update id per contact makes a retried send a no-op.
 */
import { z } from 'zod';
import {
  CALENDAR_YEARS,
  isCalendarVersion,
  isValidLocalDate,
  type CalendarData,
  type YearSchedule,
} from '../calendar/index.ts';
import { dueAt, isRunning } from '../deadlines/clock.ts';
import { InvalidInputError } from '../errors.ts';
import { CLOCK_NAMES, type ClockName } from '../vocabulary.ts';
import { appendEntry, type AnyContactState, type Transition } from './state.ts';

const localDate = z.string().refine(isValidLocalDate, 'a date YYYY-MM-DD');
const name = z.string().trim().min(1).max(200);
const calendarYear = z.number().int().min(CALENDAR_YEARS.from).max(CALENDAR_YEARS.to);

/** A year's schedule as an administrator confirms it (the shape `GET /calendar/{year}` returns). */
export const yearScheduleSchema = z.object({
  year: calendarYear,
  status: z.enum(['derived', 'confirmed']),
  daysOff: z
    .array(z.object({ date: localDate, kind: z.enum(['holiday', 'compensatory', 'extra_day_off']), name }))
    .max(60),
  workingWeekendDays: z.array(z.object({ date: localDate, name })).max(30),
  sources: z.array(z.string().max(2000)).max(20),
});

/**
 * What a calendar change tells a contact: the change it belongs to, the year confirmed and the calendar
 * version that holds it (the contact reads the version's years itself). The first fan-outs, before versions,
 * sent the year's schedule instead; their Updates still replay.
 */
export type CalendarChangeInput =
  { changeId: string; year: number; version: number } | { changeId: string; schedule: YearSchedule };

const changeId = z.string().regex(/^[A-Za-z0-9:._-]{1,100}$/);

export const calendarChangeInputSchema = z.union([
  z.strictObject({
    changeId,
    year: calendarYear,
    version: z.number().refine(isCalendarVersion, 'a calendar version number'),
  }),
  z.object({ changeId, schedule: yearScheduleSchema }),
]);

/** Checks an Update's input (the validator's job): throws `InvalidInputError`. */
export function parseCalendarChange(raw: unknown): CalendarChangeInput {
  const parsed = calendarChangeInputSchema.safeParse(raw);
  if (!parsed.success)
    throw InvalidInputError.because(
      'Not a calendar change: { changeId, year, version }.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

/**
 * True if the contact already counts on `version` or a later one: a change delivered late (or twice) must not
 * take it back to an older calendar.
 */
export function alreadyOnVersion(state: AnyContactState, version: number): boolean {
  return state.calendar.version !== undefined && state.calendar.version >= version;
}

/** A change as the contact applies it: the year confirmed and the whole calendar it now counts on. */
export interface CalendarChange {
  changeId: string;
  year: number;
  calendar: CalendarData;
}

/** The calendar with `schedule` in place of (or beside) the one of its year. */
export function withYear(calendar: CalendarData, schedule: YearSchedule): CalendarData {
  return {
    ...calendar,
    schedules: [...calendar.schedules.filter((s) => s.year !== schedule.year), schedule].sort(
      (a, b) => a.year - b.year,
    ),
  };
}

/** A running clock whose due date the change moves. */
export interface DueMove {
  clock: ClockName;
  from: number;
  to: number;
}

/**
 * What the change does to `state` at `now`: the state on the new calendar, and — when a due date moved — the
 * timeline entry saying which and why (`calendar_changed`). Stopped and paused clocks do not move: a stopped
 * one is history, a paused one is counted again when it resumes.
 */
export function applyCalendarChange<St extends AnyContactState>(
  state: St,
  input: CalendarChange,
  now: number,
): { state: St; transition?: Transition<St>; moves: DueMove[] } {
  const { calendar } = input;
  const moves: DueMove[] = [];
  for (const name of CLOCK_NAMES) {
    const clock = state.clocks[name];
    if (!clock || !isRunning(clock)) continue;
    const from = dueAt(clock, state.calendar);
    const to = dueAt(clock, calendar);
    if (from !== undefined && to !== undefined && from !== to) moves.push({ clock: name, from, to });
  }
  const next: St = { ...state, calendar };
  if (!moves.length) return { state: next, moves };
  const transition = appendEntry(next, {
    at: now,
    type: 'calendar_changed',
    text: `Lịch ngày làm việc năm ${input.year} được điều chỉnh; thời hạn tính lại theo lịch mới.`,
    data: {
      changeId: input.changeId,
      year: input.year,
      // The widgets show the first move as "due date moved"; all of them are listed.
      dueMoved: { ...moves[0]!, reason: 'calendar' },
      moves,
    },
  });
  return { state: transition.state, transition, moves };
}

/** The change a pre-version Update describes: the contact's own years, with the confirmed one in place. */
export function changeOfSchedule(
  state: AnyContactState,
  input: { changeId: string; schedule: YearSchedule },
): CalendarChange {
  // The years are no longer a version's once one is replaced: the contact carries them whole from here on.
  const { version: _version, ...years } = state.calendar;
  return { changeId: input.changeId, year: input.schedule.year, calendar: withYear(years, input.schedule) };
}
