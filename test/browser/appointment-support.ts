/**
 * Meeting times for the browser journeys, real ones: computed from today's date in Asia/Ho_Chi_Minh and, where
 * the deployment keeps office hours, the product's own working-day calendar (`GET /api/v1/calendar/{year}`), so
 * proposals are always in the future (and on working days within 07:30–17:00 when those apply).
 */
const OFFSET_MS = 7 * 3_600_000;
const MINUTE = 60_000;

export interface LocalSlot {
  /** `YYYY-MM-DD`, Vietnam time. */
  date: string;
  /** `HH:MM`. */
  start: string;
  end: string;
}

interface CalendarYear {
  daysOff: { date: string }[];
  workingWeekendDays: { date: string }[];
}

/** Vietnam local date and `HH:MM` of an instant. */
export function vnParts(ms: number): { date: string; time: string } {
  const iso = new Date(ms + OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Epoch ms of a Vietnam local date and time. */
export function vnEpoch(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+07:00`);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The working-day rules of this year and the next, from the running product. */
export async function loadWorkingDays(baseUrl: string): Promise<(date: string) => boolean> {
  const year = Number(vnParts(Date.now()).date.slice(0, 4));
  const years = await Promise.all(
    [year, year + 1].map(async (y) => {
      const response = await fetch(`${baseUrl}/api/v1/calendar/${y}`);
      if (!response.ok) throw new Error(`GET /calendar/${y}: HTTP ${response.status}`);
      return (await response.json()) as CalendarYear;
    }),
  );
  const off = new Set(years.flatMap((y) => y.daysOff.map((d) => d.date)));
  const swapped = new Set(years.flatMap((y) => y.workingWeekendDays.map((d) => d.date)));
  return (date) => {
    if (swapped.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
}

/** The first `count` working days strictly after today (Vietnam time). */
export function nextWorkingDays(isWorking: (date: string) => boolean, count: number): string[] {
  const out: string[] = [];
  for (let d = addDays(vnParts(Date.now()).date, 1); out.length < count; d = addDays(d, 1))
    if (isWorking(d)) out.push(d);
  return out;
}

/** The first weekend day or day off after today, to show the picker refusing it. */
export function nextDayOff(isWorking: (date: string) => boolean): string {
  let d = addDays(vnParts(Date.now()).date, 1);
  while (isWorking(d)) d = addDays(d, 1);
  return d;
}

/** The date `days` after today, Vietnam time. */
export function daysAhead(days: number): string {
  return addDays(vnParts(Date.now()).date, days);
}

/**
 * A meeting that starts on the first whole minute at least `leadSeconds` from now and lasts `minutes` (cut at
 * 23:59 so that it ends the same day), at whatever hour and day that is: for a stack started with office hours
 * `always`. The result of a meeting can only be recorded once it has started, and the harness has no clock to
 * move, so the meeting has to be soon.
 */
export function soonSlot(leadSeconds = 70, minutes = 30): LocalSlot & { startsAt: number } {
  let startsAt = Math.ceil((Date.now() + leadSeconds * 1_000) / MINUTE) * MINUTE;
  if (vnParts(startsAt).time === '23:59') startsAt += MINUTE;
  const start = vnParts(startsAt);
  const end = vnParts(startsAt + minutes * MINUTE);
  return { date: start.date, start: start.time, end: end.date === start.date ? end.time : '23:59', startsAt };
}

/** `20261207T090000` as iCalendar writes a local date-time. */
export function icsLocal(date: string, time: string): string {
  return `${date.replaceAll('-', '')}T${time.replace(':', '')}00`;
}
