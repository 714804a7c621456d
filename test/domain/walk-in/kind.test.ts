/**
 * The walk-in visit record (issue 10): opened by agency staff after the visit, its record clock counted from the
 * visit, completed with its result, acknowledged by a journalist who has an account; who may do what in each
 * status; and the automatic close of a record nobody acknowledges.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import { defaultCalendar, toLocalDate } from '../../../domain/calendar/index.ts';
import {
  allowedActions,
  isTerminal,
  mayView,
  performAction,
  validateAction,
} from '../../../domain/contact/machine.ts';
import type { Transition } from '../../../domain/contact/state.ts';
import { CURRENT_TIMER_PLAN, fireNextTimer, nextTimer } from '../../../domain/contact/timers.ts';
import { toContactView } from '../../../domain/contact/view.ts';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import { DEFAULT_DEADLINE_RULES, rulesForContact } from '../../../domain/deadlines/rules.ts';
import { ActionNotAllowedError, InvalidInputError } from '../../../domain/errors.ts';
import {
  NO_ACCOUNT,
  WALK_IN_STATUSES,
  walkInKind as kind,
  type WalkInState,
  type WalkInStatus,
} from '../../../domain/walk-in/index.ts';
import { actors, AGENCY, endOf, HOUR, vn, type ActorName } from '../information-request/fixtures.ts';

/** Tue 10 Mar 2026, 09:30 in Vietnam: the journalist walked in. The clerk writes it down at 11:00. */
const VISIT = vn('2026-03-10T09:30');
const T0 = vn('2026-03-10T11:00');
const HOST = { id: 'sp-1', name: 'Hoàng Văn E', title: 'Phó Giám đốc' };
const RESULT = { held: true, summary: 'Sở cung cấp số liệu tháng 2.', informationProvided: 'Báo cáo 12/BC' };

function open(options: { journalistSub?: string; at?: number } = {}): Transition<WalkInState> {
  const at = options.at ?? T0;
  return kind.openContact({
    contactId: 'TT-2026-0001',
    agencyId: AGENCY,
    provinceId: 'quang-tri',
    journalist: { sub: options.journalistSub ?? actors.reporter.sub, name: actors.reporter.name },
    subject: 'Số liệu sốt xuất huyết',
    submittedAt: at,
    rules: rulesForContact(
      DEFAULT_DEADLINE_RULES,
      'walk_in',
      ['record_result', 'auto_close'],
      toLocalDate(at),
    ),
    calendar: defaultCalendar(),
    visitedAt: VISIT,
    content: 'Phóng viên hỏi số ca sốt xuất huyết tháng 2.',
    host: HOST,
    visitor: {
      journalistId: 'nb-0001',
      fullName: actors.reporter.name,
      pressOrganisation: 'Báo Nhân Dân',
      pressCardNumber: 'ND-1',
    },
    recordedBy: { sub: actors.staff.sub, name: actors.staff.name, role: 'agency_staff' },
  });
}

function act(state: WalkInState, who: Actor, action: string, input: unknown, now: number): WalkInState {
  const parsed = validateAction(kind, state, who, action, input, {}, now);
  return performAction(kind, state, who, action, parsed, {}, now).state;
}

function inStatus(status: WalkInStatus): WalkInState {
  const draft = open().state;
  if (status === 'draft') return draft;
  const held = status !== 'not_held';
  const recorded = act(
    draft,
    actors.staff,
    'record_result',
    held ? RESULT : { ...RESULT, held: false, reason: 'Phóng viên về sớm.' },
    T0 + HOUR,
  );
  return status === 'closed' ? act(recorded, actors.reporter, 'acknowledge', {}, T0 + 2 * HOUR) : recorded;
}

describe('opening', () => {
  it('is a draft whose record clock runs from the visit, and tells the agency and the journalist', () => {
    const { state, entry, notifications } = open();
    expect(state).toMatchObject({ kind: 'walk_in', status: 'draft', visitedAt: VISIT, host: HOST });
    expect(state.clocks.record_result?.startedAt).toBe(VISIT);
    // Two working days from Tue 10 Mar (the first day is not counted): end of Thu 12 Mar.
    expect(dueAt(state.clocks.record_result!, state.calendar)).toBe(endOf('2026-03-12'));
    expect(entry).toMatchObject({
      seq: 1,
      type: 'submitted',
      actor: { sub: actors.staff.sub, role: 'agency_staff' },
      data: { visitedAt: VISIT },
    });
    expect(notifications.map((n) => [n.type, n.recipient.kind])).toEqual([
      ['walk_in_recorded', 'agency_role'],
      ['walk_in_recorded', 'person'],
    ]);
  });

  it('notifies nobody in the name of a journalist without an account, and nobody acts as them', () => {
    const { state, notifications } = open({ journalistSub: NO_ACCOUNT });
    expect(notifications.map((n) => n.recipient.kind)).toEqual(['agency_role']);
    const completed = act(state, actors.staff, 'record_result', RESULT, T0 + HOUR);
    expect(allowedActions(kind, completed, actors.reporter, T0 + HOUR)).toEqual([]);
    expect(mayView(completed, actors.reporter)).toBe(false);
  });
});

