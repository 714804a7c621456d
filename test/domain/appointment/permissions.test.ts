import { describe, expect, it } from 'vitest';
import type { AppointmentState } from '../../../domain/appointment/index.ts';
import { APPOINTMENT_STATUSES, APPOINTMENT_TERMINAL } from '../../../domain/appointment/index.ts';
import { ActionNotAllowedError } from '../../../domain/errors.ts';
import { isTerminal, mayView } from '../../../domain/contact/machine.ts';
import { ACTIONS } from '../../../domain/vocabulary.ts';
import {
  act,
  actors,
  allowedActions,
  APPOINTMENT_ACTIONS,
  inStatus,
  kind,
  mayPerform,
  SAMPLE_INPUT,
  SLOT_THU,
  validate,
  type ActorName,
  type AppointmentAction,
} from './fixtures.ts';

/**
 * Where the table is read: each status, at the moment it was reached; `scheduled` twice, before the meeting
 * and once it has begun (record_result needs it begun). In `scheduled` the fixture's assignee is `staff`.
 */
type Situation = (typeof APPOINTMENT_STATUSES)[number] | 'scheduled_begun';
const SITUATIONS: Record<Situation, { state: AppointmentState; now: number }> = {
  ...(Object.fromEntries(
    APPOINTMENT_STATUSES.map((s) => {
      const state = inStatus(s);
      return [s, { state, now: state.updatedAt }];
    }),
  ) as Record<(typeof APPOINTMENT_STATUSES)[number], { state: AppointmentState; now: number }>),
  scheduled_begun: { state: inStatus('scheduled'), now: SLOT_THU.start },
};
const SITUATION_NAMES = Object.keys(SITUATIONS) as Situation[];
const ACTOR_NAMES = Object.keys(actors) as ActorName[];
const MEMBERS: ActorName[] = ['staff', 'otherStaff', 'spokesperson', 'head'];
const APPROVERS: ActorName[] = ['spokesperson', 'head'];
const OPEN: Situation[] = ['submitted', 'awaiting_journalist', 'scheduled', 'scheduled_begun'];
const SUPERVISION: ActorName[] = ['head', 'supervisor'];

/** The expected table (issue 7 §3): the situations that allow the action and who may take it there. */
const EXPECTED: Record<
  AppointmentAction,
  { from: Situation[]; who: ActorName[]; whoIn?: Partial<Record<Situation, ActorName[]>> }
> = {
  assign: { from: OPEN, who: MEMBERS },
  // The journalist's slots are on the table only while submitted.
  accept: { from: ['submitted'], who: MEMBERS },
  propose_time: { from: ['submitted'], who: MEMBERS },
  confirm: { from: ['awaiting_journalist'], who: ['reporter'] },
  // Either side before the meeting begins; the journalist also instead of the agency's counter-proposal.
  reschedule: {
    from: ['scheduled', 'awaiting_journalist'],
    who: ['reporter', ...MEMBERS],
    whoIn: { awaiting_journalist: ['reporter'] },
  },
  // Not once the meeting has begun: its result (held or not) is recorded instead.
  cancel: { from: ['submitted', 'awaiting_journalist', 'scheduled'], who: ['reporter', ...MEMBERS] },
  record_result: { from: ['scheduled_begun'], who: MEMBERS },
  acknowledge: { from: ['completed', 'not_held'], who: ['reporter'] },
  decline: { from: ['submitted', 'awaiting_journalist'], who: APPROVERS },
  forward: { from: ['submitted'], who: MEMBERS },
  withdraw: { from: ['submitted', 'awaiting_journalist'], who: ['reporter'] },
  // Only while a clock runs: the response clock while submitted, the record clock once scheduled; none while
  // the journalist considers a counter-proposal.
  extend: { from: ['submitted', 'scheduled', 'scheduled_begun'], who: SUPERVISION },
  remind: { from: OPEN, who: ['supervisor'] },
  // Only once someone is assigned (the fixture assigns on the way to `scheduled`).
  reassign: { from: ['scheduled', 'scheduled_begun'], who: SUPERVISION },
  close: { from: OPEN, who: SUPERVISION },
};

const cases = APPOINTMENT_ACTIONS.flatMap((action) =>
  SITUATION_NAMES.map((situation) => [action, situation] as const),
);
const who = (action: AppointmentAction, situation: Situation) => {
  const { state, now } = SITUATIONS[situation];
  return ACTOR_NAMES.filter((name) => mayPerform(state, actors[name], action, now));
};
const expected = (action: AppointmentAction, situation: Situation) =>
  EXPECTED[action].from.includes(situation)
    ? (EXPECTED[action].whoIn?.[situation] ?? EXPECTED[action].who)
    : [];

