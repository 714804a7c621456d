/**
 * @module
 * What a contact keeps of its working-day calendar: a reference to an immutable, numbered version of it
 * (issue 11), not the years themselves.
 *
 * Each version is a snapshot of the year schedules in force when it was taken (an administrator's confirmed
 * years over the built-in official and derived ones) and never changes, so the number alone says exactly which
 * calendar a deadline was counted on. A workflow starts with the reference and reads the version's years
 * through a local activity (whose result Temporal records, so a replay reads the same years whatever the
 * database holds then); the projection stores the reference; a calendar change sends open contacts the new
 * version's number. Contacts opened before versions existed carried the years themselves and still do.
 */
import type { CalendarData } from './working-calendar.ts';

/** A calendar version and the office hours of the deployment (which are configuration, not calendar). */
export interface CalendarRef {
  version: number;
  officeHours?: CalendarData['officeHours'];
}

/** A calendar as a contact carries it: the reference, or — for contacts opened before versions — the years. */
export type CarriedCalendar = CalendarRef | CalendarData;

/** True for a reference; false for the years carried whole. */
export function isCalendarRef(calendar: CarriedCalendar): calendar is CalendarRef {
  return !('schedules' in calendar);
}

/** The largest version number we accept: a positive 32-bit integer, as the database's serial column. */
export const MAX_CALENDAR_VERSION = 2 ** 31 - 1;

/** True if `n` can be a calendar version's number. */
export function isCalendarVersion(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_CALENDAR_VERSION;
}

/**
 * What to carry of `calendar`: its reference when it came from a version, else the years themselves (a calendar
 * of a contact opened before versions, or one built in a test).
 */
export function carriedCalendar(calendar: CalendarData): CarriedCalendar {
  if (calendar.version === undefined) return calendar;
  return {
    version: calendar.version,
    ...(calendar.officeHours !== undefined ? { officeHours: calendar.officeHours } : {}),
  };
}

/** The calendar of version `version` read from its snapshot, with the office hours the reference carries. */
export function calendarOfVersion(ref: CalendarRef, schedules: CalendarData['schedules']): CalendarData {
  return {
    version: ref.version,
    schedules,
    ...(ref.officeHours !== undefined ? { officeHours: ref.officeHours } : {}),
  };
}
