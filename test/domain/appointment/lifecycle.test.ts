/**
 * The work appointment's lifecycle (issue 7 §3): propose, counter-propose, confirm or accept, reschedule by
 * either side, cancel, record the result once the meeting has begun, acknowledge; and the host from the
 * registry, not from the request.
 */
import { describe, expect, it } from 'vitest';
import { forwardedOpening } from '../../../domain/contact/forwarding.ts';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import {
  act,
  actors,
  AGENCY,
  endOf,
  HOST,
  HOUR,
  inStatus,
  isoSlot,
  kind,
  open,
  run,
  SAMPLE_INPUT,
  slot,
  SLOT_FRI,
  SLOT_MON,
  SLOT_THU,
  SLOT_TUE,
  T0,
  validate,
  view,
  vn,
} from './fixtures.ts';

const PLACE = 'Phòng họp tầng 2, Sở Y tế';
const journalist = { kind: 'person', sub: 'j-1' };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('opening', () => {
  it('puts the journalist’s slots on the table and starts the response clock', () => {
    const { state, entry, notifications } = open();
    expect(state).toMatchObject({
      status: 'submitted',
      kind: 'appointment',
      sequence: 0,
      proposal: { by: 'journalist', slots: [SLOT_THU, SLOT_MON], at: T0 },
    });
    expect(state.meeting).toBeUndefined();
    expect(Object.keys(state.clocks)).toEqual(['first_response']);
    // Two working days to answer: end of Wed 11 Mar.
    expect(dueAt(state.clocks.first_response!, state.calendar)).toBe(endOf('2026-03-11'));
    expect(Object.keys(state.rules ?? {}).sort()).toEqual(['auto_close', 'first_response', 'record_result']);
    expect(entry).toMatchObject({ seq: 1, type: 'submitted', data: { slots: [SLOT_THU, SLOT_MON] } });
    expect(notifications).toEqual([
      {
        recipient: {
          kind: 'agency_role',
          agencyId: AGENCY,
          roles: ['agency_staff', 'spokesperson', 'agency_head'],
        },
        type: 'new_appointment',
        text: expect.any(String) as string,
      },
    ]);
  });
});

