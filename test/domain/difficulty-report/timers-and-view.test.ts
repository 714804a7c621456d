/**
 * A difficulty report's timers (the clocks' ladder, the automatic close of a resolution nobody reopens), its
 * view for each party, and who may see it — including every agency it was referred to (`alsoVisibleTo`).
 */
import { addSpan } from '../../../domain/calendar/index.ts';
import { describe, expect, it } from 'vitest';
import { mayView } from '../../../domain/contact/machine.ts';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import { REPORT_CLOCKS } from '../../../domain/difficulty-report/index.ts';
import {
  act,
  actors,
  AGENCY,
  fireNextTimer,
  HOUR,
  inStatus,
  kind,
  nextTimer,
  open,
  PATH_TO_MORE,
  ROADS,
  run,
  SAMPLE_INPUT,
  validate,
  view,
  type ActorName,
} from './fixtures.ts';

const SUBJECT = 'Sở Y tế không tiếp phóng viên';

describe('the clocks’ ladder', () => {
  it('a fresh report waits on the department’s acknowledgement', () => {
    const { state } = open();
    const due = dueAt(state.clocks[REPORT_CLOCKS.acknowledge]!, state.calendar)!;
    const pending = nextTimer(state);
    expect(pending).toMatchObject({
      source: 'clock',
      event: { clock: REPORT_CLOCKS.acknowledge, kind: 'warning' },
    });
    expect(pending!.at).toBeLessThanOrEqual(due);
  });

  it('an unacknowledged report escalates to the province’s supervisors', () => {
    let state = open().state;
    const events: string[] = [];
    for (let t = fireNextTimer(state, state.submittedAt + 30 * 24 * HOUR); t;) {
      events.push(t.entry.type);
      state = t.state;
      if (t.entry.type === 'escalated')
        expect(t.notifications[0]?.recipient).toEqual({
          kind: 'province_supervisors',
          provinceId: state.provinceId,
        });
      t = fireNextTimer(state, state.submittedAt + 30 * 24 * HOUR);
    }
    expect(events).toEqual(['warning', 'overdue', 'escalated']);
  });

  it('a referral adds the agency’s clock beside the department’s', () => {
    const referred = inStatus('referred');
    const running = Object.values(referred.clocks)
      .filter((c) => c.stoppedAt === undefined)
      .map((c) => c.name);
    expect(running).toEqual([REPORT_CLOCKS.resolve, REPORT_CLOCKS.referral]);
  });

  it('the referred agency, not the department, is warned and told it is overdue on its response', () => {
    let state = inStatus('referred');
    const referral = state.referrals.at(-1)!;
    const seen: { clock: string; type: string; recipient: unknown; text: string }[] = [];
    const late = state.updatedAt + 60 * 24 * HOUR;
    for (let t = fireNextTimer(state, late); t; t = fireNextTimer(state, late)) {
      state = t.state;
      const clock = (t.entry.data as { clock?: string } | undefined)?.clock ?? '';
      for (const n of t.notifications)
        seen.push({ clock, type: n.type, recipient: n.recipient, text: n.text });
    }
    const ofReferral = seen.filter((n) => n.clock === REPORT_CLOCKS.referral);
    expect(ofReferral.map((n) => n.type)).toEqual(['deadline_warning', 'overdue', 'escalated']);
    expect(ofReferral[0]).toMatchObject({
      recipient: {
        kind: 'agency_role',
        agencyId: referral.agencyId,
        roles: ['agency_staff', 'spokesperson'],
      },
      text: `Sắp đến hạn trả lời Sở về phản ánh: ${SUBJECT}`,
    });
    expect(ofReferral[1]).toMatchObject({
      recipient: { kind: 'agency_role', agencyId: referral.agencyId, roles: ['agency_head'] },
      text: `Quá hạn trả lời Sở về phản ánh: ${SUBJECT}`,
    });
    expect(ofReferral[2]!.recipient).toEqual({ kind: 'province_supervisors', provinceId: state.provinceId });
    // The department's own clock keeps warning the department, in its own words.
    const ofResolve = seen.find((n) => n.clock === REPORT_CLOCKS.resolve && n.type === 'deadline_warning');
    expect(ofResolve?.text).toBe(`Sắp đến hạn giải quyết phản ánh: ${SUBJECT}`);
    expect(ofResolve?.recipient).not.toMatchObject({ agencyId: referral.agencyId });
  });
});