describe('lifecycle', () => {
  it('completes with the result, stops the clock, and closes on the journalist’s acknowledgement', () => {
    const completed = inStatus('completed');
    expect(completed.status).toBe('completed');
    expect(completed.result).toMatchObject({ held: true, recordedBy: { sub: actors.staff.sub } });
    expect(completed.clocks.record_result?.stoppedAt).toBe(T0 + HOUR);
    const closed = inStatus('closed');
    expect(closed.status).toBe('closed');
    expect(isTerminal(kind, closed)).toBe(true);
    expect(closed.timeline.map((e) => e.type)).toEqual(['submitted', 'record_result', 'acknowledge']);
  });

  it('records a visit that was not held only with a reason', () => {
    expect(() =>
      validateAction(kind, open().state, actors.staff, 'record_result', { ...RESULT, held: false }, {}, T0),
    ).toThrow(InvalidInputError);
    expect(inStatus('not_held').result?.reason).toBe('Phóng viên về sớm.');
  });

  it('warns, goes overdue and escalates on the record clock like every clock', () => {
    const { state } = open();
    const first = nextTimer(kind, state, CURRENT_TIMER_PLAN);
    expect(first?.source === 'clock' && first.event.kind).toBe('warning');
    const warned = fireNextTimer(kind, state, first!.at, CURRENT_TIMER_PLAN)!;
    expect(warned.entry.type).toBe('warning');
    const due = nextTimer(kind, warned.state, CURRENT_TIMER_PLAN);
    expect(due?.source === 'clock' && due.event.kind).toBe('overdue');
    expect(due?.at).toBe(endOf('2026-03-12'));
  });

  it('closes itself after the auto-close rule when the journalist never acknowledges', () => {
    const completed = inStatus('completed');
    const timer = nextTimer(kind, completed, CURRENT_TIMER_PLAN);
    expect(timer?.source === 'kind' && timer.name).toMatch(/^auto_close/);
    const fired = fireNextTimer(kind, completed, timer!.at, CURRENT_TIMER_PLAN);
    expect(fired?.state.status).toBe('closed');
  });

  it('shows the visit, the visitor, the host and the result in its view', () => {
    const view = toContactView(kind, inStatus('completed'), actors.staff, T0 + HOUR);
    expect(view).toMatchObject({
      kind: 'walk_in',
      visitedAt: VISIT,
      host: HOST,
      visitor: { journalistId: 'nb-0001', pressCardNumber: 'ND-1' },
      recordedBy: { sub: actors.staff.sub, name: actors.staff.name },
      result: { held: true, reason: null },
    });
  });
});

describe('who may do what', () => {
  const MEMBERS: ActorName[] = ['staff', 'otherStaff', 'spokesperson', 'head'];
  const expected: Record<WalkInStatus, Partial<Record<ActorName, string[]>>> = {
    draft: Object.fromEntries(MEMBERS.map((m) => [m, ['assign', 'record_result']])),
    completed: { reporter: ['acknowledge'] },
    not_held: { reporter: ['acknowledge'] },
    closed: {},
  };

  for (const status of WALK_IN_STATUSES) {
    it(`in ${status}`, () => {
      const state = inStatus(status);
      for (const name of Object.keys(actors) as ActorName[]) {
        const actions = allowedActions(kind, state, actors[name], state.updatedAt).filter(
          (a) => !['extend', 'remind', 'reassign', 'close'].includes(a),
        );
        expect(actions, `${name} in ${status}`).toEqual(expected[status][name] ?? []);
      }
    });
  }

  it('refuses the agency’s action to the journalist and to another agency, naming the status', () => {
    const draft = open().state;
    for (const who of [actors.reporter, actors.otherReporter]) {
      expect(() => validateAction(kind, draft, who, 'record_result', RESULT, {}, T0)).toThrow();
    }
    expect(() => validateAction(kind, draft, actors.foreignStaff, 'record_result', RESULT, {}, T0)).toThrow();
    const closed = inStatus('closed');
    expect(() => validateAction(kind, closed, actors.staff, 'record_result', RESULT, {}, T0)).toThrow(
      ActionNotAllowedError,
    );
  });

  it('lets the department close a draft administratively, with a reason', () => {
    const draft = open().state;
    expect(allowedActions(kind, draft, actors.supervisor, T0)).toEqual(
      expect.arrayContaining(['remind', 'extend', 'close']),
    );
    const closed = act(draft, actors.supervisor, 'close', { reason: 'Trùng với hồ sơ TT-2026-0002.' }, T0);
    expect(closed.status).toBe('closed');
  });
});