describe('propose → propose_time → confirm → record_result → acknowledge', () => {
  const proposedAt = T0 + 2 * HOUR;
  const counter = act(open().state, actors.staff, 'propose_time', SAMPLE_INPUT.propose_time, proposedAt);
  const confirmed = act(counter.state, actors.reporter, 'confirm', { slot: 1 }, proposedAt + HOUR);
  const heldAt = SLOT_TUE.end + HOUR;
  const recorded = act(confirmed.state, actors.head, 'record_result', SAMPLE_INPUT.record_result, heldAt);
  const acknowledged = act(
    recorded.state,
    actors.reporter,
    'acknowledge',
    { note: 'Cảm ơn.' },
    heldAt + HOUR,
  );

  it('the agency counter-proposes: awaiting the journalist, its response clock stopped', () => {
    expect(counter.state.status).toBe('awaiting_journalist');
    expect(counter.state.proposal).toEqual({
      by: 'agency',
      slots: [SLOT_FRI, SLOT_TUE],
      place: PLACE,
      host: HOST,
      note: 'Lãnh đạo bận vào các ngày đề xuất.',
      at: proposedAt,
    });
    expect(counter.state.clocks.first_response?.stoppedAt).toBe(proposedAt);
    expect(counter.entry).toMatchObject({
      type: 'propose_time',
      data: { slots: [SLOT_FRI, SLOT_TUE], host: HOST },
    });
    expect(counter.notifications).toEqual([
      { recipient: journalist, type: 'time_proposed', text: expect.any(String) as string },
    ]);
  });

  it('the journalist confirms one of them: scheduled with the proposed place and host', () => {
    expect(confirmed.state.status).toBe('scheduled');
    expect(confirmed.state.meeting).toEqual({
      slot: SLOT_TUE,
      place: PLACE,
      host: HOST,
      agreedAt: proposedAt + HOUR,
    });
    expect(confirmed.state.sequence).toBe(0);
    expect(confirmed.entry.actor).toMatchObject({ sub: 'j-1', role: 'journalist' });
    // Nobody is assigned: the agency's staff are told.
    expect(confirmed.notifications[0]).toMatchObject({
      type: 'confirmed',
      recipient: { kind: 'agency_role' },
    });
    expect(view(confirmed.state, actors.reporter, proposedAt + HOUR)).toMatchObject({
      nextMeetingAt: SLOT_TUE.start,
      meeting: { slot: SLOT_TUE, host: HOST },
    });
  });

  it('the record clock runs from the meeting’s start, not from the agreement', () => {
    const clock = confirmed.state.clocks.record_result!;
    expect(clock.startedAt).toBe(SLOT_TUE.start);
    // Two working days after Tue 17 Mar: end of Thu 19 Mar.
    expect(dueAt(clock, confirmed.state.calendar)).toBe(endOf('2026-03-19'));
  });

  it('the result is recorded after the meeting: completed, clocks stopped, the journalist told', () => {
    expect(recorded.state.status).toBe('completed');
    expect(recorded.state.result).toEqual({
      held: true,
      reason: undefined,
      summary: 'Đã làm việc với lãnh đạo Sở.',
      informationProvided: 'Tiến độ đạt 70%, vốn ngân sách tỉnh.',
      recordedAt: heldAt,
      recordedBy: { sub: 'h-1', name: 'Đỗ Thị F' },
    });
    expect(recorded.state.clocks.record_result?.stoppedAt).toBe(heldAt);
    expect(recorded.notifications).toEqual([
      { recipient: journalist, type: 'result_recorded', text: expect.any(String) as string },
    ]);
    expect(view(recorded.state, actors.reporter, heldAt).nextMeetingAt).toBeNull();
  });

  it('the journalist acknowledges: closed', () => {
    expect(acknowledged.state.status).toBe('closed');
    expect(acknowledged.entry).toMatchObject({ type: 'acknowledge', text: 'Cảm ơn.' });
    expect(acknowledged.state.timeline.map((e) => e.type)).toEqual([
      'submitted',
      'propose_time',
      'confirm',
      'record_result',
      'acknowledge',
    ]);
  });

  it('a meeting not held needs a reason, and ends not_held', () => {
    const input = { held: false, summary: 'Không làm việc.', informationProvided: 'Không có.' };
    const error = thrown(() => validate(confirmed.state, actors.head, 'record_result', input, heldAt));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).details['issues']).toEqual([
      { path: 'reason', message: 'say why the meeting was not held' },
    ]);
    const notHeld = act(confirmed.state, actors.head, 'record_result', { ...input, reason: 'Ốm.' }, heldAt);
    expect(notHeld.state.status).toBe('not_held');
    expect(notHeld.state.result?.reason).toBe('Ốm.');
  });

  it('confirm picks only an offered, future slot', () => {
    const state = counter.state;
    const other = isoSlot(slot('2026-03-18', '09:00', '10:00'));
    expect(
      thrown(() => validate(state, actors.reporter, 'confirm', { slot: other }, proposedAt + HOUR)),
    ).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'slot', message: 'not one of the proposed times' }] },
    });
    expect(
      thrown(() => validate(state, actors.reporter, 'confirm', { slot: 4 }, proposedAt + HOUR)),
    ).toBeInstanceOf(InvalidInputError);
    expect(
      thrown(() => validate(state, actors.reporter, 'confirm', { slot: 0 }, SLOT_FRI.start)),
    ).toMatchObject({
      details: { issues: [{ path: 'slot', message: 'in the past' }] },
    });
    // The slot itself, as ISO text, names it as well as its index.
    const bySlot = act(state, actors.reporter, 'confirm', { slot: isoSlot(SLOT_FRI) }, proposedAt + HOUR);
    expect(bySlot.state.meeting?.slot).toEqual(SLOT_FRI);
  });
});

