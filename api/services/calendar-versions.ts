/**
 * @module
 * Numbered, immutable versions of the working-day calendar (issue 11; see `domain/calendar/reference.ts`):
 * which version new contacts start on, a new one when an administrator confirms a year, and the years of a
 * version for whoever holds only its number (the workflow's local activity, the projection, the API's views).
 *
 * Versions are taken under one advisory lock, so the newest version always includes every confirmed year: a
 * snapshot taken because the years ran out waits for a confirmation being written, and then reads it.
 */
import {
  calendarOfVersion,
  isCalendarRef,
  isCalendarYear,
  type CalendarData,
  type CalendarRef,
  type CarriedCalendar,
  type YearSchedule,
} from '../../domain/calendar/index.ts';
import { CalendarVersionRow, CalendarYearRow } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';
import { yearSchedule } from './settings.ts';

/** The advisory lock that serialises taking calendar versions (an arbitrary constant of ours). */
const VERSION_LOCK = 11_2026_1202;

/** A version: its number and its years. */
interface Snapshot {
  version: number;
  schedules: YearSchedule[];
}

/** Versions never change, so their years are kept once read; a process sees few versions in its life. */
const cache = new Map<number, YearSchedule[]>();
const CACHE_LIMIT = 64;

function remember(version: number, schedules: YearSchedule[]): YearSchedule[] {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(version, schedules);
  return schedules;
}

/** True if `schedules` has the years a contact opened in `year` counts on: that year and the next. */
function covers(schedules: readonly YearSchedule[], year: number): boolean {
  return [year, year + 1].every((y) => schedules.some((s) => s.year === y));
}

/**
 * Takes a new version, in the caller's transaction: the years around `year` (the one before, for counting back,
 * to two after) and every confirmed year from the one before on, each as it is in force now.
 */
export async function takeCalendarVersion(
  em: Em,
  year: number,
  changeId: string | null,
  at: Date,
): Promise<Snapshot> {
  await em.execute('select pg_advisory_xact_lock(?)', [VERSION_LOCK]);
  const confirmed = await em.find(CalendarYearRow, { year: { $gte: year - 1 } }, { fields: ['year'] });
  const years = [...new Set([year - 1, year, year + 1, year + 2, ...confirmed.map((r) => r.year)])]
    .filter(isCalendarYear)
    .sort((a, b) => a - b);
  const schedules: YearSchedule[] = [];
  for (const y of years) schedules.push(await yearSchedule(em, y));
  const row = em.create(CalendarVersionRow, { schedules, changeId, createdAt: at });
  await em.flush();
  return { version: row.version, schedules: remember(row.version, schedules) };
}

/** The newest version's number and years, or undefined before any was taken. */
async function newestVersion(em: Em): Promise<Snapshot | undefined> {
  const [row] = await em.find(CalendarVersionRow, {}, { orderBy: { version: 'desc' }, limit: 1 });
  if (!row) return undefined;
  return {
    version: row.version,
    schedules: cache.get(row.version) ?? remember(row.version, row.schedules as YearSchedule[]),
  };
}

/**
 * The calendar a contact opened in `year` starts on: the newest version, or a new one if that does not cover
 * the year and the next (the first contact of a new year takes it).
 */
export async function currentCalendar(
  em: Em,
  year: number,
  officeHours?: CalendarData['officeHours'],
): Promise<CalendarData> {
  const ref = (version: number): CalendarRef => ({ version, ...(officeHours ? { officeHours } : {}) });
  const newest = await newestVersion(em);
  if (newest && covers(newest.schedules, year))
    return calendarOfVersion(ref(newest.version), newest.schedules);
  const taken = await em.transactional(async (tx) => {
    // Another request may have taken it while this one waited for the lock.
    await tx.execute('select pg_advisory_xact_lock(?)', [VERSION_LOCK]);
    const again = await newestVersion(tx);
    if (again && covers(again.schedules, year)) return again;
    return takeCalendarVersion(tx, year, null, new Date());
  });
  return calendarOfVersion(ref(taken.version), taken.schedules);
}

/** The years of a version (from the cache, or read once). Throws if there is no such version. */
export async function calendarVersionYears(em: Em, version: number): Promise<YearSchedule[]> {
  const known = cache.get(version);
  if (known) return known;
  const row = await em.findOneOrFail(CalendarVersionRow, { version });
  return remember(version, row.schedules as YearSchedule[]);
}

/** The calendar a contact carries, as data: a reference read from its version, the years as they are. */
export async function resolveCalendar(em: Em, carried: CarriedCalendar): Promise<CalendarData> {
  if (!isCalendarRef(carried)) return carried;
  return calendarOfVersion(carried, await calendarVersionYears(em, carried.version));
}

/** A stored contact state with its calendar as data (the projection stores the reference). */
export async function withCalendar<S extends { calendar: CarriedCalendar }>(
  em: Em,
  state: S,
): Promise<Omit<S, 'calendar'> & { calendar: CalendarData }> {
  return { ...state, calendar: await resolveCalendar(em, state.calendar) };
}
