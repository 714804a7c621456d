// Work appointments through the HTTP API on real Temporal and a real database: a journalist without
// residency proposes, the agency counter-proposes with a host from the registry, the journalist confirms;
// reschedule, cancel, the .ics, forwarding to the competent agency, and the registry checks of section 1.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor.ts';
import type { AppointmentView, ContactView, InformationRequestView } from '../../domain/contact/views.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { slot, workingDayAhead } from '../support/slots.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const NON_RESIDENT = USERS.otherReporter;
const AGENCY = 'qt-so-yte';
const HOST = 'sp-qt-yte';
let keys = 0;

async function propose(overrides: Record<string, unknown> = {}) {
  keys += 1;
  return h.call('POST', '/contacts', {
    as: NON_RESIDENT,
    headers: { 'idempotency-key': `appt-${Date.now()}-${keys}` },
    body: {
      kind: 'appointment',
      agencyId: AGENCY,
      subject: 'Phỏng vấn về tiêm chủng mở rộng',
      questions: 'Tỷ lệ tiêm chủng của tỉnh năm 2026 là bao nhiêu? Kế hoạch năm tới thế nào?',
      format: 'in_person',
      proposedSlots: [slot(workingDayAhead(3), '09:00'), slot(workingDayAhead(4), '14:00')],
      participants: 'Giám đốc Sở Y tế',
      ...overrides,
    },
  });
}

async function clockRows(contactId: string) {
  return h.orm.em.fork().execute<
    {
      clock: string;
      outcome: string | null;
      started_at: string | Date;
      working_days_taken: number | null;
    }[]
  >('select clock, outcome, started_at, working_days_taken from contact_clock where contact_id = ? order by clock', [contactId]);
}

async function act<T extends ContactView = AppointmentView>(
  id: string,
  as: string,
  action: string,
  body = {},
) {
  return expectJson<T>(await h.call('POST', `/contacts/${id}/actions/${action}`, { as, body }), 200);
}

