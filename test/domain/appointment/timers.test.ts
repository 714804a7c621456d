/**
 * An appointment's timers (issue 7 §3): the host and the agency are reminded at the opening of the working day
 * before the meeting (again after a reschedule, under a new name); the record clock counts from the meeting's
 * start and warns in office hours; a record nobody acknowledges closes itself after the `auto_close` rule.
 */
import { describe, expect, it } from 'vitest';
import { isWithinWorkingHours } from '../../../domain/calendar/index.ts';
import { LEGACY_TIMER_PLAN, nextTimer as kindNextTimer } from '../../../domain/contact/timers.ts';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import {
  act,
  actors,
  AGENCY,
  endOf,
  fireAll,
  fireNextTimer,
  HOST,
  HOUR,
  inStatus,
  isoSlot,
  kind,
  nextTimer,
  open,
  SAMPLE_INPUT,
  slot,
  SLOT_MON,
  SLOT_THU,
  T0,
  view,
  vn,
} from './fixtures.ts';

const PLACE = 'Phòng họp tầng 2, Sở Y tế';
const accept = (index: number) => ({ slot: index, place: PLACE, hostId: HOST.id });
const LATER = endOf('2026-12-31');

describe('the meeting reminder', () => {
  it('goes at 07:30 of the working day before the meeting', () => {
    const scheduled = inStatus('scheduled'); // Thu 12 Mar 09:00, agreed Mon 9 Mar
    expect(nextTimer(scheduled)).toEqual({
      source: 'kind',
      at: vn('2026-03-11T07:30'),
      timer: 0,
      name: `meeting_reminder:0:${SLOT_THU.start}`,
    });
  });

  it('for a Monday meeting: the Friday before', () => {
    const t = act(open().state, actors.staff, 'accept', accept(1), T0 + HOUR);
    expect(t.state.meeting?.slot).toEqual(SLOT_MON);
    expect(nextTimer(t.state)?.at).toBe(vn('2026-03-13T07:30'));
  });

  it('skips the weekend and the holidays before the meeting', () => {
    // Tue 28 Apr 2026: Mon 27 is the Hùng Kings compensatory day, Sun 26 the holiday, Sat 25 a Saturday.
    const at = vn('2026-04-20T09:00');
    const meeting = slot('2026-04-28', '09:00', '10:00');
    const t = act(open({ at, slots: [meeting] }).state, actors.staff, 'accept', accept(0), at + HOUR);
    expect(nextTimer(t.state)?.at).toBe(vn('2026-04-24T07:30'));
    // Mon 4 May: 30 Apr – 1 May and the weekend before it → Wed 29 Apr.
    const may = slot('2026-05-04', '14:00', '15:00');
    const u = act(open({ at, slots: [may] }).state, actors.staff, 'accept', accept(0), at + HOUR);
    expect(nextTimer(u.state)?.at).toBe(vn('2026-04-29T07:30'));
  });

  it('tells the spokesperson, the head and the assignee, on the agency side only', () => {
    const scheduled = inStatus('scheduled');
    expect(fireNextTimer(scheduled, vn('2026-03-11T07:29'))).toBeUndefined();
    const reminded = fireNextTimer(scheduled, vn('2026-03-11T07:30'))!;
    expect(reminded.entry).toEqual({
      seq: scheduled.timeline.length + 1,
      at: vn('2026-03-11T07:30'),
      type: 'meeting_reminder',
      audience: 'agency',
      data: { slot: SLOT_THU, host: HOST },
    });
    expect(reminded.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['spokesperson', 'agency_head'] },
        type: 'meeting_reminder',
        text: expect.stringContaining(HOST.name) as string,
      },
      {
        recipient: { kind: 'person', sub: 's-1' },
        type: 'meeting_reminder',
        text: expect.any(String) as string,
      },
    ]);
    expect(reminded.state.firedTimers).toEqual([`meeting_reminder:0:${SLOT_THU.start}`]);
    expect(reminded.state.status).toBe('scheduled');
    // Once: the next timer is the record clock's warning, not the reminder again.
    expect(nextTimer(reminded.state)).toMatchObject({
      source: 'clock',
      event: { clock: 'record_result', kind: 'warning' },
    });
    // The journalist does not see it; the agency does.
    const now = vn('2026-03-11T08:00');
    expect(view(reminded.state, actors.reporter, now).timeline.map((e) => e.type)).not.toContain(
      'meeting_reminder',
    );
    expect(view(reminded.state, actors.staff, now).timeline.at(-1)?.type).toBe('meeting_reminder');
  });

  it('goes again after a reschedule, under a new name', () => {
    const scheduled = inStatus('scheduled');
    const first = fireNextTimer(scheduled, vn('2026-03-11T07:30'))!.state;
    const NEW = slot('2026-03-18', '09:00', '10:00');
    const moved = act(
      first,
      actors.reporter,
      'reschedule',
      { slots: [isoSlot(NEW)], reason: 'Bận.' },
      vn('2026-03-11T10:00'),
    );
    // While the agency considers the new times there is no meeting to remind of.
    expect(nextTimer(moved.state)).toMatchObject({ source: 'clock', event: { clock: 'first_response' } });
    const again = act(moved.state, actors.staff, 'accept', accept(0), vn('2026-03-11T11:00'));
    expect(nextTimer(again.state)).toEqual({
      source: 'kind',
      at: vn('2026-03-17T07:30'),
      timer: 0,
      name: `meeting_reminder:1:${NEW.start}`,
    });
    const second = fireNextTimer(again.state, vn('2026-03-17T07:30'))!;
    expect(second.entry).toMatchObject({ type: 'meeting_reminder', data: { slot: NEW } });
    expect(second.state.firedTimers).toEqual([
      `meeting_reminder:0:${SLOT_THU.start}`,
      `meeting_reminder:1:${NEW.start}`,
    ]);
  });

  it('a meeting agreed after the reminder’s time is reminded at once', () => {
    // Agreed Wed 11 Mar 10:00 for Thu 12 Mar 09:00: the reminder (Wed 07:30) is already due.
    const t = act(open().state, actors.staff, 'accept', accept(0), vn('2026-03-11T10:00'));
    expect(nextTimer(t.state)?.at).toBe(vn('2026-03-11T07:30'));
    expect(fireNextTimer(t.state, vn('2026-03-11T10:00'))?.entry.type).toBe('meeting_reminder');
  });

  it('none once cancelled, and none under the legacy plan', () => {
    const cancelled = act(
      inStatus('scheduled'),
      actors.reporter,
      'cancel',
      SAMPLE_INPUT.cancel,
      T0 + 5 * HOUR,
    );
    expect(nextTimer(cancelled.state)).toBeUndefined();
    expect(kindNextTimer(kind, inStatus('scheduled'), LEGACY_TIMER_PLAN)?.source).toBe('clock');
  });
});

