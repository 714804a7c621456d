import { describe, expect, it } from 'vitest';
import { defaultCalendar, startOfLocalDay } from '../../../domain/calendar/index.ts';
import {
  boardReasons,
  idleThreshold,
  isPersonsAction,
  workingDaysSince,
} from '../../../domain/supervision/board.ts';

const cal = defaultCalendar();
const at = (local: string) => Date.parse(`${local}+07:00`);

describe('idleThreshold', () => {
  it('counts working days back from today, the last action’s own day not counted', () => {
    // Wednesday 2 December 2026: the three working days Mon 30, Tue 1 and Wed 2 have passed since any action
    // taken up to Sunday 29 November; an action on Monday 30 has only two working days after it.
    const threshold = idleThreshold(cal, at('2026-12-02T10:00'), 3);
    expect(threshold).toBe(startOfLocalDay('2026-11-30'));
    expect(at('2026-11-27T16:00') < threshold).toBe(true);
    expect(at('2026-11-29T09:00') < threshold).toBe(true);
    expect(at('2026-11-30T08:00') < threshold).toBe(false);
    expect(workingDaysSince(cal, at('2026-11-29T09:00'), at('2026-12-02T10:00'))).toBe(3);
    expect(workingDaysSince(cal, at('2026-11-30T08:00'), at('2026-12-02T10:00'))).toBe(2);
  });

  it('skips Tết: five working days before Tuesday 24 February 2026 reach back before the holiday', () => {
    // Tết 2026: 14–22 February off. Working days counted back: 24, 23 Feb, then 13, 12, 11 Feb.
    const threshold = idleThreshold(cal, at('2026-02-24T09:00'), 5);
    expect(threshold).toBe(startOfLocalDay('2026-02-11'));
    expect(workingDaysSince(cal, at('2026-02-10T15:00'), at('2026-02-24T09:00'))).toBe(5);
  });
});

describe('boardReasons', () => {
  const now = at('2026-12-02T10:00');
  const idleBefore = idleThreshold(cal, now, 3);
  const facts = { dueAt: now + 3_600_000, escalationLevel: 0, lastActionAt: now, unhealthy: false };
  it('is empty for a contact on time, recently acted on and healthy', () => {
    expect(boardReasons(facts, now, idleBefore)).toEqual([]);
  });
  it('names every reason that applies, in a fixed order', () => {
    expect(
      boardReasons(
        { dueAt: now - 1, escalationLevel: 2, lastActionAt: at('2026-11-20T10:00'), unhealthy: true },
        now,
        idleBefore,
      ),
    ).toEqual(['overdue', 'escalated', 'idle', 'unhealthy']);
  });
  it('does not call a contact without a running clock overdue', () => {
    expect(boardReasons({ ...facts, dueAt: null }, now, idleBefore)).toEqual([]);
  });
});

describe('isPersonsAction', () => {
  it('counts what people do, not reminders, letters, retries or timers', () => {
    const actor = { sub: 's', name: 'S' };
    expect(isPersonsAction({ type: 'assign', actor })).toBe(true);
    expect(isPersonsAction({ type: 'submitted', actor })).toBe(true);
    for (const type of ['remind', 'reminder_letter', 'retry_requested'])
      expect(isPersonsAction({ type, actor })).toBe(false);
    expect(isPersonsAction({ type: 'overdue', actor: undefined })).toBe(false);
  });
});
