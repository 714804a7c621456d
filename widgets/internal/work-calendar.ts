/**
 * @module
 * The Vietnamese working-day calendar as the widgets need it to propose meetings: which local dates are days off
 * (weekends, public holidays, compensatory days) and which weekend days are swapped working days, from
 * `GET /calendar/{year}`, and the deployment's office hours for meetings (07:30–17:00 by default, Asia/Ho_Chi_Minh,
 * UTC+7 all year; `always` when any day and hour is accepted, for demos and tests).
 */
import type { ApiClient } from './api-client.ts';

/** Office hours as `HH:MM` (Vietnam time), or `always`: every day and hour is accepted for meetings. */
export type OfficeHours = { start: string; end: string } | 'always';

/** `GET /calendar/{year}`, the parts the widgets read. */
export interface CalendarYear {
  year: number;
  daysOff: { date: string; name: string; kind: string }[];
  workingWeekendDays: { date: string; name: string }[];
  /** The deployment's office hours (`OFFICE_HOURS`); absent from older servers, then {@link OFFICE_HOURS}. */
  officeHours?: OfficeHours;
}

export interface DayInfo {
  working: boolean;
  /** The holiday's or swapped day's name, if any. */
  name?: string;
  weekend: boolean;
}

/** Office hours as `HH:MM` when the API does not say; compared as strings, which sort like times. */
export const OFFICE_HOURS = { start: '07:30', end: '17:00' } as const;

/** The office hours `cal` gives, {@link OFFICE_HOURS} when it gives none (or nothing valid). */
export function officeHours(cal: CalendarYear | undefined): OfficeHours {
  const hours = cal?.officeHours;
  if (hours === 'always') return hours;
  const hhmm = /^\d\d:\d\d$/;
  if (hours && hhmm.test(hours.start) && hhmm.test(hours.end) && hours.start < hours.end) return hours;
  return OFFICE_HOURS;
}
/** Vietnam keeps one offset all year. */
export const VN_OFFSET = '+07:00';
const OFFSET_MS = 7 * 3_600_000;

const years = new Map<string, Promise<CalendarYear>>();

/** The calendar of `year`, fetched once per API base; a failed fetch is retried next time. */
export function calendarYear(api: ApiClient, year: number): Promise<CalendarYear> {
  const key = `${api.base}|${year}`;
  let found = years.get(key);
  if (!found) {
    found = api.get<CalendarYear>(`/calendar/${year}`).catch((error: unknown) => {
      years.delete(key);
      throw error;
    });
    years.set(key, found);
  }
  return found;
}

/**
 * Whether local date `date` (`YYYY-MM-DD`) is a working day under `cal`. With office hours `always` every date
 * is open for meetings (`working`, no name).
 */
export function dayInfo(cal: CalendarYear, date: string): DayInfo {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (cal.officeHours === 'always') return { working: true, weekend };
  const swapped = cal.workingWeekendDays.find((d) => d.date === date);
  if (swapped) return { working: true, name: swapped.name, weekend };
  const off = cal.daysOff.find((d) => d.date === date);
  if (off) return { working: false, name: off.name, weekend };
  return { working: !weekend, weekend };
}

/** Local date and time (`YYYY-MM-DD`, `HH:MM`) of `epochMs` in Vietnam. */
export function vnParts(epochMs: number): { date: string; time: string } {
  const iso = new Date(epochMs + OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** ISO 8601 with the Vietnam offset, as the API takes meeting times: `2026-12-07T09:00:00+07:00`. */
export function vnIso(date: string, time: string): string {
  return `${date}T${time}:00${VN_OFFSET}`;
}

/** Epoch ms of a Vietnam local date and time. */
export function vnEpoch(date: string, time: string): number {
  return Date.parse(vnIso(date, time));
}
