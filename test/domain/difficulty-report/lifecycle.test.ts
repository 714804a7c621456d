/**
 * A difficulty report's life: what each action changes, which clocks it starts and stops, and whom it tells
 * (in Vietnamese). Clock names follow `REPORT_CLOCKS`: acknowledge = first_response, resolve = answer, the
 * referred agency's response = record_result.
 */
import { describe, expect, it } from 'vitest';
import { dueAt, isRunning, type Clock } from '../../../domain/deadlines/clock.ts';
import { REPORT_CLOCKS } from '../../../domain/difficulty-report/index.ts';
import { InvalidInputError } from '../../../domain/errors.ts';
import {
  act,
  actors,
  AGENCY,
  DEPARTMENT,
  endOf,
  HOUR,
  inStatus,
  MINISTRY,
  open,
  OTHER_AGENCY,
  PROVINCE,
  ROADS,
  run,
  SAMPLE_INPUT,
  T0,
  validate,
} from './fixtures.ts';

const { acknowledge: ACK, resolve: RESOLVE, referral: REFERRAL } = REPORT_CLOCKS;
const SUBJECT = 'Sở Y tế không tiếp phóng viên';
const toReporter = { kind: 'person', sub: actors.reporter.sub };
const toSupervisors = { kind: 'province_supervisors', provinceId: PROVINCE };
/** `clock` (re)started at `at`, fresh (no warning, no escalation), and still running. */
function expectRunning(clock: Clock | undefined, at: number) {
  expect(clock).toMatchObject({ startedAt: at, escalationLevel: 0, warned: false });
  expect(isRunning(clock!)).toBe(true);
}
const toAgencyStaff = (agencyId: string) => ({
  kind: 'agency_role',
  agencyId,
  roles: ['agency_staff', 'spokesperson', 'agency_head'],
});

describe('opening a report', () => {
  it('goes to the department, names the agency involved, and starts the acknowledgement clock', () => {
    const { state, entry, notifications } = open();
    expect(state).toMatchObject({
      kind: 'difficulty_report',
      agencyId: DEPARTMENT,
      provinceId: PROVINCE,
      involvedAgencyId: AGENCY,
      relatedContactIds: ['LV-2026-0001'],
      referrals: [],
      status: 'submitted',
    });
    expect(Object.keys(state.clocks)).toEqual([ACK]);
    expectRunning(state.clocks[ACK], T0);
    // Two working days: Wed 11 Mar 2026.
    expect(dueAt(state.clocks[ACK]!, state.calendar)).toBe(endOf('2026-03-11'));
    expect(entry).toMatchObject({ seq: 1, type: 'submitted', actor: { sub: actors.reporter.sub } });
    expect(entry.data).toEqual({ involvedAgencyId: AGENCY, relatedContactIds: ['LV-2026-0001'] });
    expect(notifications).toEqual([
      {
        recipient: toSupervisors,
        type: 'new_difficulty_report',
        text: `Phản ánh khó khăn mới của nhà báo: ${SUBJECT}`,
      },
    ]);
  });

  it('keeps the rules of the clocks it starts later, and auto_close', () => {
    expect(Object.keys(open().state.rules ?? {}).sort()).toEqual([
      'answer',
      'auto_close',
      'first_response',
      'record_result',
    ]);
  });

  it('may name no agency and no related contacts', () => {
    const { state, entry } = open({ involvedAgencyId: undefined, relatedContactIds: undefined });
    expect(state.involvedAgencyId).toBeUndefined();
    expect(state.relatedContactIds).toEqual([]);
    expect(entry.data).toEqual({});
  });

  it('drops a link to itself and repeated links', () => {
    const { state } = open({ relatedContactIds: ['YC-1', 'KN-2026-0001', 'YC-1', 'LV-2'] });
    expect(state.relatedContactIds).toEqual(['YC-1', 'LV-2']);
  });

  it('starts no clock without a rule for it', () => {
    expect(open({ rules: {} }).state.clocks).toEqual({});
  });
});

describe('acknowledge_report', () => {
  it('stops the acknowledgement, starts the resolution, assigns the acknowledging officer, tells the journalist', () => {
    const at = T0 + 2 * HOUR;
    const t = act(open().state, actors.deptStaff, 'acknowledge_report', SAMPLE_INPUT.acknowledge_report, at);
    expect(t.state.status).toBe('under_review');
    expect(t.state.clocks[ACK]?.stoppedAt).toBe(at);
    expectRunning(t.state.clocks[RESOLVE], at);
    expect(t.state.assignee).toEqual({ sub: actors.deptStaff.sub, name: actors.deptStaff.name });
    expect(t.entry).toMatchObject({
      type: 'acknowledge_report',
      text: 'Sở đã nhận và sẽ làm việc với cơ quan liên quan.',
      actor: { sub: actors.deptStaff.sub, role: 'agency_staff' },
    });
    expect(t.notifications).toEqual([
      {
        recipient: toReporter,
        type: 'report_acknowledged',
        text: `Sở đã tiếp nhận phản ánh của bạn: ${SUBJECT}`,
      },
    ]);
  });

  it('taken by a supervisor, records the supervisor role; the note is optional', () => {
    const t = act(open().state, actors.supervisor, 'acknowledge_report', {}, T0 + HOUR);
    expect(t.entry.actor?.role).toBe('supervisor');
    expect(t.entry.text).toBeUndefined();
  });
});

