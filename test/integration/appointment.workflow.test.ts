// The appointment workflow on a real Temporal dev server with short rules: the agency's response clock and its
// ladder, the host's reminder, the meeting's record clock from its start, the result, the acknowledgement,
// and the automatic close. Office hours are `always` so a meeting can begin seconds after it is agreed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppointmentView } from '../../domain/contact/views.ts';
import { eventually, expectJson, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { durationRule, PROVINCE_RULES } from '../support/rules.ts';
import { recordHistory } from '../support/histories.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ officeHours: 'always' });
});
afterAll(async () => h?.close());

const JOURNALIST = USERS.otherReporter;
const HOST = 'sp-qt-yte';
const iso = (ms: number) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
const slotIn = (seconds: number, minutes = 30) => {
  const start = Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000;
  return { start: iso(start), end: iso(start + minutes * 60_000) };
};
const rule = (clock: string, span: string, warn?: string, grace?: string) =>
  durationRule('appointment', clock, span, warn, grace);
const read = (id: string, as: string = USERS.clerk) =>
  h.call('GET', `/contacts/${id}`, { as }).then((r) => expectJson<AppointmentView>(r, 200));
const act = (id: string, as: string, action: string, body: unknown = {}) =>
  h
    .call('POST', `/contacts/${id}/actions/${action}`, { as, body })
    .then((r) => expectJson<AppointmentView>(r, 200));
let keys = 0;
async function propose(slots: { start: string; end: string }[]) {
  keys += 1;
  return expectJson<AppointmentView>(
    await h.call('POST', '/contacts', {
      as: JOURNALIST,
      headers: { 'idempotency-key': `appt-wf-${Date.now()}-${keys}` },
      body: {
        kind: 'appointment',
        agencyId: 'qt-so-yte',
        subject: 'Làm việc về dự án bệnh viện',
        questions: 'Tiến độ giải ngân dự án bệnh viện tỉnh đến nay ra sao?',
        format: 'in_person',
        proposedSlots: slots,
      },
    }),
    201,
  );
}
async function useRules(items: unknown[]) {
  await expectJson(await h.call('PUT', PROVINCE_RULES, { as: USERS.admin, body: { items } }), 200);
}
const types = (v: AppointmentView) => v.timeline.map((e) => e.type);

describe('appointmentWorkflow', () => {
  it('an unanswered proposal warns, goes overdue and escalates', async () => {
    await useRules([rule('first_response', 'PT2S')]);
    const c = await propose([slotIn(3600)]);
    const escalated = await eventually(
      () => read(c.id),
      (v) => v.escalationLevel === 2,
    );
    expect(types(escalated)).toEqual(['submitted', 'warning', 'overdue', 'escalated']);
    expect(escalated.timeline.slice(1).map((e) => e.data?.['clock'])).toEqual([
      'first_response',
      'first_response',
      'first_response',
    ]);
    await recordHistory(h.client, c.id, 'appointment-escalation');
  });

  it('holds the meeting: reminder, record clock from the start, result, acknowledgement, automatic close', async () => {
    await useRules([
      rule('first_response', 'PT1H', 'PT10M', 'PT1H'),
      rule('record_result', 'PT1H', 'PT10M', 'PT1H'),
      rule('auto_close', 'PT3S'),
    ]);
    const c = await propose([slotIn(3600)]);
    await act(c.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    const meeting = slotIn(4);
    const proposed = await act(c.id, USERS.clerk, 'propose_time', {
      slots: [meeting],
      place: 'Phòng họp số 1',
      hostId: HOST,
    });
    expect(proposed.status).toBe('awaiting_journalist');
    const confirmed = await act(c.id, JOURNALIST, 'confirm', { slot: 0 });
    expect(confirmed.status).toBe('scheduled');
    expect(confirmed.clocks.map((x) => x.name).sort()).toEqual(['first_response', 'record_result']);
    // The reminder's working day before has already begun: it goes at once, to the agency side only.
    const reminded = await eventually(
      () => read(c.id),
      (v) => types(v).includes('meeting_reminder'),
    );
    expect(reminded.timeline.find((e) => e.type === 'meeting_reminder')?.audience).toBe('agency');
    expect(types(await read(c.id, JOURNALIST))).not.toContain('meeting_reminder');
    // Once the meeting has begun, its result can be recorded.
    const begun = await eventually(
      () => read(c.id),
      (v) => v.allowedActions.includes('record_result'),
      15_000,
    );
    expect(begun.status).toBe('scheduled');
    const recorded = await act(c.id, USERS.officer, 'record_result', {
      held: true,
      summary: 'Giám đốc Sở trả lời về tiến độ giải ngân.',
      informationProvided: 'Báo cáo giải ngân quý III.',
    });
    expect(recorded.status).toBe('completed');
    expect(recorded.clocks.every((x) => x.stoppedAt !== null)).toBe(true);
    // Nobody acknowledges: the record closes itself after the auto_close rule, and says so.
    const closed = await eventually(
      () => read(c.id, JOURNALIST),
      (v) => v.status === 'closed',
      15_000,
    );
    expect(types(closed).at(-1)).toBe('auto_closed');
    await recordHistory(h.client, c.id, 'appointment-lifecycle');
  });

  it('the journalist acknowledges a held meeting', async () => {
    await useRules([
      rule('first_response', 'PT1H', 'PT10M', 'PT1H'),
      rule('record_result', 'PT1H', 'PT10M', 'PT1H'),
    ]);
    const c = await propose([slotIn(3)]);
    await act(c.id, USERS.clerk, 'accept', { slot: 0, place: 'Trực tuyến', hostId: HOST });
    await eventually(
      () => read(c.id),
      (v) => v.allowedActions.includes('record_result'),
      15_000,
    );
    await act(c.id, USERS.clerk, 'record_result', {
      held: false,
      reason: 'Lãnh đạo họp đột xuất.',
      summary: 'Chưa làm việc được.',
      informationProvided: 'Không.',
    });
    const acknowledged = await act(c.id, JOURNALIST, 'acknowledge', { note: 'Đã rõ.' });
    expect(acknowledged.status).toBe('closed');
    expect(acknowledged.result).toMatchObject({ held: false, reason: 'Lãnh đạo họp đột xuất.' });
    const done = await h.client.workflow.getHandle(c.id).describe();
    await eventually(
      () => h.client.workflow.getHandle(c.id).describe(),
      (d) => d.status.name === 'COMPLETED',
    );
    expect(done.workflowId).toBe(c.id);
  });
});
