import { describe, expect, it } from 'vitest';
import { isValidLocalDate, isWeekend } from '../../../domain/calendar/local-date.ts';
import { OFFICIAL_SCHEDULES } from '../../../domain/calendar/official-schedules.ts';
import { deriveYearSchedule } from '../../../domain/calendar/year-schedule.ts';
import type { YearSchedule } from '../../../domain/calendar/year-schedule.ts';

function official(year: number): YearSchedule {
  const schedule = OFFICIAL_SCHEDULES.find((s) => s.year === year);
  if (schedule === undefined) throw new Error(`no official schedule for ${year}`);
  return schedule;
}

/** What the government's decisions changed relative to the law-only derivation. */
function diffFromDerived(year: number) {
  const confirmed = official(year);
  const derived = deriveYearSchedule(year);
  const key = (d: { date: string; kind: string }) => `${d.date} ${d.kind}`;
  const derivedKeys = new Set(derived.daysOff.map(key));
  const confirmedKeys = new Set(confirmed.daysOff.map(key));
  return {
    addedDaysOff: confirmed.daysOff.map(key).filter((k) => !derivedKeys.has(k)),
    removedDaysOff: derived.daysOff.map(key).filter((k) => !confirmedKeys.has(k)),
    workingWeekendDays: confirmed.workingWeekendDays.map((w) => w.date),
  };
}

describe('OFFICIAL_SCHEDULES', () => {
  it('covers 2025 and 2026, confirmed, with sources', () => {
    expect(OFFICIAL_SCHEDULES.map((s) => [s.year, s.status])).toEqual([
      [2025, 'confirmed'],
      [2026, 'confirmed'],
    ]);
    for (const s of OFFICIAL_SCHEDULES) expect(s.sources.length).toBeGreaterThan(1);
  });

  it('is well-formed: valid dates of its own year, sorted, unique, working days only on weekends', () => {
    for (const s of OFFICIAL_SCHEDULES) {
      const dates = s.daysOff.map((d) => d.date);
      expect(dates.every((d) => isValidLocalDate(d) && d.startsWith(`${s.year}-`))).toBe(true);
      expect(dates).toEqual([...new Set(dates)].sort());
      expect(s.daysOff.filter((d) => d.kind === 'holiday')).toHaveLength(11);
      for (const w of s.workingWeekendDays) {
        expect(isWeekend(w.date)).toBe(true);
        expect(dates).not.toContain(w.date);
      }
      expect(s.daysOff.filter((d) => d.kind === 'extra_day_off')).toHaveLength(s.workingWeekendDays.length);
    }
  });

  it('2025 differs from the derived schedule in Tết placement and the 2 May / 26 Apr swap', () => {
    expect(diffFromDerived(2025)).toEqual({
      // The PM put the 5 Tết days on Mon 27 – Fri 31 Jan …
      addedDaysOff: ['2025-01-27 holiday', '2025-05-02 extra_day_off'],
      // … instead of Tết eve Tue 28 Jan – Sat 1 Feb, so no compensatory Monday 3 Feb.
      removedDaysOff: ['2025-02-01 holiday', '2025-02-03 compensatory'],
      workingWeekendDays: ['2025-04-26'],
    });
  });

  it('2026 differs from the derived schedule only in the 2 Jan / 10 Jan swap', () => {
    expect(diffFromDerived(2026)).toEqual({
      addedDaysOff: ['2026-01-02 extra_day_off'],
      removedDaysOff: [],
      workingWeekendDays: ['2026-01-10'],
    });
  });

  it('is frozen so no caller can change the shared data', () => {
    expect(Object.isFrozen(OFFICIAL_SCHEDULES)).toBe(true);
  });
});