describe('refer', () => {
  const underReview = inStatus('under_review');
  const at = underReview.updatedAt + HOUR;

  it('starts the agency’s own clock, keeps the department’s running, tells the agency and the journalist', () => {
    const t = act(underReview, actors.supervisor, 'refer', SAMPLE_INPUT.refer, at);
    expect(t.state.status).toBe('referred');
    expect(t.state.referrals).toEqual([
      {
        agencyId: AGENCY,
        agencyName: 'Sở Y tế',
        note: 'Đề nghị Sở Y tế làm rõ việc không tiếp phóng viên.',
        at,
        by: { sub: actors.supervisor.sub, name: actors.supervisor.name },
      },
    ]);
    expectRunning(t.state.clocks[REFERRAL], at);
    expect(t.state.clocks[RESOLVE]?.stoppedAt).toBeUndefined();
    expect(t.entry.data).toEqual({ toAgencyId: AGENCY, toAgencyName: 'Sở Y tế' });
    expect(t.notifications).toEqual([
      {
        recipient: toAgencyStaff(AGENCY),
        type: 'referred',
        text: `Sở đề nghị cơ quan xử lý phản ánh của nhà báo: ${SUBJECT}`,
      },
      {
        recipient: toReporter,
        type: 'referred',
        text: `Phản ánh đã được chuyển đến Sở Y tế để xử lý: ${SUBJECT}`,
      },
    ]);
  });

  it('may go to a central agency', () => {
    const t = act(
      underReview,
      actors.supervisor,
      'refer',
      { toAgencyId: MINISTRY, note: 'Thuộc thẩm quyền Bộ.' },
      at,
    );
    expect(t.state.referrals[0]?.agencyId).toBe(MINISTRY);
  });

  it.each([
    ['the department itself', DEPARTMENT],
    ['an agency of another province', OTHER_AGENCY],
  ])('refuses %s', (_what, toAgencyId) => {
    expect(() =>
      validate(underReview, actors.supervisor, 'refer', { toAgencyId, note: 'Xử lý.' }, at),
    ).toThrow(InvalidInputError);
  });

  it('refuses without the registry’s fact, and when the fact names another agency', () => {
    expect(() => validate(underReview, actors.supervisor, 'refer', SAMPLE_INPUT.refer, at, {})).toThrow(
      /needs 'toAgency'/,
    );
    expect(() =>
      validate(underReview, actors.supervisor, 'refer', SAMPLE_INPUT.refer, at, {
        toAgency: { id: ROADS, name: 'Sở GTVT', provinceId: PROVINCE },
      }),
    ).toThrow(InvalidInputError);
  });

  it('needs a note', () => {
    expect(() => validate(underReview, actors.supervisor, 'refer', { toAgencyId: AGENCY }, at)).toThrow(
      InvalidInputError,
    );
  });
});

describe('respond', () => {
  const referred = inStatus('referred');
  const at = referred.updatedAt + 3 * HOUR;

  it('goes back to the department, stops the agency’s clock only, and tells the handling officer', () => {
    const t = act(referred, actors.spokesperson, 'respond', SAMPLE_INPUT.respond, at);
    expect(t.state.status).toBe('under_review');
    expect(t.state.referrals[0]?.response).toEqual({
      text: 'Ngày đó lãnh đạo đi công tác; Sở sẽ bố trí lịch làm việc trong tuần.',
      at,
      by: { sub: actors.spokesperson.sub, name: actors.spokesperson.name },
    });
    expect(t.state.clocks[REFERRAL]?.stoppedAt).toBe(at);
    expect(t.state.clocks[RESOLVE]?.stoppedAt).toBeUndefined();
    expect(t.entry).toMatchObject({ type: 'respond', data: { agencyId: AGENCY } });
    // The fixture's supervisor acknowledged, so handles the report.
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: actors.supervisor.sub },
        type: 'referral_response',
        text: `Sở Y tế đã trả lời về phản ánh: ${SUBJECT}`,
      },
    ]);
  });

  it('is not the department’s, nor another agency’s, to give', () => {
    for (const name of ['supervisor', 'deptStaff', 'roadsStaff', 'foreignStaff', 'reporter'] as const)
      // Refused as not allowed, or — for an agency it was never referred to — as not theirs to see.
      expect(() => act(referred, actors[name], 'respond', SAMPLE_INPUT.respond, at), name).toThrow(
        /not allowed|may not act/,
      );
  });

  it('after a second referral, only the agency referred to last may respond', () => {
    const { state, now } = run(
      [
        { actor: 'staff', action: 'respond' },
        {
          actor: 'supervisor',
          action: 'refer',
          input: { toAgencyId: ROADS, note: 'Đề nghị Sở GTVT phối hợp.' },
        },
      ],
      { state: referred, entry: referred.timeline.at(-1)!, notifications: [] },
    );
    expect(state.referrals.map((r) => r.agencyId)).toEqual([AGENCY, ROADS]);
    expect(() => act(state, actors.staff, 'respond', SAMPLE_INPUT.respond, now + 1)).toThrow(/not allowed/);
    const t = act(state, actors.roadsStaff, 'respond', SAMPLE_INPUT.respond, now + 1);
    expect(t.state.referrals[0]?.response?.by.sub).toBe(actors.staff.sub);
    expect(t.state.referrals[1]?.response?.by.sub).toBe(actors.roadsStaff.sub);
    // The agency's clock started again at the second referral.
    expect(state.clocks[REFERRAL]?.startedAt).toBe(now);
  });
});

