import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import type { InformationRequestAction } from '../../../domain/information-request/index.ts';
import { INFORMATION_REQUEST_ACTIONS } from '../../../domain/information-request/index.ts';
import {
  ACTION_RULES,
  allowedActions,
  mayPerform,
  mayView,
} from '../../../domain/information-request/index.ts';
import { TERMINAL_STATUSES, isTerminal } from '../../../domain/information-request/index.ts';
import { INFORMATION_REQUEST_STATUSES, type InformationRequestStatus } from '../../../domain/vocabulary.ts';
import { actors, inStatus, open, run, type ActorName } from './fixtures.ts';

const STATES = Object.fromEntries(INFORMATION_REQUEST_STATUSES.map((s) => [s, inStatus(s)])) as Record<
  InformationRequestStatus,
  ReturnType<typeof inStatus>
>;
const ACTOR_NAMES = Object.keys(actors) as ActorName[];
const OPEN: InformationRequestStatus[] = [
  'submitted',
  'awaiting_journalist',
  'in_progress',
  'pending_approval',
];
const AGENCY_MEMBERS: ActorName[] = ['staff', 'otherStaff', 'spokesperson', 'head'];
const APPROVERS: ActorName[] = ['spokesperson', 'head'];

/**
 * The expected table (SPEC.md C2.1): which statuses allow the action and who may take it there. In
 * `in_progress` and `pending_approval` the fixture's assignee is `staff`, so `otherStaff` is a colleague.
 */
const EXPECTED: Record<InformationRequestAction, { from: InformationRequestStatus[]; who: ActorName[] }> = {
  assign: { from: ['submitted', 'in_progress'], who: AGENCY_MEMBERS },
  request_clarification: { from: ['submitted', 'in_progress'], who: AGENCY_MEMBERS },
  clarify: { from: ['awaiting_journalist'], who: ['reporter'] },
  submit_answer: { from: ['in_progress'], who: ['staff', 'spokesperson', 'head'] },
  approve_answer: { from: ['pending_approval'], who: APPROVERS },
  return_answer: { from: ['pending_approval'], who: APPROVERS },
  acknowledge: { from: ['answered'], who: ['reporter'] },
  follow_up: { from: ['answered'], who: ['reporter'] },
  decline: { from: OPEN, who: APPROVERS },
  forward: { from: ['submitted', 'in_progress'], who: AGENCY_MEMBERS },
  withdraw: { from: OPEN, who: ['reporter'] },
  // Not while awaiting the journalist: no clock runs then (first response stopped, answer paused).
  extend: { from: ['submitted', 'in_progress', 'pending_approval'], who: ['head', 'supervisor'] },
  remind: { from: OPEN, who: ['supervisor'] },
  // Only once someone is assigned (in_progress, pending_approval in the fixtures).
  reassign: { from: ['in_progress', 'pending_approval'], who: ['head', 'supervisor'] },
  close: { from: OPEN, who: ['head', 'supervisor'] },
};

const cases = INFORMATION_REQUEST_ACTIONS.flatMap((action) =>
  INFORMATION_REQUEST_STATUSES.map((status) => [action, status] as const),
);

describe('mayPerform: the whole table', () => {
  it('covers every action of the schema', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...INFORMATION_REQUEST_ACTIONS].sort());
    expect(Object.keys(ACTION_RULES).sort()).toEqual([...INFORMATION_REQUEST_ACTIONS].sort());
  });

  it.each(cases)('%s in %s', (action, status) => {
    const expected = EXPECTED[action]!.from.includes(status) ? EXPECTED[action]!.who : [];
    const who = ACTOR_NAMES.filter((name) => mayPerform(STATES[status], actors[name], action));
    expect(who).toEqual(expected);
  });
});

describe('who is who', () => {
  const submitted = STATES.submitted;

  it('a journalist with the owner’s subject but without the journalist role is not the owner', () => {
    const impostor: Actor = { ...actors.reporter, roles: ['agency_staff'] };
    expect(mayPerform(STATES.answered, impostor, 'acknowledge')).toBe(false);
    expect(mayView(submitted, impostor)).toBe(false);
  });

  it('an agency role without an agency is nobody', () => {
    const floating: Actor = { sub: 'x', name: 'X', roles: ['agency_head'] };
    expect(allowedActions(submitted, floating)).toEqual([]);
    expect(mayView(submitted, floating)).toBe(false);
  });

  it('a person with several roles gets the union', () => {
    const both: Actor = { ...actors.spokesperson, roles: ['agency_staff', 'agency_head'] };
    // `close` is new (issue 7: the shared supervision actions); no `reassign` while nobody is assigned.
    expect(allowedActions(submitted, both)).toEqual([
      'assign',
      'request_clarification',
      'decline',
      'forward',
      'extend',
      'close',
    ]);
  });

  it('an assignee may submit an answer, a colleague may not, an approver always may', () => {
    const assignedToOther = run([
      { actor: 'staff', action: 'assign', input: { assigneeSub: 's-2', assigneeName: 'Phạm Thị D' } },
    ]).state;
    expect(mayPerform(assignedToOther, actors.otherStaff, 'submit_answer')).toBe(true);
    expect(mayPerform(assignedToOther, actors.staff, 'submit_answer')).toBe(false);
    expect(mayPerform(assignedToOther, actors.head, 'submit_answer')).toBe(true);
  });

  it('nobody supervises a request without a province', () => {
    const { state } = open({ provinceId: undefined });
    expect(mayView(state, actors.supervisor)).toBe(false);
    expect(allowedActions(state, actors.supervisor)).toEqual([]);
    expect(allowedActions(state, actors.head)).toContain('extend');
  });
});