describe('accept of a journalist’s slot', () => {
  it('schedules it with the place and the registry’s host', () => {
    const at = T0 + HOUR;
    const t = act(open().state, actors.staff, 'accept', { slot: 1, place: PLACE, hostId: HOST.id }, at);
    expect(t.state.status).toBe('scheduled');
    expect(t.state.meeting).toEqual({ slot: SLOT_MON, place: PLACE, host: HOST, agreedAt: at });
    expect(t.state.clocks.first_response?.stoppedAt).toBe(at);
    expect(t.state.clocks.record_result?.startedAt).toBe(SLOT_MON.start);
    expect(t.entry.data).toEqual({ slot: SLOT_MON, place: PLACE, host: HOST });
    expect(t.notifications).toEqual([
      { recipient: journalist, type: 'accepted', text: expect.any(String) as string },
    ]);
  });

  it('takes the slot as ISO text too', () => {
    const t = act(
      open().state,
      actors.staff,
      'accept',
      { slot: isoSlot(SLOT_THU), place: PLACE, hostId: HOST.id },
      T0 + HOUR,
    );
    expect(t.state.meeting?.slot).toEqual(SLOT_THU);
  });

  it('is refused without the registry’s host, for a slot not proposed, or one already past', () => {
    const state = open().state;
    expect(
      thrown(() =>
        validate(state, actors.staff, 'accept', { slot: 0, place: PLACE, hostId: 'nobody' }, T0 + HOUR),
      ),
    ).toMatchObject({ code: 'invalid_input', details: { issues: [{ path: 'host' }] } });
    expect(
      thrown(() =>
        validate(state, actors.staff, 'accept', { slot: 2, place: PLACE, hostId: HOST.id }, T0 + HOUR),
      ),
    ).toMatchObject({ details: { issues: [{ path: 'slot', message: 'not one of the proposed times' }] } });
    expect(
      thrown(() =>
        validate(state, actors.staff, 'accept', { slot: 0, place: PLACE, hostId: HOST.id }, SLOT_THU.start),
      ),
    ).toMatchObject({ details: { issues: [{ path: 'slot', message: 'in the past' }] } });
  });

  it('propose_time checks the agency’s slots against the calendar', () => {
    const saturday = isoSlot(slot('2026-03-14', '09:00', '10:00'));
    const error = thrown(() =>
      validate(
        open().state,
        actors.staff,
        'propose_time',
        { ...(SAMPLE_INPUT.propose_time as object), slots: [saturday] },
        T0 + HOUR,
      ),
    );
    expect(error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'slots.0.start', message: '2026-03-14 is not a working day' }] },
    });
  });
});