describe('resolve', () => {
  it('from under review: every clock stops, the journalist is told', () => {
    const underReview = inStatus('under_review');
    const at = underReview.updatedAt + HOUR;
    const t = act(underReview, actors.deptHead, 'resolve', SAMPLE_INPUT.resolve, at);
    expect(t.state.status).toBe('resolved');
    expect(t.state.resolution).toEqual({
      text: 'Sở Y tế đã bố trí lịch làm việc ngày 16/3 và rút kinh nghiệm.',
      at,
      by: { sub: actors.deptHead.sub, name: actors.deptHead.name },
    });
    for (const clock of Object.values(t.state.clocks)) expect(clock.stoppedAt).toBeDefined();
    expect(t.notifications).toEqual([
      { recipient: toReporter, type: 'resolved', text: `Sở đã giải quyết phản ánh của bạn: ${SUBJECT}` },
    ]);
  });

  it('while referred: the agency’s clock stops too, and the agency learns it need not respond', () => {
    const referred = inStatus('referred');
    const at = referred.updatedAt + HOUR;
    const t = act(referred, actors.supervisor, 'resolve', SAMPLE_INPUT.resolve, at);
    expect(t.state.clocks[REFERRAL]?.stoppedAt).toBe(at);
    expect(t.state.clocks[RESOLVE]?.stoppedAt).toBe(at);
    expect(t.notifications).toEqual([
      { recipient: toReporter, type: 'resolved', text: `Sở đã giải quyết phản ánh của bạn: ${SUBJECT}` },
      {
        recipient: toAgencyStaff(AGENCY),
        type: 'resolved',
        text: `Sở đã giải quyết phản ánh, không cần trả lời thêm: ${SUBJECT}`,
      },
    ]);
  });

  it('needs a resolution', () => {
    const underReview = inStatus('under_review');
    expect(() =>
      validate(underReview, actors.supervisor, 'resolve', { resolution: '   ' }, underReview.updatedAt),
    ).toThrow(InvalidInputError);
  });
});

describe('reopen, once', () => {
  const resolved = inStatus('resolved');
  const at = resolved.updatedAt + 24 * HOUR;

  it('restarts the department’s acknowledgement clock and tells the officer who handled it', () => {
    const t = act(resolved, actors.reporter, 'reopen', SAMPLE_INPUT.reopen, at);
    expect(t.state.status).toBe('reopened');
    expect(t.state.reopen).toEqual({ reason: 'Đến ngày hẹn vẫn không được tiếp.', at });
    expectRunning(t.state.clocks[ACK], at);
    // The resolution clock waits for the next acknowledgement.
    expect(t.state.clocks[RESOLVE]?.stoppedAt).toBeDefined();
    expect(t.entry.actor?.role).toBe('journalist');
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: actors.supervisor.sub },
        type: 'reopened',
        text: `Nhà báo đề nghị xem xét lại phản ánh: ${SUBJECT}`,
      },
    ]);
  });

  it('the next acknowledgement starts a fresh resolution clock', () => {
    const { state, now } = run(
      [
        { actor: 'reporter', action: 'reopen', at },
        { actor: 'deptStaff', action: 'acknowledge_report' },
      ],
      { state: resolved, entry: resolved.timeline.at(-1)!, notifications: [] },
    );
    expect(state.clocks[ACK]?.stoppedAt).toBe(now);
    expectRunning(state.clocks[RESOLVE], now);
    // Still handled by whoever acknowledged first.
    expect(state.assignee?.sub).toBe(actors.supervisor.sub);
  });

  it('a second reopen is refused (409) and not offered', () => {
    const { state, now } = run(
      [
        { actor: 'reporter', action: 'reopen', at },
        { actor: 'supervisor', action: 'acknowledge_report' },
        { actor: 'supervisor', action: 'resolve' },
      ],
      { state: resolved, entry: resolved.timeline.at(-1)!, notifications: [] },
    );
    expect(state.status).toBe('resolved');
    expect(() => validate(state, actors.reporter, 'reopen', SAMPLE_INPUT.reopen, now + HOUR)).toThrow(
      /reopen/,
    );
    expect(() => validate(state, actors.reporter, 'reopen', SAMPLE_INPUT.reopen, now + HOUR)).toThrow(
      expect.objectContaining({ name: 'ActionNotAllowedError' }),
    );
  });

  it('is only the report’s own journalist’s', () => {
    expect(() => validate(resolved, actors.otherReporter, 'reopen', SAMPLE_INPUT.reopen, at)).toThrow();
  });
});

