/**
 * Who may take which action of a difficulty report, in which status: the whole table, action × situation ×
 * role, read through `mayPerform` (what `allowedActions` and the Update validator use), then checked against
 * `validateAction` for denials.
 */
import { describe, expect, it } from 'vitest';
import { isTerminal } from '../../../domain/contact/machine.ts';
import {
  DIFFICULTY_REPORT_STATUSES,
  DIFFICULTY_REPORT_TERMINAL,
  type DifficultyReportState,
} from '../../../domain/difficulty-report/index.ts';
import { ActionNotAllowedError, ForbiddenError } from '../../../domain/errors.ts';
import { ACTIONS, DIFFICULTY_REPORT_STATUSES as VOCABULARY_STATUSES } from '../../../domain/vocabulary.ts';
import {
  act,
  ACTOR_NAMES,
  actors,
  allowedActions,
  inStatus,
  kind,
  mayPerform,
  PATH_TO_MORE,
  REPORT_ACTIONS,
  run,
  SAMPLE_INPUT,
  validate,
  type ActorName,
  type ReportAction,
} from './fixtures.ts';

type Situation = (typeof DIFFICULTY_REPORT_STATUSES)[number] | keyof typeof PATH_TO_MORE;
const SITUATIONS: Record<Situation, { state: DifficultyReportState; now: number }> = {
  ...(Object.fromEntries(
    DIFFICULTY_REPORT_STATUSES.map((s) => {
      const state = inStatus(s);
      return [s, { state, now: state.updatedAt }];
    }),
  ) as Record<(typeof DIFFICULTY_REPORT_STATUSES)[number], { state: DifficultyReportState; now: number }>),
  responded: (({ state, now }) => ({ state, now }))(run(PATH_TO_MORE.responded)),
  resolved_again: (({ state, now }) => ({ state, now }))(run(PATH_TO_MORE.resolved_again)),
};
const SITUATION_NAMES = Object.keys(SITUATIONS) as Situation[];

/** The department: the province's supervisor and the department's own staff. */
const DEPARTMENT: ActorName[] = ['supervisor', 'deptStaff', 'deptHead'];
/** The agency the report is referred to (AGENCY in the fixture), any of its staff. */
const REFERRED: ActorName[] = ['staff', 'otherStaff', 'spokesperson', 'head'];
const SUPERVISION: ActorName[] = ['supervisor', 'deptHead'];
const OPEN: Situation[] = ['submitted', 'under_review', 'referred', 'reopened', 'responded'];

/** The expected table: the situations that allow each action and who may take it there. */
const EXPECTED: Record<ReportAction, { from: Situation[]; who: ActorName[] }> = {
  acknowledge_report: { from: ['submitted', 'reopened'], who: DEPARTMENT },
  refer: { from: ['under_review', 'responded'], who: DEPARTMENT },
  respond: { from: ['referred'], who: REFERRED },
  resolve: { from: ['under_review', 'referred', 'responded'], who: DEPARTMENT },
  // Once: not after the reopened report was resolved again.
  reopen: { from: ['resolved'], who: ['reporter'] },
  withdraw: { from: OPEN, who: ['reporter'] },
  // Every open situation has a running clock: acknowledgement, resolution, or both of a referral.
  extend: { from: OPEN, who: SUPERVISION },
  // Only an agency that owes the department a response is reminded.
  remind: { from: ['referred'], who: ['supervisor'] },
  // Acknowledging assigns the report, so every open situation after it has someone to replace.
  reassign: { from: ['under_review', 'referred', 'reopened', 'responded'], who: SUPERVISION },
  close: { from: OPEN, who: SUPERVISION },
};

const sorted = (names: readonly ActorName[]) => [...names].sort();
const who = (action: ReportAction, situation: Situation) => {
  const { state, now } = SITUATIONS[situation];
  return sorted(ACTOR_NAMES.filter((name) => mayPerform(state, actors[name], action, now)));
};
const expected = (action: ReportAction, situation: Situation) =>
  EXPECTED[action].from.includes(situation) ? sorted(EXPECTED[action].who) : [];

describe('the kind', () => {
  it('has the contract names: statuses, terminal statuses, actions, all in the shared vocabulary', () => {
    expect(kind.kind).toBe('difficulty_report');
    expect(kind.workflowType).toBe('difficultyReportWorkflow');
    expect(kind.label).toEqual({ vi: 'Phản ánh khó khăn', en: 'Difficulty report' });
    expect(kind.statuses).toEqual([
      'submitted',
      'under_review',
      'referred',
      'resolved',
      'reopened',
      'closed',
      'withdrawn',
    ]);
    expect(kind.statuses).toBe(VOCABULARY_STATUSES);
    expect(DIFFICULTY_REPORT_TERMINAL).toEqual(['closed', 'withdrawn']);
    expect(Object.keys(kind.actions)).toEqual([...REPORT_ACTIONS]);
    for (const action of REPORT_ACTIONS) expect(ACTIONS).toContain(action);
  });

  it('ends in closed and withdrawn only', () => {
    expect(DIFFICULTY_REPORT_STATUSES.filter((status) => isTerminal(kind, { status }))).toEqual([
      'closed',
      'withdrawn',
    ]);
  });
});