describe('mayPerform: every action × status × role', () => {
  it('covers every action of the kind, all in the shared vocabulary', () => {
    expect(Object.keys(kind.actions)).toEqual([...APPOINTMENT_ACTIONS]);
    expect(Object.keys(EXPECTED).sort()).toEqual([...APPOINTMENT_ACTIONS].sort());
    for (const action of APPOINTMENT_ACTIONS) expect(ACTIONS).toContain(action);
  });

  it.each(cases)('%s in %s', (action, situation) => {
    expect(who(action, situation)).toEqual(expected(action, situation));
  });

  it('neither reschedule nor cancel is offered once the meeting has begun', () => {
    const { state, now } = SITUATIONS.scheduled_begun;
    expect(allowedActions(state, actors.reporter, now)).not.toContain('reschedule');
    expect(() => validate(state, actors.reporter, 'reschedule', SAMPLE_INPUT.reschedule, now)).toThrow(
      ActionNotAllowedError,
    );
    expect(() => validate(state, actors.staff, 'cancel', { reason: 'Hoãn.' }, now)).toThrow(
      ActionNotAllowedError,
    );
  });
});

describe('validateAction agrees with the table', () => {
  it('every sample input is valid for a user allowed to act, where the table allows it', () => {
    const where: Record<AppointmentAction, [ActorName, Situation]> = {
      assign: ['staff', 'submitted'],
      accept: ['staff', 'submitted'],
      propose_time: ['spokesperson', 'submitted'],
      confirm: ['reporter', 'awaiting_journalist'],
      reschedule: ['reporter', 'scheduled'],
      cancel: ['head', 'scheduled'],
      record_result: ['staff', 'scheduled_begun'],
      acknowledge: ['reporter', 'completed'],
      decline: ['head', 'awaiting_journalist'],
      forward: ['otherStaff', 'submitted'],
      withdraw: ['reporter', 'awaiting_journalist'],
      extend: ['supervisor', 'submitted'],
      remind: ['supervisor', 'scheduled'],
      reassign: ['head', 'scheduled'],
      close: ['supervisor', 'awaiting_journalist'],
    };
    for (const action of APPOINTMENT_ACTIONS) {
      const [name, situation] = where[action];
      const { state, now } = SITUATIONS[situation];
      expect(() => act(state, actors[name], action, SAMPLE_INPUT[action], now), action).not.toThrow();
    }
  });

  it('record_result before the meeting’s start is not allowed, and says what is', () => {
    const { state, now } = SITUATIONS.scheduled;
    expect(() => validate(state, actors.staff, 'record_result', SAMPLE_INPUT.record_result, now)).toThrow(
      ActionNotAllowedError,
    );
    expect(() =>
      validate(state, actors.staff, 'record_result', SAMPLE_INPUT.record_result, SLOT_THU.start - 1),
    ).toThrow(ActionNotAllowedError);
    expect(() =>
      validate(state, actors.staff, 'record_result', SAMPLE_INPUT.record_result, SLOT_THU.start),
    ).not.toThrow();
  });
});

describe('mayView', () => {
  it.each([
    ['reporter', true],
    ['staff', true],
    ['head', true],
    ['supervisor', true],
    ['otherReporter', false],
    ['foreignStaff', false],
    ['foreignHead', false],
    ['foreignSupervisor', false],
    ['admin', false],
  ] as [ActorName, boolean][])('%s → %s', (name, sees) => {
    for (const { state } of Object.values(SITUATIONS)) expect(mayView(state, actors[name])).toBe(sees);
  });
});

describe('allowedActions for typical users', () => {
  it.each([
    ['submitted', 'reporter', ['cancel', 'withdraw']],
    ['submitted', 'staff', ['assign', 'accept', 'propose_time', 'cancel', 'forward']],
    [
      'submitted',
      'head',
      ['assign', 'accept', 'propose_time', 'cancel', 'decline', 'forward', 'extend', 'close'],
    ],
    ['submitted', 'supervisor', ['extend', 'remind', 'close']],
    ['awaiting_journalist', 'reporter', ['confirm', 'reschedule', 'cancel', 'withdraw']],
    ['awaiting_journalist', 'staff', ['assign', 'cancel']],
    ['scheduled', 'reporter', ['reschedule', 'cancel']],
    ['scheduled', 'staff', ['assign', 'reschedule', 'cancel']],
    ['scheduled', 'supervisor', ['extend', 'remind', 'reassign', 'close']],
    ['completed', 'reporter', ['acknowledge']],
    ['completed', 'head', []],
    ['not_held', 'reporter', ['acknowledge']],
  ] as [Situation, ActorName, AppointmentAction[]][])('%s, %s', (situation, name, list) => {
    const { state, now } = SITUATIONS[situation];
    expect(allowedActions(state, actors[name], now)).toEqual(list);
  });
});

describe('terminal statuses', () => {
  it('are closed, declined, forwarded, cancelled and withdrawn', () => {
    expect(APPOINTMENT_TERMINAL).toEqual(['closed', 'declined', 'forwarded', 'cancelled', 'withdrawn']);
    expect(APPOINTMENT_STATUSES.filter((status) => isTerminal(kind, { status }))).toEqual([
      ...APPOINTMENT_TERMINAL,
    ]);
  });

  it.each(APPOINTMENT_TERMINAL.map((s) => [s]))('%s allows nothing to anybody', (status) => {
    const { state, now } = SITUATIONS[status];
    for (const name of ACTOR_NAMES) expect(allowedActions(state, actors[name], now)).toEqual([]);
  });
});