describe('withdraw', () => {
  it('stops every clock and tells the department', () => {
    const submitted = inStatus('submitted');
    const t = act(submitted, actors.reporter, 'withdraw', SAMPLE_INPUT.withdraw, T0 + HOUR);
    expect(t.state.status).toBe('withdrawn');
    expect(t.state.clocks[ACK]?.stoppedAt).toBe(T0 + HOUR);
    expect(t.entry).toMatchObject({ type: 'withdraw', text: 'Đã được giải quyết trực tiếp.' });
    expect(t.notifications).toEqual([
      { recipient: toSupervisors, type: 'withdrawn', text: `Nhà báo rút phản ánh: ${SUBJECT}` },
    ]);
  });

  it('while referred, the agency asked to respond is told too', () => {
    const referred = inStatus('referred');
    const t = act(referred, actors.reporter, 'withdraw', {}, referred.updatedAt + HOUR);
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: actors.supervisor.sub },
        type: 'withdrawn',
        text: `Nhà báo rút phản ánh: ${SUBJECT}`,
      },
      { recipient: toAgencyStaff(AGENCY), type: 'withdrawn', text: `Nhà báo rút phản ánh: ${SUBJECT}` },
    ]);
  });
});

describe('supervision', () => {
  it('remind goes to the head of the agency that owes a response, agency-side only', () => {
    const referred = inStatus('referred');
    const t = act(referred, actors.supervisor, 'remind', SAMPLE_INPUT.remind, referred.updatedAt + HOUR);
    expect(t.state.status).toBe('referred');
    expect(t.entry.audience).toBe('agency');
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'agency_role', agencyId: AGENCY, roles: ['agency_head'] },
        type: 'reminder',
        text: `Sở đôn đốc trả lời phản ánh: ${SUBJECT}`,
      },
    ]);
  });

  it('extend moves the department’s running clock by default, or the agency’s when named', () => {
    const referred = inStatus('referred');
    const at = referred.updatedAt + HOUR;
    const before = dueAt(referred.clocks[REFERRAL]!, referred.calendar)!;
    const byDefault = act(referred, actors.supervisor, 'extend', SAMPLE_INPUT.extend, at);
    expect(byDefault.entry.data).toMatchObject({ dueMoved: { clock: RESOLVE } });
    const named = act(
      referred,
      actors.deptHead,
      'extend',
      { ...(SAMPLE_INPUT.extend as object), clock: REFERRAL },
      at,
    );
    expect(dueAt(named.state.clocks[REFERRAL]!, named.state.calendar)).toBeGreaterThan(before);
  });

  it('reassign hands the report to another department officer from the registry', () => {
    const underReview = inStatus('under_review');
    const t = act(
      underReview,
      actors.deptHead,
      'reassign',
      SAMPLE_INPUT.reassign,
      underReview.updatedAt + HOUR,
    );
    expect(t.state.assignee).toEqual({ sub: actors.deptStaff.sub, name: actors.deptStaff.name });
  });

  it('close ends it as closed, with the reason, every clock stopped', () => {
    const referred = inStatus('referred');
    const at = referred.updatedAt + HOUR;
    const t = act(referred, actors.supervisor, 'close', SAMPLE_INPUT.close, at);
    expect(t.state.status).toBe('closed');
    expect(t.state.closure).toEqual({
      reason: 'Nhà báo đã phản ánh qua kênh khác.',
      by: { sub: actors.supervisor.sub, name: actors.supervisor.name },
      at,
    });
    // The acknowledgement clock keeps the instant it stopped at; the two running ones stop now.
    expect(Object.values(t.state.clocks).map((c) => [c.name, c.stoppedAt])).toEqual([
      [ACK, referred.clocks[ACK]!.stoppedAt],
      [RESOLVE, at],
      [REFERRAL, at],
    ]);
  });
});