describe('mayPerform: every action × situation × role', () => {
  it('the table names every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...REPORT_ACTIONS].sort());
  });

  it.each(REPORT_ACTIONS.flatMap((action) => SITUATION_NAMES.map((s) => [action, s] as const)))(
    '%s in %s',
    (action, situation) => {
      expect(who(action, situation)).toEqual(expected(action, situation));
    },
  );

  it.each(['closed', 'withdrawn'] as const)('%s allows nothing to anybody', (status) => {
    const { state, now } = SITUATIONS[status];
    for (const name of ACTOR_NAMES) expect(allowedActions(state, actors[name], now)).toEqual([]);
  });

  it('an auditor and another province’s supervisor act on nothing, anywhere', () => {
    for (const { state, now } of Object.values(SITUATIONS)) {
      expect(allowedActions(state, actors.auditor, now)).toEqual([]);
      expect(allowedActions(state, actors.foreignSupervisor, now)).toEqual([]);
    }
  });
});

describe('allowedActions for typical users', () => {
  it.each([
    ['submitted', 'reporter', ['withdraw']],
    ['submitted', 'supervisor', ['acknowledge_report', 'extend', 'close']],
    ['submitted', 'deptStaff', ['acknowledge_report']],
    ['under_review', 'supervisor', ['refer', 'resolve', 'extend', 'reassign', 'close']],
    ['referred', 'staff', ['respond']],
    ['referred', 'supervisor', ['resolve', 'extend', 'remind', 'reassign', 'close']],
    ['referred', 'reporter', ['withdraw']],
    ['resolved', 'reporter', ['reopen']],
    ['resolved', 'supervisor', []],
    ['resolved_again', 'reporter', []],
    ['reopened', 'deptHead', ['acknowledge_report', 'extend', 'reassign', 'close']],
  ] as [Situation, ActorName, ReportAction[]][])('%s, %s', (situation, name, list) => {
    const { state, now } = SITUATIONS[situation];
    expect(allowedActions(state, actors[name], now)).toEqual(list);
  });
});

describe('validateAction agrees with the table', () => {
  it('every sample input is valid for someone allowed, where the table allows it', () => {
    const where: Record<Exclude<ReportAction, 'respond'>, [ActorName, Situation]> = {
      acknowledge_report: ['deptStaff', 'reopened'],
      refer: ['deptHead', 'responded'],
      resolve: ['supervisor', 'referred'],
      reopen: ['reporter', 'resolved'],
      withdraw: ['reporter', 'reopened'],
      extend: ['supervisor', 'referred'],
      remind: ['supervisor', 'referred'],
      reassign: ['deptHead', 'under_review'],
      close: ['supervisor', 'submitted'],
    };
    for (const [action, [name, situation]] of Object.entries(where) as [
      ReportAction,
      [ActorName, Situation],
    ][]) {
      const { state, now } = SITUATIONS[situation];
      expect(() => act(state, actors[name], action, SAMPLE_INPUT[action], now + 1), action).not.toThrow();
    }
  });

  it('refuses the wrong status with the allowed actions named (409)', () => {
    const { state, now } = SITUATIONS.submitted;
    let error: unknown;
    try {
      validate(state, actors.supervisor, 'resolve', SAMPLE_INPUT.resolve, now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ActionNotAllowedError);
    expect((error as ActionNotAllowedError).message).toContain('submitted');
  });

  it('refuses the journalist the department’s actions, and the department the journalist’s', () => {
    const { state, now } = SITUATIONS.under_review;
    for (const action of ['refer', 'resolve'] as const)
      expect(() => validate(state, actors.reporter, action, SAMPLE_INPUT[action], now)).toThrow(
        ActionNotAllowedError,
      );
    const resolved = SITUATIONS.resolved;
    expect(() =>
      validate(resolved.state, actors.supervisor, 'reopen', SAMPLE_INPUT.reopen, resolved.now),
    ).toThrow(ActionNotAllowedError);
  });

  it('refuses anyone who may not see the report (403) before naming statuses', () => {
    const { state, now } = SITUATIONS.submitted;
    for (const name of ['otherReporter', 'foreignSupervisor', 'foreignStaff', 'admin'] as const)
      expect(() =>
        validate(state, actors[name], 'acknowledge_report', SAMPLE_INPUT.acknowledge_report, now),
      ).toThrow(ForbiddenError);
  });

  it('refuses an unknown action name as the kind’s action list does', () => {
    const { state, now } = SITUATIONS.under_review;
    expect(() => validate(state, actors.supervisor, 'forward', { toAgencyId: 'x', note: 'y' }, now)).toThrow(
      ActionNotAllowedError,
    );
  });
});