describe('the automatic close', () => {
  const resolved = inStatus('resolved');
  const closesAt = addSpan(resolved.calendar, resolved.resolution!.at, resolved.rules!.auto_close!.span);

  it('is the only timer once resolved, after the auto_close rule', () => {
    expect(nextTimer(resolved)).toEqual({
      source: 'kind',
      at: closesAt,
      timer: 0,
      name: `auto_close:${resolved.resolution!.at}`,
    });
  });

  it('closes the report and tells the journalist', () => {
    expect(fireNextTimer(resolved, closesAt - 1)).toBeUndefined();
    const t = fireNextTimer(resolved, closesAt)!;
    expect(t.state.status).toBe('closed');
    expect(t.entry).toMatchObject({
      type: 'auto_closed',
      data: { afterRule: resolved.rules!.auto_close!.span },
    });
    expect(t.notifications).toEqual([
      {
        recipient: { kind: 'person', sub: actors.reporter.sub },
        type: 'auto_closed',
        text: `Phản ánh đã tự đóng vì không có đề nghị xem xét lại: ${SUBJECT}`,
      },
    ]);
    expect(nextTimer(t.state)).toBeUndefined();
  });

  it('does not run while reopened, and runs again from the next resolution', () => {
    const reopened = inStatus('reopened');
    expect(nextTimer(reopened)?.source).toBe('clock');
    const { state } = run(PATH_TO_MORE.resolved_again);
    expect(nextTimer(state)).toMatchObject({ source: 'kind', name: `auto_close:${state.resolution!.at}` });
    expect(state.resolution!.at).not.toBe(resolved.resolution!.at);
  });

  it('without an auto_close rule, a resolution waits', () => {
    const { state } = run(
      [
        { actor: 'supervisor', action: 'acknowledge_report' },
        { actor: 'supervisor', action: 'resolve' },
      ],
      open({ rules: {} }),
    );
    expect(nextTimer(state)).toBeUndefined();
  });
});

describe('who sees the report', () => {
  const referred = inStatus('referred');

  it.each([
    ['reporter', true],
    ['supervisor', true],
    ['deptStaff', true],
    ['deptHead', true],
    ['auditor', true],
    ['otherReporter', false],
    ['foreignSupervisor', false],
    ['foreignStaff', false],
    ['roadsStaff', false],
    ['admin', false],
  ] as [ActorName, boolean][])('%s → %s, in every status', (name, sees) => {
    for (const status of ['submitted', 'referred', 'resolved', 'closed'] as const)
      expect(mayView(inStatus(status), actors[name])).toBe(sees);
  });

  it('the agency involved sees it only once it is referred to it, and keeps seeing it', () => {
    expect(mayView(inStatus('under_review'), actors.staff)).toBe(false);
    expect(mayView(referred, actors.staff)).toBe(true);
    expect(mayView(referred, actors.head)).toBe(true);
    const { state } = run(
      [
        { actor: 'staff', action: 'respond' },
        { actor: 'supervisor', action: 'refer', input: { toAgencyId: ROADS, note: 'Đề nghị phối hợp.' } },
      ],
      { state: referred, entry: referred.timeline.at(-1)!, notifications: [] },
    );
    expect(mayView(state, actors.staff)).toBe(true);
    expect(mayView(state, actors.roadsStaff)).toBe(true);
  });

  it('the referred agency passes the Update validator, and sees it as a reader, not from the agency side', () => {
    expect(() =>
      validate(referred, actors.staff, 'respond', SAMPLE_INPUT.respond, referred.updatedAt + HOUR),
    ).not.toThrow();
    expect(referred.alsoVisibleTo).toEqual([referred.referrals.at(-1)!.agencyId]);
  });
});

describe('the view', () => {
  const { state, now } = run(PATH_TO_MORE.responded);
  const reminded = act(inStatus('referred'), actors.supervisor, 'remind', SAMPLE_INPUT.remind, now).state;

  it('shows the report, the latest referral and its response', () => {
    const v = view(state, actors.reporter, now);
    expect(v).toMatchObject({
      kind: 'difficulty_report',
      status: 'under_review',
      agencyId: 'so-vhttdl-qt',
      description: state.description,
      involvedAgencyId: AGENCY,
      relatedContactIds: ['LV-2026-0001'],
      referralCount: 1,
      referral: {
        agencyId: AGENCY,
        agencyName: 'Sở Y tế',
        note: 'Đề nghị Sở Y tế làm rõ việc không tiếp phóng viên.',
        response: {
          text: 'Ngày đó lãnh đạo đi công tác; Sở sẽ bố trí lịch làm việc trong tuần.',
          by: { sub: actors.staff.sub },
        },
      },
      resolution: null,
      reopen: null,
      mayStillReopen: true,
    });
    expect(v.allowedActions).toEqual(['withdraw']);
  });

  it('has no referral before one, and shows the resolution and the reopening', () => {
    expect(view(inStatus('submitted'), actors.reporter, now)).toMatchObject({
      referral: null,
      referralCount: 0,
    });
    const reopened = inStatus('reopened');
    const v = view(reopened, actors.supervisor, reopened.updatedAt);
    expect(v.resolution).toMatchObject({
      text: reopened.resolution!.text,
      by: { sub: actors.supervisor.sub },
    });
    expect(v.reopen).toEqual({ reason: 'Đến ngày hẹn vẫn không được tiếp.', at: reopened.reopen!.at });
    expect(v.mayStillReopen).toBe(false);
  });

  it('keeps the department’s reminder from the journalist', () => {
    const types = (name: ActorName) => view(reminded, actors[name], now).timeline.map((e) => e.type);
    expect(types('supervisor')).toContain('remind');
    expect(types('reporter')).not.toContain('remind');
    expect(types('reporter')).toEqual(['submitted', 'acknowledge_report', 'refer']);
  });

  it('lists and searches by the subject and the description', () => {
    const { state: s } = open();
    expect(kind.searchText(s)).toBe(`${SUBJECT} ${s.description}`);
  });
});
