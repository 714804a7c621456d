import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/actor.ts';
import {
  ActionNotAllowedError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
} from '../../../domain/errors.ts';
import { validateAction } from '../../../domain/information-request/index.ts';
import {
  actionPayloadSchemas,
  INFORMATION_REQUEST_ACTIONS,
  isInformationRequestAction,
  type InformationRequestAction,
} from '../../../domain/information-request/index.ts';
import type { InformationRequestState } from '../../../domain/information-request/index.ts';
import { ACTIONS } from '../../../domain/vocabulary.ts';
import { act, actors, AGENCY, contextFor, inStatus, SAMPLE_INPUT, type ActorName } from './fixtures.ts';

/** Runs `fn`, expecting it to throw; returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const validate = (
  state: InformationRequestState,
  actor: Actor,
  action: InformationRequestAction,
  input: unknown,
) => thrown(() => validateAction(state, actor, action, input));

const submitted = inStatus('submitted');
const inProgress = inStatus('in_progress');
const pending = inStatus('pending_approval');

describe('validateAction: who', () => {
  it.each(['otherReporter', 'foreignStaff', 'foreignHead', 'foreignSupervisor', 'admin'] as ActorName[])(
    'a stranger (%s) gets ForbiddenError',
    (name) => {
      const error = validate(submitted, actors[name], 'assign', SAMPLE_INPUT.assign);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ name: 'ForbiddenError', code: 'forbidden' });
    },
  );

  it('a stranger is refused before the payload is looked at', () => {
    expect(validate(submitted, actors.admin, 'assign', { nonsense: true })).toBeInstanceOf(ForbiddenError);
  });
});

describe('validateAction: when', () => {
  it('a wrong status names the status and the actions allowed instead', () => {
    const error = validate(submitted, actors.staff, 'submit_answer', SAMPLE_INPUT.submit_answer);
    expect(error).toBeInstanceOf(ActionNotAllowedError);
    expect(error).toMatchObject({
      name: 'ActionNotAllowedError',
      code: 'action_not_allowed',
      message: "Action 'submit_answer' is not allowed in status 'submitted'.",
      details: {
        action: 'submit_answer',
        contactStatus: 'submitted',
        allowedActions: ['assign', 'request_clarification', 'forward'],
      },
    });
  });

  it('a wrong role in the right status is also ActionNotAllowedError', () => {
    expect(validate(pending, actors.staff, 'approve_answer', {})).toMatchObject({
      name: 'ActionNotAllowedError',
      details: { action: 'approve_answer', contactStatus: 'pending_approval', allowedActions: [] },
    });
    expect(validate(inProgress, actors.reporter, 'assign', SAMPLE_INPUT.assign)).toMatchObject({
      details: { contactStatus: 'in_progress', allowedActions: ['withdraw'] },
    });
  });

  it('the status is checked before the payload', () => {
    expect(validate(inStatus('closed'), actors.reporter, 'follow_up', {})).toBeInstanceOf(
      ActionNotAllowedError,
    );
  });
});

describe('validateAction: what', () => {
  const issuesOf = (
    state: InformationRequestState,
    actor: Actor,
    action: InformationRequestAction,
    input: unknown,
  ) => {
    const error = validate(state, actor, action, input);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'invalid_input', message: `Invalid input for '${action}'.` });
    return (error as InvalidInputError).details['issues'] as { path: string; message: string }[];
  };

  it('missing text', () => {
    expect(issuesOf(inProgress, actors.staff, 'submit_answer', {}).map((i) => i.path)).toEqual(['text']);
    expect(issuesOf(inProgress, actors.staff, 'submit_answer', undefined).map((i) => i.path)).toEqual([
      'text',
    ]);
  });

  it('blank text (only spaces) counts as missing', () => {
    expect(issuesOf(inProgress, actors.staff, 'submit_answer', { text: '   ' }).map((i) => i.path)).toEqual([
      'text',
    ]);
    expect(issuesOf(pending, actors.head, 'return_answer', { reason: '\n\t' }).map((i) => i.path)).toEqual([
      'reason',
    ]);
  });

  it('too long text', () => {
    expect(issuesOf(inProgress, actors.staff, 'submit_answer', { text: 'a'.repeat(20_001) })).toHaveLength(1);
    expect(
      (
        validateAction(inProgress, actors.staff, 'submit_answer', { text: 'a'.repeat(20_000) }) as {
          text: string;
        }
      ).text,
    ).toHaveLength(20_000);
    expect(
      issuesOf(submitted, actors.staff, 'request_clarification', { question: 'x'.repeat(4001) })[0]?.path,
    ).toBe('question');
  });

  it('a bad decline ground, and a missing explanation', () => {
    const issues = issuesOf(submitted, actors.head, 'decline', { ground: 'inconvenient' });
    expect(issues.map((i) => i.path).sort()).toEqual(['explanation', 'ground']);
  });

  it.each([
    ['a negative amount', { unit: 'working_days', amount: -1 }],
    ['a fractional working-day count', { unit: 'working_days', amount: 1.5 }],
    ['an unknown unit', { unit: 'weeks', amount: 1 }],
    ['a duration in months', { unit: 'duration', iso: 'P1M' }],
    ['no span', undefined],
  ])('extend with %s', (_label, span) => {
    const issues = issuesOf(inProgress, actors.head, 'extend', { span, reason: 'Cần thêm thời gian' });
    expect(issues.map((i) => i.path)).toEqual(['span']);
  });

  it('extend with an unknown clock or no reason', () => {
    const issues = issuesOf(inProgress, actors.head, 'extend', {
      clock: 'coffee',
      span: { unit: 'hours', amount: 4 },
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['clock', 'reason']);
  });

  // Issue 7 §1: the assignee comes from the registry (`context.assignee`), not from the request. The request
  // needs only the subject; a name it sends is ignored, and without a registry fact the action is refused.
  it('assign needs the assignee’s subject, not their name', () => {
    expect(issuesOf(submitted, actors.staff, 'assign', {}).map((i) => i.path)).toEqual(['assigneeSub']);
    expect(
      validateAction(
        submitted,
        actors.staff,
        'assign',
        { assigneeSub: 's-1' },
        contextFor({ assigneeSub: 's-1' }),
      ),
    ).toEqual({ assigneeSub: 's-1' });
  });

  it('assign is refused without the registry’s assignee (not a member of the agency, or made up)', () => {
    for (const assigneeSub of ['fs-1', 'nobody']) {
      const input = { assigneeSub, assigneeName: 'Tên bịa' };
      const error = thrown(() => validateAction(submitted, actors.staff, 'assign', input, contextFor(input)));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toBe("'assign' needs 'assignee' from the registry.");
      expect((error as InvalidInputError).details['issues']).toEqual([
        { path: 'assignee', message: 'missing registry fact' },
      ]);
    }
  });

  it('assign takes the name from the registry, never from the request', () => {
    const input = { assigneeSub: 's-2', assigneeName: 'Giám đốc Sở' };
    const t = act(submitted, actors.staff, 'assign', input, submitted.updatedAt + 1);
    expect(t.state.assignee).toEqual({ sub: 's-2', name: 'Phạm Thị D' });
    expect(t.entry.data).toEqual({ assignee: { sub: 's-2', name: 'Phạm Thị D' } });
  });

  it('forward needs the registry’s agency, and not the contact’s own', () => {
    const input = { toAgencyId: 'so-xay-dung-qt', note: 'Thuộc thẩm quyền.' };
    // No registry fact: the agency does not exist (or is inactive).
    expect(thrown(() => validateAction(submitted, actors.staff, 'forward', input, {}))).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'toAgency', message: 'missing registry fact' }] },
    });
    // A registry fact about another agency than the one asked for.
    expect(
      thrown(() =>
        validateAction(submitted, actors.staff, 'forward', input, {
          toAgency: { id: 'so-khac', name: 'Sở khác' },
        }),
      ),
    ).toMatchObject({ code: 'invalid_input', details: { issues: [{ path: 'toAgencyId' }] } });
    // The contact's own agency.
    const own = { toAgencyId: AGENCY, note: 'Thuộc thẩm quyền.' };
    expect(
      thrown(() => validateAction(submitted, actors.staff, 'forward', own, contextFor(own))),
    ).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'toAgencyId', message: 'must be another active agency' }] },
    });
    expect(validateAction(submitted, actors.staff, 'forward', input, contextFor(input))).toEqual(input);
  });

  it('forward needs a target agency and a note', () => {
    expect(
      issuesOf(submitted, actors.staff, 'forward', {})
        .map((i) => i.path)
        .sort(),
    ).toEqual(['note', 'toAgencyId']);
  });
});

describe('validateAction: the parsed payload', () => {
  it('trims text and drops unknown keys', () => {
    expect(
      validateAction(submitted, actors.staff, 'request_clarification', { question: '  Cơ sở nào? ', x: 1 }),
    ).toEqual({
      question: 'Cơ sở nào?',
    });
  });

  // The shared `extend` (issue 7) leaves `clock` optional in the payload: the kind's main clock (the answer,
  // for an information request) is chosen when the action applies — see ending-and-supervision.test.ts.
  it('extend leaves the clock out when none is given', () => {
    const parsed = validateAction(inProgress, actors.head, 'extend', {
      span: { unit: 'duration', iso: 'PT2H' },
      reason: 'Lý do',
    });
    expect(parsed).toEqual({ span: { unit: 'duration', iso: 'PT2H' }, reason: 'Lý do' });
    const t = act(inProgress, actors.head, 'extend', parsed, inProgress.updatedAt + 1);
    expect(t.entry.data?.['dueMoved']).toMatchObject({ clock: 'answer' });
    expect(t.state.clocks.answer?.extensions).toHaveLength(1);
  });

  it('every sample input is valid for a user allowed to act', () => {
    const who: Record<InformationRequestAction, [ActorName, Parameters<typeof inStatus>[0]]> = {
      assign: ['staff', 'submitted'],
      request_clarification: ['staff', 'submitted'],
      clarify: ['reporter', 'awaiting_journalist'],
      submit_answer: ['staff', 'in_progress'],
      approve_answer: ['head', 'pending_approval'],
      return_answer: ['head', 'pending_approval'],
      acknowledge: ['reporter', 'answered'],
      follow_up: ['reporter', 'answered'],
      decline: ['head', 'submitted'],
      forward: ['staff', 'submitted'],
      withdraw: ['reporter', 'submitted'],
      extend: ['supervisor', 'in_progress'],
      remind: ['supervisor', 'submitted'],
      reassign: ['head', 'in_progress'],
      close: ['supervisor', 'submitted'],
    };
    for (const action of INFORMATION_REQUEST_ACTIONS) {
      const [name, status] = who[action]!;
      // `contextFor`: the registry facts the API would look up (assign, reassign and forward need them now).
      expect(() =>
        validateAction(
          inStatus(status),
          actors[name],
          action,
          SAMPLE_INPUT[action],
          contextFor(SAMPLE_INPUT[action]),
        ),
      ).not.toThrow();
    }
  });
});

describe('payloads', () => {
  it('the information-request actions are a subset of the shared vocabulary', () => {
    for (const action of INFORMATION_REQUEST_ACTIONS) expect(ACTIONS).toContain(action);
    expect(INFORMATION_REQUEST_ACTIONS).toEqual(Object.keys(actionPayloadSchemas));
  });

  it('isInformationRequestAction', () => {
    expect(isInformationRequestAction('assign')).toBe(true);
    expect(isInformationRequestAction('accept')).toBe(false);
    expect(isInformationRequestAction('toString')).toBe(false);
    expect(isInformationRequestAction('__proto__')).toBe(false);
  });
});