describe('work appointment', () => {
  it('a journalist without residency proposes; the agency counter-proposes; the journalist confirms', async () => {
    const created = await expectJson<AppointmentView>(await propose(), 201);
    expect(created).toMatchObject({ kind: 'appointment', status: 'submitted', sequence: 0 });
    expect(created.id).toMatch(/^LV-/);
    expect(created.proposal.slots).toHaveLength(2);
    expect(created.clocks.map((c) => c.name)).toEqual(['first_response']);

    const inbox = await expectJson<{ items: { id: string; kind: string }[] }>(
      await h.call('GET', '/contacts?kind=appointment', { as: USERS.clerk }),
      200,
    );
    expect(inbox.items.map((i) => i.id)).toContain(created.id);
    const asClerk = await expectJson<AppointmentView>(
      await h.call('GET', `/contacts/${created.id}`, { as: USERS.clerk }),
      200,
    );
    expect(asClerk.allowedActions).toEqual(
      expect.arrayContaining(['assign', 'accept', 'propose_time', 'forward', 'cancel']),
    );

    const other = [slot(workingDayAhead(5), '08:30'), slot(workingDayAhead(6), '10:00')];
    const proposed = await act(created.id, USERS.clerk, 'propose_time', {
      slots: other,
      place: 'Phòng họp tầng 2, Sở Y tế',
      hostId: HOST,
      note: 'Giám đốc bận hai ngày đầu.',
    });
    expect(proposed.status).toBe('awaiting_journalist');
    expect(proposed.proposal).toMatchObject({ by: 'agency', place: 'Phòng họp tầng 2, Sở Y tế' });
    expect(proposed.proposal.host?.id).toBe(HOST);

    const confirmed = await act(created.id, NON_RESIDENT, 'confirm', { slot: 1 });
    expect(confirmed.status).toBe('scheduled');
    expect(confirmed.meeting?.slot.start).toBe(Date.parse(other[1]!.start));
    expect(confirmed.nextMeetingAt).toBe(Date.parse(other[1]!.start));
    // The meeting has not begun: no result can be recorded yet.
    expect(confirmed.allowedActions).not.toContain('record_result');
    const early = await h.call('POST', `/contacts/${created.id}/actions/record_result`, {
      as: USERS.clerk,
      body: { held: true, summary: 'Đã làm việc.', informationProvided: 'Số liệu tiêm chủng.' },
    });
    await expectProblem(early, 409, 'action_not_allowed');

    // The clock read model follows in the projection's transaction: the response clock met, the record clock
    // counting from the meeting's start.
    const clocks = await clockRows(created.id);
    expect(clocks.map((c) => [c.clock, c.outcome, c.working_days_taken])).toEqual([
      ['first_response', 'met', 0],
      ['record_result', null, null],
    ]);
    expect(new Date(clocks[1]!.started_at).getTime()).toBe(Date.parse(other[1]!.start));

    const ics = await h.call('GET', `/contacts/${created.id}/calendar.ics`, { as: NON_RESIDENT });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh');
    const event = new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${created.id}@press-liaison`);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);

    const list = await expectJson<{ items: { id: string; nextMeetingAt: number | null }[] }>(
      await h.call('GET', '/contacts?kind=appointment', { as: NON_RESIDENT }),
      200,
    );
    expect(list.items.find((i) => i.id === created.id)?.nextMeetingAt).toBe(Date.parse(other[1]!.start));

    // The journalist reschedules: the agency must answer again; the calendar's SEQUENCE rises.
    const moved = await act(created.id, NON_RESIDENT, 'reschedule', {
      slots: [slot(workingDayAhead(7), '15:00')],
      reason: 'Tôi có lịch công tác đột xuất.',
    });
    expect(moved).toMatchObject({ status: 'submitted', sequence: 1, meeting: null });
    // The meeting no longer holds: its record clock leaves the read model; the response clock runs again.
    expect((await clockRows(created.id)).map((c) => [c.clock, c.outcome])).toEqual([
      ['first_response', null],
    ]);
    const accepted = await act(created.id, USERS.clerk, 'accept', {
      slot: 0,
      place: 'Phòng họp tầng 2, Sở Y tế',
      hostId: HOST,
    });
    expect(accepted).toMatchObject({ status: 'scheduled', sequence: 1 });
    const cancelled = await act(created.id, USERS.clerk, 'cancel', {
      reason: 'Lãnh đạo đi công tác đột xuất.',
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 2 });
    const after = await h.call('GET', `/contacts/${created.id}/calendar.ics`, { as: NON_RESIDENT });
    expect(await after.text()).toContain('STATUS:CANCELLED');
  });

  it('refuses bad proposals with a clear 422', async () => {
    const saturday = (() => {
      for (let n = 1; ; n++) {
        const d = new Date(Date.now() + n * 86_400_000 + 7 * 3_600_000);
        if (d.getUTCDay() === 0) return d.toISOString().slice(0, 10);
      }
    })();
    const bad = [
      { proposedSlots: [] },
      { proposedSlots: Array.from({ length: 6 }, (_, i) => slot(workingDayAhead(3 + i), '09:00')) },
      { proposedSlots: [slot('2020-03-02', '09:00')] },
      { proposedSlots: [slot(saturday, '09:00')] },
      { proposedSlots: [slot(workingDayAhead(3), '19:00')] },
      { proposedSlots: [{ start: '2026-13-01T09:00', end: '2026-13-01T10:00' }] },
      { format: 'carrier_pigeon' },
      { questions: 'ngắn' },
    ];
    for (const body of bad) {
      const response = await propose(body);
      expect([400, 422], JSON.stringify(body)).toContain(response.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('takes the people to meet one per line, as the form sends them', async () => {
    const created = await expectJson<AppointmentView>(
      await propose({ participants: 'Giám đốc Sở Y tế\r\nTrưởng phòng Nghiệp vụ Y' }),
      201,
    );
    expect(created.participants).toBe('Giám đốc Sở Y tế\nTrưởng phòng Nghiệp vụ Y');
  });

  it('needs a host from the agency’s current spokespersons', async () => {
    const created = await expectJson<AppointmentView>(await propose(), 201);
    const wrong = await h.call('POST', `/contacts/${created.id}/actions/accept`, {
      as: USERS.clerk,
      body: { slot: 0, place: 'Phòng họp', hostId: 'sp-qt-xd' },
    });
    await expectProblem(wrong, 422, 'unknown_host');
    const madeUp = await h.call('POST', `/contacts/${created.id}/actions/accept`, {
      as: USERS.clerk,
      body: { slot: 0, place: 'Phòng họp', hostId: 'nobody' },
    });
    await expectProblem(madeUp, 422, 'unknown_host');
    const foreign = await h.call('POST', `/contacts/${created.id}/actions/accept`, {
      as: USERS.foreignClerk,
      body: { slot: 0, place: 'Phòng họp', hostId: HOST },
    });
    expect(foreign.status).toBe(404);
  });
});

describe('slots beyond the years the working-day calendar covers', () => {
  // Before the fix a slot in 2200 answered 500 at creation (the slot check looked the day up in a year the
  // calendar cannot derive: a RangeError), and the same slot in `propose_time` or `reschedule` failed the
  // workflow's Update validator with an error the API did not recognise (500 again). Now each is a 422.
  const far = { start: '2200-03-06T09:00:00+07:00', end: '2200-03-06T10:00:00+07:00' };
  const journalist: Actor = { sub: NON_RESIDENT, name: 'Trần Thị Bình', roles: ['journalist'] };

  it('refuses them with 422 when proposing, counter-proposing and rescheduling', async () => {
    const refused = await expectProblem(await propose({ proposedSlots: [far] }), 422);
    expect(refused.issues?.map((i) => i.path)).toContain('proposedSlots.0.start');

    const created = await expectJson<AppointmentView>(await propose(), 201);
    const counter = { slots: [far], place: 'Phòng họp tầng 2', hostId: HOST };
    await expectProblem(
      await h.call('POST', `/contacts/${created.id}/actions/propose_time`, {
        as: USERS.clerk,
        body: counter,
      }),
      422,
    );
    await act(created.id, USERS.clerk, 'propose_time', {
      ...counter,
      slots: [slot(workingDayAhead(5), '09:00')],
    });
    const reschedule = { slots: [far], reason: 'Tôi đổi lịch.' };
    await expectProblem(
      await h.call('POST', `/contacts/${created.id}/actions/reschedule`, {
        as: NON_RESIDENT,
        body: reschedule,
      }),
      422,
    );
    // The workflow's own validator refuses it as invalid input too, for a caller that skips the API's checks.
    const direct = await h.workflows
      .act(created.id, 'reschedule', journalist, reschedule, {})
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(InvalidInputError);
    expect((direct as InvalidInputError).details['issues']).toEqual([
      expect.objectContaining({ path: 'slots.0.start' }),
    ]);
    const still = await expectJson<AppointmentView>(
      await h.call('GET', `/contacts/${created.id}`, { as: NON_RESIDENT }),
      200,
    );
    expect(still.status).toBe('awaiting_journalist');
  });

  it('refuses them at the API also where any hour is office time (OFFICE_HOURS=always)', async () => {
    // There the slot check never asks the calendar about a slot's day (and, for replays, still takes what it
    // took before): the API's own check refuses a far-off slot, which the workflow could not schedule.
    const app = h.appWith({ officeHours: 'always' });
    const call = async (path: string, as: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(`/api/v1${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await h.tokenFor(as)}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
      });
    const opening = {
      kind: 'appointment',
      agencyId: AGENCY,
      subject: 'Phỏng vấn ngoài giờ',
      questions: 'Tỷ lệ tiêm chủng của tỉnh năm 2026 là bao nhiêu? Kế hoạch năm tới thế nào?',
      format: 'in_person',
    };
    const refused = await expectProblem(
      await call(
        '/contacts',
        NON_RESIDENT,
        { ...opening, proposedSlots: [far] },
        { 'idempotency-key': `far-${Date.now()}` },
      ),
      422,
    );
    expect(refused.issues?.map((i) => i.path)).toEqual(['proposedSlots.0.start']);
    const created = await expectJson<AppointmentView>(
      await call(
        '/contacts',
        NON_RESIDENT,
        { ...opening, proposedSlots: [slot(workingDayAhead(3), '09:00')] },
        { 'idempotency-key': `near-${Date.now()}` },
      ),
      201,
    );
    const counter = await expectProblem(
      await call(`/contacts/${created.id}/actions/propose_time`, USERS.clerk, {
        slots: [far],
        place: 'Phòng họp tầng 2',
        hostId: HOST,
      }),
      422,
    );
    expect(counter.issues?.map((i) => i.path)).toEqual(['slots.0.start']);
  });
});

