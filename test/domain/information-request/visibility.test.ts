/**
 * One visibility rule (domain/contact/visibility.ts), issue 7 §1 and §2: the reporter never reads internal
 * entries (drafts, returned drafts, supervisors' reminders, side-effect incidents) nor the clerk's assignment
 * note; the agency and its province's supervisors read everything; who may see a contact at all is the same
 * rule for the domain (`maySeeContact`) and for the list query (`contactScope`).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import {
  contactScope,
  entryFor,
  hasContactScope,
  isAgencyOnly,
  maySeeContact,
  seesAgencySide,
  type ContactScope,
  type Visible,
} from '../../../domain/contact/visibility.ts';
import {
  recordIncident,
  toView,
  type InformationRequestState,
} from '../../../domain/information-request/index.ts';
import { act, actors, AGENCY, HOUR, OTHER_AGENCY, PROVINCE, run, T0, type ActorName } from './fixtures.ts';

const NOTE = 'Anh C xử lý, lưu ý không nêu tên nhà thầu.';
const REASSIGN_REASON = 'Anh C nghỉ ốm, giao chị D.';

/** A request that went through every internal step. */
function busyRequest(): InformationRequestState {
  const { state, now } = run([
    { actor: 'staff', action: 'assign', input: { assigneeSub: 's-1', note: NOTE } },
    { actor: 'supervisor', action: 'remind' },
    { actor: 'staff', action: 'submit_answer', input: { text: 'Bản nháp 1' } },
    { actor: 'head', action: 'return_answer' },
    { actor: 'head', action: 'reassign', input: { assigneeSub: 's-2', reason: REASSIGN_REASON } },
    { actor: 'otherStaff', action: 'submit_answer', input: { text: 'Bản nháp 2' } },
    { actor: 'head', action: 'approve_answer' },
  ]);
  const incident = {
    activity: 'sendEmail',
    failure: 'timeout',
    message: 'SMTP timeout',
    retryable: true,
    failedSeq: state.timeline.length,
  } as Parameters<typeof recordIncident>[1];
  return recordIncident(state, incident, now + HOUR).state;
}

describe('timeline entries carry their audience', () => {
  it('drafts, returned drafts and reminders are recorded for the agency only', () => {
    const state = busyRequest();
    const audience = Object.fromEntries(state.timeline.map((e) => [`${e.seq}:${e.type}`, e.audience]));
    expect(audience).toMatchObject({
      '2:assign': undefined,
      '3:remind': 'agency',
      '4:submit_answer': 'agency',
      '5:return_answer': 'agency',
      '6:reassign': undefined,
      '7:submit_answer': 'agency',
      '8:approve_answer': undefined,
    });
  });
});

describe('what the reporter reads', () => {
  const state = busyRequest();
  const view = toView(state, actors.reporter, state.updatedAt);

  it('never an agency-only entry', () => {
    expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'assign', 'reassign', 'approve_answer']);
    expect(view.timeline.some((e) => isAgencyOnly(e))).toBe(false);
    expect(JSON.stringify(view.timeline)).not.toContain('Bản nháp 1');
    expect(JSON.stringify(view.timeline)).not.toContain('SMTP');
  });

  it('never the clerk’s note on an assignment or a reassignment, but who handles it', () => {
    const [, assign, reassign] = view.timeline;
    expect(assign).not.toHaveProperty('text');
    expect(reassign).not.toHaveProperty('text');
    expect(assign?.data).toEqual({ assignee: { sub: 's-1', name: 'Lê Văn C' } });
    expect(reassign?.data).toMatchObject({ assignee: { sub: 's-2', name: 'Phạm Thị D' } });
    expect(JSON.stringify(view)).not.toContain(NOTE);
    expect(JSON.stringify(view)).not.toContain(REASSIGN_REASON);
    // The approved answer is public.
    expect(view.answer?.text).toBe('Bản nháp 2');
  });

  it('does not change the stored entries (others still read them whole)', () => {
    expect(state.timeline[1]?.text).toBe(NOTE);
  });
});

describe('what the agency and the province’s supervisor read', () => {
  const state = busyRequest();
  it.each(['staff', 'otherStaff', 'head', 'supervisor'] as ActorName[])(
    '%s reads every entry whole',
    (name) => {
      const view = toView(state, actors[name], state.updatedAt);
      expect(view.timeline).toEqual(state.timeline);
      expect(view.timeline[1]?.text).toBe(NOTE);
      expect(view.timeline.find((e) => e.type === 'reassign')?.text).toBe(REASSIGN_REASON);
      expect(view.timeline.map((e) => e.type)).toContain('activity_failed');
    },
  );
});