describe('the response clock', () => {
  it('warns in office hours and escalates at the next office moment', () => {
    const fired = fireAll(open().state, LATER);
    expect(fired.map((t) => [t.entry.type, t.entry.data?.['scheduledFor']])).toEqual([
      // Due end of Wed 11 Mar; 4 h before is 19:59, sent at 17:00.
      ['warning', vn('2026-03-11T17:00')],
      ['overdue', endOf('2026-03-11')],
      // One working day of grace: end of Thu 12 → Fri 13 07:30.
      ['escalated', vn('2026-03-13T07:30')],
    ]);
  });
});

describe('the record clock', () => {
  it('counts from the meeting’s start and warns in office hours after it', () => {
    const scheduled = inStatus('scheduled');
    const clock = scheduled.clocks.record_result!;
    expect(clock.startedAt).toBe(SLOT_THU.start);
    expect(dueAt(clock, scheduled.calendar)).toBe(endOf('2026-03-16'));
    const afterReminder = fireNextTimer(scheduled, vn('2026-03-11T07:30'))!.state;
    const fired = fireAll(afterReminder, LATER);
    expect(fired.map((t) => [t.entry.type, t.entry.data?.['clock'], t.entry.data?.['scheduledFor']])).toEqual(
      [
        ['warning', 'record_result', vn('2026-03-16T17:00')],
        ['overdue', 'record_result', endOf('2026-03-16')],
        // Two working days of grace: end of Wed 18 → Thu 19 07:30.
        ['escalated', 'record_result', vn('2026-03-19T07:30')],
      ],
    );
    for (const t of fired.filter((f) => f.entry.type !== 'overdue'))
      expect(isWithinWorkingHours(scheduled.calendar, t.entry.data?.['scheduledFor'] as number)).toBe(true);
  });

  it('stops when the result is recorded', () => {
    const completed = inStatus('completed');
    expect(completed.clocks.record_result?.stoppedAt).toBe(completed.result?.recordedAt);
  });
});

describe('auto close after the result', () => {
  // Recorded Thu 12 Mar 10:00; ten working days later is Thu 26 Mar.
  const AUTO_CLOSE = endOf('2026-03-26');

  it.each(['completed', 'not_held'] as const)('a %s record nobody acknowledges closes itself', (status) => {
    const state = inStatus(status);
    expect(nextTimer(state)).toEqual({
      source: 'kind',
      at: AUTO_CLOSE,
      timer: 1,
      name: `auto_close:${state.result!.recordedAt}`,
    });
    expect(fireNextTimer(state, AUTO_CLOSE - 1)).toBeUndefined();
    const closed = fireNextTimer(state, AUTO_CLOSE)!;
    expect(closed.state.status).toBe('closed');
    expect(closed.entry).toMatchObject({ type: 'auto_closed', at: AUTO_CLOSE });
    expect(closed.notifications).toEqual([
      { recipient: { kind: 'person', sub: 'j-1' }, type: 'auto_closed', text: expect.any(String) as string },
    ]);
    expect(nextTimer(closed.state)).toBeUndefined();
  });

  it('an acknowledged record never fires it', () => {
    const closed = inStatus('closed');
    expect(nextTimer(closed)).toBeUndefined();
    expect(fireNextTimer(closed, LATER)).toBeUndefined();
  });

  it('none before the meeting is held', () => {
    const fired = fireAll(inStatus('scheduled'), LATER);
    expect(fired.map((t) => t.entry.type)).not.toContain('auto_closed');
    expect(fired.at(-1)?.state.status).toBe('scheduled');
  });
});
