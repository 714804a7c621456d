/**
 * Meeting slots (issue 7 §3): ISO 8601 with an offset, in the future, within office hours (07:30–17:00 Vietnam
 * time) of one working day, 1–5 of them, no duplicates.
 */
import { describe, expect, it } from 'vitest';
import {
  assertSlots,
  chosenSlot,
  MAX_SLOTS,
  refineSlotYears,
  slotProblems,
  slotsInput,
  type Slot,
} from '../../../domain/appointment/index.ts';
import { defaultCalendar } from '../../../domain/calendar/index.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import { isoSlot, slot, SLOT_THU, T0, vn } from './fixtures.ts';

const cal = defaultCalendar();
const problems = (slots: Slot[], now = T0) => slotProblems(cal, slots, now);

describe('slotProblems', () => {
  it('accepts slots in office hours of working days, the bounds included', () => {
    expect(
      problems([
        slot('2026-03-12', '07:30', '08:30'),
        slot('2026-03-13', '16:00', '17:00'),
        slot('2026-03-16', '09:00', '11:00'),
      ]),
    ).toEqual([]);
  });

  it('accepts the working Saturday 10 Jan 2026', () => {
    expect(slotProblems(cal, [slot('2026-01-10', '09:00', '10:00')], vn('2026-01-05T09:00'))).toEqual([]);
  });

  it.each([
    ['in the past', slot('2026-03-06', '09:00', '10:00'), 'slots.0.start', 'must be in the future'],
    ['starting now', { start: T0, end: T0 + 3_600_000 }, 'slots.0.start', 'must be in the future'],
    [
      'on a Saturday',
      slot('2026-03-14', '09:00', '10:00'),
      'slots.0.start',
      '2026-03-14 is not a working day',
    ],
    ['on a Sunday', slot('2026-03-15', '09:00', '10:00'), 'slots.0.start', '2026-03-15 is not a working day'],
    [
      'on the compensatory day 27 Apr',
      slot('2026-04-27', '09:00', '10:00'),
      'slots.0.start',
      '2026-04-27 is not a working day',
    ],
    [
      'before opening',
      slot('2026-03-12', '07:00', '08:00'),
      'slots.0',
      'must be within office hours (07:30–17:00, Vietnam time)',
    ],
    [
      'after closing',
      slot('2026-03-12', '16:30', '17:30'),
      'slots.0',
      'must be within office hours (07:30–17:00, Vietnam time)',
    ],
    [
      'in the evening',
      slot('2026-03-12', '19:00', '20:00'),
      'slots.0',
      'must be within office hours (07:30–17:00, Vietnam time)',
    ],
    [
      'ending another day',
      { start: vn('2026-03-12T16:00'), end: vn('2026-03-13T08:00') },
      'slots.0.end',
      'must end on the same day',
    ],
  ] as [string, Slot, string, string][])('refuses a slot %s', (_label, bad, path, message) => {
    expect(problems([bad])).toEqual([{ path, message }]);
  });

  it('refuses Tết 2026 and the Friday swapped with Sat 10 Jan', () => {
    expect(slotProblems(cal, [slot('2026-02-18', '09:00', '10:00')], vn('2026-02-02T09:00'))).toEqual([
      { path: 'slots.0.start', message: '2026-02-18 is not a working day' },
    ]);
    expect(slotProblems(cal, [slot('2026-01-02', '09:00', '10:00')], vn('2025-12-29T09:00'))).toEqual([
      { path: 'slots.0.start', message: '2026-01-02 is not a working day' },
    ]);
  });

  it('refuses the same slot twice, naming the repeat', () => {
    expect(problems([SLOT_THU, slot('2026-03-13', '09:00', '10:00'), { ...SLOT_THU }])).toEqual([
      { path: 'slots.2', message: 'the same slot twice' },
    ]);
  });

  it('lists every problem, each at its own index, under the given path', () => {
    expect(
      slotProblems(
        cal,
        [SLOT_THU, slot('2026-03-14', '09:00', '10:00'), slot('2026-03-06', '09:00', '10:00')],
        T0,
        'proposedSlots',
      ),
    ).toEqual([
      { path: 'proposedSlots.1.start', message: '2026-03-14 is not a working day' },
      { path: 'proposedSlots.2.start', message: 'must be in the future' },
    ]);
  });
});

