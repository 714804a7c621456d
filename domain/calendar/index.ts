/**
 * @module
 * The working-day calendar of Vietnamese state agencies: dates in Vietnam time, yearly schedules of days off,
 * working-day arithmetic and deadline spans. Pure functions over plain data (see STYLE.md §2).
 */
export {
  addDays,
  compareLocalDates,
  endOfLocalDay,
  isoWeekday,
  isValidLocalDate,
  isWeekend,
  localDate,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
  VIETNAM_UTC_OFFSET_MS,
  yearOf,
} from './local-date.ts';
export type { LocalDate } from './local-date.ts';
export {
  CALENDAR_YEARS,
  defaultNationalDayPartner,
  deriveYearSchedule,
  isCalendarYear,
  LABOUR_CODE_ART_112_SOURCE,
  statutoryHolidays,
  withCompensatoryDays,
} from './year-schedule.ts';
export type { DayOff, DayOffKind, WorkingWeekendDay, YearSchedule } from './year-schedule.ts';
export { OFFICIAL_SCHEDULES } from './official-schedules.ts';
export {
  addWorkingDays,
  defaultCalendar,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingReason,
  scheduleFor,
  workingDaysBetween,
} from './working-calendar.ts';
export type { CalendarData, NonWorkingReason } from './working-calendar.ts';
export { addSpan, isValidSpan, parseIsoDuration, spanToText } from './span.ts';
export type { Span } from './span.ts';
export {
  inWorkingHours,
  isWithinWorkingHours,
  nextWorkingMoment,
  openingOfPreviousWorkingDay,
  previousWorkingMoment,
  WORKING_HOURS,
  workingHoursOf,
} from './working-hours.ts';
export {
  calendarOfVersion,
  carriedCalendar,
  isCalendarRef,
  isCalendarVersion,
  MAX_CALENDAR_VERSION,
} from './reference.ts';
export type { CalendarRef, CarriedCalendar } from './reference.ts';