describe('assignment takes the assignee from the registry (issue 7, defect 2)', () => {
  it('refuses a person of another agency or a made-up one, and names the assignee as the registry does', async () => {
    const request = await openRequest(h);
    for (const assigneeSub of ['xd-van-thu', 'someone-made-up']) {
      const refused = await h.call('POST', `/contacts/${request.id}/actions/assign`, {
        as: USERS.clerk,
        body: { assigneeSub, assigneeName: 'Tên bịa' },
      });
      await expectProblem(refused, 422, 'unknown_assignee');
    }
    const assigned = await act<InformationRequestView>(request.id, USERS.clerk, 'assign', {
      assigneeSub: USERS.officer,
      assigneeName: 'Tên bịa',
    });
    expect(assigned.assignee).toEqual({ sub: USERS.officer, name: 'Phạm Văn Dũng' });
  });
});

describe('forwarding (issue 7, section 4)', () => {
  it('refuses an agency that does not exist and keeps the request open', async () => {
    const request = await openRequest(h);
    const refused = await h.call('POST', `/contacts/${request.id}/actions/forward`, {
      as: USERS.clerk,
      body: { toAgencyId: 'no-such-agency', note: 'Không thuộc thẩm quyền.' },
    });
    await expectProblem(refused, 422, 'unknown_agency');
    const still = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${request.id}`, { as: USERS.clerk }),
      200,
    );
    expect(still.status).toBe('submitted');
  });

  it('opens the contact at the competent agency, linked both ways, in its inbox at once', async () => {
    const created = await expectJson<AppointmentView>(await propose(), 201);
    const forwarded = await act(created.id, USERS.clerk, 'forward', {
      toAgencyId: 'qt-so-xay-dung',
      note: 'Nội dung thuộc Sở Xây dựng.',
    });
    expect(forwarded.status).toBe('forwarded');
    const newId = forwarded.forwardedTo?.contactId;
    expect(newId).toBe(`${created.id}-F`);
    const arrived = await (async () => {
      for (let i = 0; i < 100; i++) {
        const r = await h.call('GET', `/contacts/${newId}`, { as: USERS.foreignClerk });
        if (r.status === 200) return (await r.json()) as AppointmentView;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the forwarded contact never arrived');
    })();
    expect(arrived).toMatchObject({
      kind: 'appointment',
      agencyId: 'qt-so-xay-dung',
      status: 'submitted',
      forwardedFrom: { agencyId: AGENCY, contactId: created.id },
      questions: created.questions,
    });
    expect(arrived.clocks.map((c) => c.name)).toEqual(['first_response']);
    const inbox = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/contacts', { as: USERS.foreignClerk }),
      200,
    );
    expect(inbox.items.map((i) => i.id)).toContain(newId);
    // The journalist sees both, and was told.
    const mine = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/contacts?kind=appointment', { as: NON_RESIDENT }),
      200,
    );
    expect(mine.items.map((i) => i.id)).toEqual(expect.arrayContaining([created.id, newId]));
  });
});