describe('slots beyond the years the working-day calendar covers (2021–2100)', () => {
  // Before the fix the check asked the calendar about a day in 2200 and threw a RangeError: a 500 at the API,
  // and an error the workflow's Update validator passed on unrecognised. Now it is a problem of the field.
  const outside = 'must lie in 2021–2100, the years the working-day calendar covers';

  it('refuses a slot starting or ending beyond them, naming the instant', () => {
    expect(problems([slot('2200-03-06', '09:00', '10:00')])).toEqual([
      { path: 'slots.0.start', message: outside },
    ]);
    expect(problems([{ start: vn('2100-12-31T16:00'), end: vn('2101-01-01T08:00') }])).toEqual([
      { path: 'slots.0.end', message: outside },
    ]);
    let error: unknown;
    try {
      assertSlots(cal, [slot('2200-03-06', '09:00', '10:00')], T0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
  });

  it('leaves them, as before, to the API where any hour is office time (replays accept what they accepted)', () => {
    const always = { ...cal, officeHours: 'always' as const };
    expect(slotProblems(always, [slot('2200-03-06', '09:00', '10:00')], T0)).toEqual([]);
  });

  it('refuses them at the API boundary whatever the office hours (refineSlotYears)', () => {
    const result = slotsInput
      .superRefine(refineSlotYears)
      .safeParse([isoSlot(SLOT_THU), isoSlot(slot('2200-03-06', '09:00', '10:00'))]);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([[[1, 'start'], outside]]);
  });
});

describe('assertSlots', () => {
  it('throws one 422 with every problem', () => {
    let error: unknown;
    try {
      assertSlots(cal, [slot('2026-03-14', '09:00', '10:00'), slot('2026-03-12', '06:00', '07:00')], T0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details['issues']).toHaveLength(2);
  });

  it('is silent for good slots', () => {
    expect(() => assertSlots(cal, [SLOT_THU], T0)).not.toThrow();
  });
});

describe('slotsInput: the schema', () => {
  it('reads ISO 8601 with an offset into instants', () => {
    expect(slotsInput.parse([{ start: '2026-03-12T09:00:00+07:00', end: '2026-03-12T10:00+07:00' }])).toEqual(
      [SLOT_THU],
    );
    expect(slotsInput.parse([isoSlot(SLOT_THU)])).toEqual([SLOT_THU]);
  });

  it.each([
    ['no offset', [{ start: '2026-03-12T09:00:00', end: '2026-03-12T10:00:00' }]],
    ['a date only', [{ start: '2026-03-12', end: '2026-03-12' }]],
    ['the end before the start', [{ start: '2026-03-12T10:00+07:00', end: '2026-03-12T09:00+07:00' }]],
    ['no slot', []],
    [
      'too many slots',
      Array.from({ length: MAX_SLOTS + 1 }, (_, i) => isoSlot(slot(`2026-03-${10 + i}`, '09:00', '10:00'))),
    ],
    ['an unknown field', [{ ...isoSlot(SLOT_THU), room: 'A' }]],
  ])('refuses %s', (_label, input) => {
    expect(slotsInput.safeParse(input).success).toBe(false);
  });
});

describe('chosenSlot', () => {
  const offered = [SLOT_THU, slot('2026-03-13', '09:00', '10:00')];
  it('by index or by the slot itself', () => {
    expect(chosenSlot(offered, 1)).toEqual(offered[1]);
    expect(chosenSlot(offered, { ...SLOT_THU })).toBe(SLOT_THU);
    expect(chosenSlot(offered, 2)).toBeUndefined();
    expect(chosenSlot(offered, { start: SLOT_THU.start, end: SLOT_THU.end + 1 })).toBeUndefined();
  });
});