describe('entryFor', () => {
  const base = { seq: 2, at: T0, actor: { sub: 's-1', name: 'Lê Văn C' } };

  it('hides entries recorded before entries carried an audience, by their type', () => {
    for (const type of ['submit_answer', 'return_answer', 'remind', 'activity_failed', 'activity_recovered'])
      expect(entryFor({ ...base, type, text: 'x' }, false)).toBeUndefined();
  });

  it('hides any entry marked for the agency, whatever its type', () => {
    expect(entryFor({ ...base, type: 'meeting_reminder', audience: 'agency' }, false)).toBeUndefined();
    expect(entryFor({ ...base, type: 'meeting_reminder', audience: 'agency' }, true)).toBeDefined();
  });

  it('keeps public entries whole, and an assignment without a note as it is', () => {
    const answer = { ...base, type: 'follow_up', text: 'Hỏi thêm' };
    expect(entryFor(answer, false)).toBe(answer);
    const bare = { ...base, type: 'assign', data: { assignee: { sub: 's-1', name: 'C' } } };
    expect(entryFor(bare, false)).toBe(bare);
  });
});

describe('who may see a contact: maySeeContact and contactScope agree', () => {
  const contact: Visible = { journalistSub: 'j-1', agencyId: AGENCY, provinceId: PROVINCE };

  /** How the list query reads a scope: a contact matching any of its members. */
  const inScope = (scope: ContactScope, c: Visible) =>
    (scope.journalistSub !== undefined && scope.journalistSub === c.journalistSub) ||
    (scope.agencyId !== undefined && scope.agencyId === c.agencyId) ||
    (scope.provinceId !== undefined && scope.provinceId === c.provinceId);

  const journalistStaff: Actor = {
    sub: 'j-1',
    name: 'Nguyễn Văn A',
    roles: ['journalist', 'agency_staff'],
    agencyId: OTHER_AGENCY,
  };

  it.each([
    ['the journalist', actors.reporter, true, false, { journalistSub: 'j-1' }],
    ['another journalist', actors.otherReporter, false, false, { journalistSub: 'j-2' }],
    ['staff of the agency', actors.staff, true, true, { agencyId: AGENCY }],
    ['the head of the agency', actors.head, true, true, { agencyId: AGENCY }],
    ['staff of another agency', actors.foreignStaff, false, false, { agencyId: OTHER_AGENCY }],
    ['the supervisor of the province', actors.supervisor, true, true, { provinceId: PROVINCE }],
    ['a supervisor of another province', actors.foreignSupervisor, false, false, { provinceId: 'ha-noi' }],
    ['an administrator', actors.admin, false, false, {}],
    [
      'the journalist, also staff elsewhere',
      journalistStaff,
      true,
      false,
      { journalistSub: 'j-1', agencyId: OTHER_AGENCY },
    ],
  ] as [string, Actor, boolean, boolean, ContactScope][])('%s', (_label, actor, sees, agencySide, scope) => {
    const got = contactScope(actor);
    expect(Object.fromEntries(Object.entries(got).filter(([, v]) => v !== undefined))).toEqual(scope);
    expect(maySeeContact(actor, contact)).toBe(sees);
    expect(inScope(got, contact)).toBe(sees);
    expect(seesAgencySide(actor, contact)).toBe(agencySide);
    expect(hasContactScope(got)).toBe(Object.keys(scope).length > 0);
  });

  it('a contact without a province is seen by no supervisor', () => {
    const noProvince: Visible = { journalistSub: 'j-1', agencyId: AGENCY, provinceId: null };
    expect(maySeeContact(actors.supervisor, noProvince)).toBe(false);
    expect(inScope(contactScope(actors.supervisor), noProvince)).toBe(false);
  });

  it('an agency role without an agency, or a supervisor without a province, sees nothing', () => {
    const floating: Actor = { sub: 'x', name: 'X', roles: ['agency_head', 'supervisor'] };
    expect(hasContactScope(contactScope(floating))).toBe(false);
    expect(maySeeContact(floating, contact)).toBe(false);
  });

  it('the view follows the same rule for a request', () => {
    const state = run([]).state;
    const reporterView = toView(state, actors.reporter, T0);
    expect(reporterView.allowedActions).toEqual(['withdraw']);
    const later = act(state, actors.staff, 'assign', { assigneeSub: 's-1', note: NOTE }, T0 + HOUR).state;
    expect(toView(later, actors.foreignSupervisor, T0 + HOUR).timeline[1]).not.toHaveProperty('text');
    expect(toView(later, actors.supervisor, T0 + HOUR).timeline[1]?.text).toBe(NOTE);
  });
});