describe('reschedule', () => {
  const scheduled = inStatus('scheduled'); // SLOT_THU, assigned to staff, agreed Mon 9 Mar 11:00
  const at = scheduled.updatedAt + HOUR;
  const NEW = slot('2026-03-18', '09:00', '10:00');

  it('by the journalist: back to submitted, the response clock starts again, the version rises', () => {
    const t = act(scheduled, actors.reporter, 'reschedule', SAMPLE_INPUT.reschedule, at);
    expect(t.state.status).toBe('submitted');
    expect(t.state.sequence).toBe(1);
    expect(t.state.meeting).toBeUndefined();
    expect(t.state.proposal).toEqual({ by: 'journalist', slots: [NEW], reason: 'Có việc đột xuất.', at });
    expect(t.state.clocks.first_response).toMatchObject({ startedAt: at, warned: false, escalationLevel: 0 });
    expect(t.state.clocks.first_response?.stoppedAt).toBeUndefined();
    expect(dueAt(t.state.clocks.first_response!, t.state.calendar)).toBe(endOf('2026-03-11'));
    expect(t.state.clocks.record_result).toBeUndefined();
    expect(t.entry).toMatchObject({
      actor: { role: 'journalist' },
      data: { slots: [NEW], previous: SLOT_THU, sequence: 1 },
    });
    // The assignee is told.
    expect(t.notifications).toEqual([
      { recipient: { kind: 'person', sub: 's-1' }, type: 'rescheduled', text: expect.any(String) as string },
    ]);
    // The agency takes one of the new slots with accept: scheduled again, same version.
    const again = act(t.state, actors.staff, 'accept', { slot: 0, place: PLACE, hostId: HOST.id }, at + HOUR);
    expect(again.state).toMatchObject({ status: 'scheduled', sequence: 1, meeting: { slot: NEW } });
    expect(again.state.clocks.record_result?.startedAt).toBe(NEW.start);
  });

  it('by the agency: awaiting the journalist, with the meeting’s place and host', () => {
    const t = act(scheduled, actors.spokesperson, 'reschedule', SAMPLE_INPUT.reschedule, at);
    expect(t.state.status).toBe('awaiting_journalist');
    expect(t.state.sequence).toBe(1);
    expect(t.state.proposal).toMatchObject({ by: 'agency', slots: [NEW], place: PLACE, host: HOST });
    expect(t.state.clocks.record_result).toBeUndefined();
    expect(t.entry.actor).toMatchObject({ sub: 'sp-1', role: 'spokesperson' });
    expect(t.notifications).toEqual([
      { recipient: journalist, type: 'rescheduled', text: expect.any(String) as string },
    ]);
    // The journalist takes it with confirm: scheduled at the same place with the same host.
    const again = act(t.state, actors.reporter, 'confirm', { slot: 0 }, at + HOUR);
    expect(again.state).toMatchObject({
      status: 'scheduled',
      sequence: 1,
      meeting: { slot: NEW, place: PLACE, host: HOST },
    });
    // Each reschedule of an agreed meeting raises the version again.
    const third = act(again.state, actors.reporter, 'reschedule', SAMPLE_INPUT.reschedule, at + 2 * HOUR);
    expect(third.state.sequence).toBe(2);
  });

  it('checks the new slots against the calendar', () => {
    const input = { slots: [isoSlot(slot('2026-04-27', '09:00', '10:00'))], reason: 'Đổi lịch.' };
    expect(thrown(() => validate(scheduled, actors.reporter, 'reschedule', input, at))).toMatchObject({
      details: { issues: [{ path: 'slots.0.start', message: '2026-04-27 is not a working day' }] },
    });
  });
});

describe('cancel', () => {
  it('after scheduling: cancelled, the version rises, the meeting is kept for the calendars', () => {
    const scheduled = inStatus('scheduled');
    const at = scheduled.updatedAt + HOUR;
    const t = act(scheduled, actors.reporter, 'cancel', SAMPLE_INPUT.cancel, at);
    expect(t.state.status).toBe('cancelled');
    expect(t.state.sequence).toBe(scheduled.sequence + 1);
    expect(t.state.meeting).toEqual(scheduled.meeting);
    expect(t.state.cancellation).toEqual({
      reason: 'Không còn cần thiết.',
      by: { sub: 'j-1', name: 'Nguyễn Văn A' },
      at,
    });
    expect(t.state.clocks.record_result?.stoppedAt).toBe(at);
    expect(t.notifications).toEqual([
      { recipient: { kind: 'person', sub: 's-1' }, type: 'cancelled', text: expect.any(String) as string },
    ]);
    expect(view(t.state, actors.reporter, at)).toMatchObject({ nextMeetingAt: null, sequence: 1 });
  });

  it('by the agency tells the journalist; before any meeting the version stays', () => {
    const t = act(open().state, actors.head, 'cancel', SAMPLE_INPUT.cancel, T0 + HOUR);
    expect(t.state.status).toBe('cancelled');
    expect(t.state.sequence).toBe(0);
    expect(t.state.clocks.first_response?.stoppedAt).toBe(T0 + HOUR);
    expect(t.notifications).toEqual([
      { recipient: journalist, type: 'cancelled', text: expect.any(String) as string },
    ]);
  });
});