describe('mayView', () => {
  it.each([
    ['reporter', true],
    ['staff', true],
    ['otherStaff', true],
    ['spokesperson', true],
    ['head', true],
    ['supervisor', true],
    ['otherReporter', false],
    ['foreignStaff', false],
    ['foreignSpokesperson', false],
    ['foreignHead', false],
    ['foreignSupervisor', false],
    ['admin', false],
  ] as [ActorName, boolean][])('%s → %s', (name, expected) => {
    for (const status of INFORMATION_REQUEST_STATUSES)
      expect(mayView(STATES[status], actors[name])).toBe(expected);
  });
});

describe('allowedActions for typical users', () => {
  // Issue 7 gave information requests the shared supervision actions: the head and the province's supervisor
  // may `close` any open request administratively, and `reassign` once somebody is assigned.
  const table: [InformationRequestStatus, ActorName, InformationRequestAction[]][] = [
    ['submitted', 'reporter', ['withdraw']],
    ['submitted', 'staff', ['assign', 'request_clarification', 'forward']],
    ['submitted', 'spokesperson', ['assign', 'request_clarification', 'decline', 'forward']],
    ['submitted', 'head', ['assign', 'request_clarification', 'decline', 'forward', 'extend', 'close']],
    ['submitted', 'supervisor', ['extend', 'remind', 'close']],
    ['submitted', 'foreignSupervisor', []],
    ['submitted', 'admin', []],
    ['awaiting_journalist', 'reporter', ['clarify', 'withdraw']],
    ['awaiting_journalist', 'otherReporter', []],
    ['awaiting_journalist', 'staff', []],
    ['awaiting_journalist', 'head', ['decline', 'close']],
    ['awaiting_journalist', 'supervisor', ['remind', 'close']],
    ['in_progress', 'reporter', ['withdraw']],
    ['in_progress', 'staff', ['assign', 'request_clarification', 'submit_answer', 'forward']],
    ['in_progress', 'otherStaff', ['assign', 'request_clarification', 'forward']],
    [
      'in_progress',
      'spokesperson',
      ['assign', 'request_clarification', 'submit_answer', 'decline', 'forward'],
    ],
    [
      'in_progress',
      'head',
      [
        'assign',
        'request_clarification',
        'submit_answer',
        'decline',
        'forward',
        'extend',
        'reassign',
        'close',
      ],
    ],
    ['in_progress', 'supervisor', ['extend', 'remind', 'reassign', 'close']],
    ['in_progress', 'foreignHead', []],
    ['pending_approval', 'reporter', ['withdraw']],
    ['pending_approval', 'staff', []],
    ['pending_approval', 'spokesperson', ['approve_answer', 'return_answer', 'decline']],
    [
      'pending_approval',
      'head',
      ['approve_answer', 'return_answer', 'decline', 'extend', 'reassign', 'close'],
    ],
    ['pending_approval', 'supervisor', ['extend', 'remind', 'reassign', 'close']],
    ['answered', 'reporter', ['acknowledge', 'follow_up']],
    ['answered', 'otherReporter', []],
    ['answered', 'staff', []],
    ['answered', 'head', []],
    ['answered', 'supervisor', []],
  ];

  it.each(table)('%s, %s', (status, name, expected) => {
    expect(allowedActions(STATES[status], actors[name])).toEqual(expected);
  });
});

describe('terminal statuses', () => {
  it('are closed, declined, forwarded and withdrawn', () => {
    expect(TERMINAL_STATUSES).toEqual(['closed', 'declined', 'forwarded', 'withdrawn']);
    expect(INFORMATION_REQUEST_STATUSES.filter((status) => isTerminal({ status }))).toEqual([
      ...TERMINAL_STATUSES,
    ]);
  });

  it.each(TERMINAL_STATUSES.map((s) => [s]))('%s allows nothing to anybody', (status) => {
    for (const name of ACTOR_NAMES) expect(allowedActions(STATES[status], actors[name])).toEqual([]);
  });
});