describe('decline, forward, withdraw', () => {
  it('decline records a Press Law ground', () => {
    const t = run([{ actor: 'head', action: 'decline' }]);
    expect(t.state).toMatchObject({
      status: 'declined',
      decline: { ground: 'under_investigation', explanation: 'Dự án đang được thanh tra.' },
    });
  });

  it('forward links to the contact opened at the competent agency, with the journalist’s slots', () => {
    const { state, now } = run([{ actor: 'staff', action: 'forward' }]);
    expect(state.status).toBe('forwarded');
    expect(state.forwardedTo).toEqual({
      agencyId: 'so-tai-chinh-hn',
      contactId: 'LV-2026-0001-F',
      note: 'Thuộc thẩm quyền Sở Tài chính.',
    });
    const opening = forwardedOpening(kind, state, { id: 'so-tai-chinh-hn', provinceId: 'ha-noi' }, now);
    const reopened = kind.openContact(opening as Parameters<typeof kind.openContact>[0]);
    expect(reopened.state).toMatchObject({
      contactId: 'LV-2026-0001-F',
      agencyId: 'so-tai-chinh-hn',
      status: 'submitted',
      proposal: { by: 'journalist', slots: [SLOT_THU, SLOT_MON] },
      forwardedFrom: { agencyId: AGENCY, contactId: 'LV-2026-0001' },
    });
    expect(reopened.state.clocks.first_response?.startedAt).toBe(now);
    expect(reopened.notifications[0]?.type).toBe('forwarded_in');
  });

  it('forward refuses the contact’s own agency', () => {
    const own = { toAgencyId: AGENCY, note: 'Thuộc thẩm quyền.' };
    expect(thrown(() => validate(open().state, actors.staff, 'forward', own, T0 + HOUR))).toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('withdraw while the journalist considers a counter-proposal', () => {
    const { state } = run([
      { actor: 'staff', action: 'propose_time' },
      { actor: 'reporter', action: 'withdraw' },
    ]);
    expect(state.status).toBe('withdrawn');
    expect(state.clocks.first_response?.stoppedAt).toBeDefined();
  });
});

describe('extend', () => {
  it('moves the record clock once the meeting is agreed when asked by name', () => {
    const scheduled = inStatus('scheduled');
    const before = dueAt(scheduled.clocks.record_result!, scheduled.calendar);
    expect(before).toBe(endOf('2026-03-16'));
    const input = {
      clock: 'record_result',
      span: { unit: 'working_days', amount: 1 },
      reason: 'Chờ số liệu.',
    };
    const t = act(scheduled, actors.supervisor, 'extend', input, scheduled.updatedAt + HOUR);
    expect(dueAt(t.state.clocks.record_result!, t.state.calendar)).toBe(endOf('2026-03-17'));
  });

  it('defaults to the response clock while the proposal waits', () => {
    const state = open().state;
    const t = act(state, actors.head, 'extend', SAMPLE_INPUT.extend, T0 + HOUR);
    expect(t.entry.data?.['dueMoved']).toMatchObject({
      clock: 'first_response',
      from: endOf('2026-03-11'),
      to: endOf('2026-03-12'),
    });
  });
});

describe('the view', () => {
  it('shows the appointment’s own fields', () => {
    const state = inStatus('scheduled');
    expect(view(state, actors.reporter, state.updatedAt)).toMatchObject({
      kind: 'appointment',
      format: 'in_person',
      participants: 'Giám đốc Sở Y tế',
      sequence: 0,
      result: null,
      cancellation: null,
      nextMeetingAt: SLOT_THU.start,
      proposal: { by: 'journalist', place: null, host: null, note: null, reason: null },
    });
    expect(vn('2026-03-12T09:00')).toBe(SLOT_THU.start);
  });
});
