/**
 * @module
 * The information-request state machine: `performAction` turns (state, actor, action, input, now) into the
 * next state plus whom to notify. Pure: the workflow calls it inside an Update handler, tests call it
 * directly. `validateAction` is what the Update validator runs: it throws before anything enters history.
 */
import type { Actor } from '../actor.ts';
import { ActionNotAllowedError, ForbiddenError, InvalidInputError } from '../errors.ts';
import {
  dueAt,
  extendClock,
  isPaused,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type Clock,
} from '../deadlines/clock.ts';
import type { ClockName, Role } from '../vocabulary.ts';
import { agencyRoles, person, type NotificationIntent } from './notifications.ts';
import { actionPayloadSchemas, type ActionPayload, type InformationRequestAction } from './payloads.ts';
import { allowedActions, mayPerform, mayView } from './permissions.ts';
import type { InformationRequestState, NewInformationRequest, TimelineEntry } from './state.ts';

export interface Transition {
  state: InformationRequestState;
  entry: TimelineEntry;
  notifications: NotificationIntent[];
}

const STAFF_TO_TELL: Role[] = ['agency_staff', 'spokesperson', 'agency_head'];
const APPROVERS: Role[] = ['spokesperson', 'agency_head'];

/** The state of a request just submitted, with its clocks started. */
export function openInformationRequest(input: NewInformationRequest): Transition {
  const clocks: Partial<Record<ClockName, Clock>> = {};
  for (const [name, rule] of Object.entries(input.rules) as [
    ClockName,
    NonNullable<(typeof input.rules)[ClockName]>,
  ][]) {
    clocks[name] = startClock(name, rule, input.submittedAt);
  }
  const entry: TimelineEntry = {
    seq: 1,
    at: input.submittedAt,
    type: 'submitted',
    actor: { ...input.journalist, role: 'journalist' },
    text: input.question,
  };
  const state: InformationRequestState = {
    contactId: input.contactId,
    kind: 'information_request',
    agencyId: input.agencyId,
    provinceId: input.provinceId,
    journalist: input.journalist,
    subject: input.subject,
    question: input.question,
    status: 'submitted',
    clocks,
    timeline: [entry],
    submittedAt: input.submittedAt,
    updatedAt: input.submittedAt,
    calendar: input.calendar,
  };
  const text = `Yêu cầu cung cấp thông tin mới: ${input.subject}`;
  return {
    state,
    entry,
    notifications: [{ recipient: agencyRoles(input.agencyId, STAFF_TO_TELL), type: 'new_request', text }],
  };
}

/**
 * Checks that `actor` may take `action` with `rawInput` now and returns the parsed input.
 * @throws ForbiddenError when the actor may not see the contact, ActionNotAllowedError when the status or
 * role does not allow the action, InvalidInputError when the input is malformed.
 */
export function validateAction<A extends InformationRequestAction>(
  state: InformationRequestState,
  actor: Actor,
  action: A,
  rawInput: unknown,
): ActionPayload<A> {
  if (!mayView(state, actor)) throw ForbiddenError.because('forbidden', 'You may not act on this contact.');
  if (!mayPerform(state, actor, action)) {
    throw ActionNotAllowedError.forStatus(action, state.status, allowedActions(state, actor));
  }
  const parsed = actionPayloadSchemas[action].safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw InvalidInputError.because(`Invalid input for '${action}'.`, issues);
  }
  const payload = parsed.data as ActionPayload<A>;
  if (action === 'extend') {
    const clockName = (payload as ActionPayload<'extend'>).clock;
    const clock = state.clocks[clockName];
    if (!clock || clock.stoppedAt !== undefined || isPaused(clock)) {
      throw InvalidInputError.because(`The '${clockName}' clock is not running, so it cannot be extended.`, [
        { path: 'clock', message: 'not running' },
      ]);
    }
  }
  return payload;
}

type Draft = Omit<Transition, 'entry'> & { entry: Omit<TimelineEntry, 'seq' | 'at' | 'type' | 'actor'> };
type Handler<A extends InformationRequestAction> = (
  s: InformationRequestState,
  a: Actor,
  p: ActionPayload<A>,
  now: number,
) => Draft;

const mapClocks = (s: InformationRequestState, names: ClockName[], f: (c: Clock) => Clock) => {
  const clocks = { ...s.clocks };
  for (const name of names) {
    const clock = clocks[name];
    if (clock) clocks[name] = f(clock);
  }
  return clocks;
};
const stop = (s: InformationRequestState, now: number, names: ClockName[]) =>
  mapClocks(s, names, (c) => stopClock(c, now));
const ALL: ClockName[] = ['first_response', 'answer'];
const toJournalist = (
  s: InformationRequestState,
  type: NotificationIntent['type'],
  text: string,
): NotificationIntent => ({
  recipient: person(s.journalist.sub),
  type,
  text: `${text}: ${s.subject}`,
});

const HANDLERS: { [A in InformationRequestAction]: Handler<A> } = {
  assign: (s, _a, p, now) => {
    const assignee = { sub: p.assigneeSub, name: p.assigneeName };
    return {
      state: { ...s, status: 'in_progress', assignee, clocks: stop(s, now, ['first_response']) },
      entry: { text: p.note, data: { assignee } },
      notifications: [
        { recipient: person(assignee.sub), type: 'assigned', text: `Bạn được giao xử lý: ${s.subject}` },
      ],
    };
  },
  request_clarification: (s, _a, p, now) => ({
    state: {
      ...s,
      status: 'awaiting_journalist',
      clocks: mapClocks({ ...s, clocks: stop(s, now, ['first_response']) }, ['answer'], (c) =>
        pauseClock(c, now, 'request_clarification'),
      ),
    },
    entry: { text: p.question, data: { clockPaused: 'answer' } },
    notifications: [toJournalist(s, 'clarification_requested', 'Cơ quan đề nghị làm rõ yêu cầu')],
  }),
  clarify: (s, _a, p, now) => {
    // A paused clock has no due date: `from` is the one in force before the pause (the open pause left out).
    const closed = s.clocks.answer && {
      ...s.clocks.answer,
      pauses: s.clocks.answer.pauses.filter((p) => p.to !== undefined),
    };
    const before = closed ? dueAt(closed, s.calendar) : undefined;
    const clocks = mapClocks(s, ['answer'], (c) => resumeClock(c, now));
    const after = clocks.answer ? dueAt(clocks.answer, s.calendar) : undefined;
    const tell = s.assignee ? person(s.assignee.sub) : agencyRoles(s.agencyId, STAFF_TO_TELL);
    return {
      state: { ...s, status: s.assignee ? 'in_progress' : 'submitted', clocks },
      entry: {
        text: p.text,
        data: {
          clockResumed: 'answer',
          dueMoved: { clock: 'answer', from: before, to: after, reason: 'clarification' },
        },
      },
      notifications: [{ recipient: tell, type: 'clarified', text: `Phóng viên đã làm rõ: ${s.subject}` }],
    };
  },
  submit_answer: (s, a, p, now) => ({
    state: { ...s, status: 'pending_approval', draftAnswer: { text: p.text, bySub: a.sub, at: now } },
    entry: { text: p.text },
    notifications: [
      {
        recipient: agencyRoles(s.agencyId, APPROVERS),
        type: 'answer_submitted',
        text: `Dự thảo trả lời chờ duyệt: ${s.subject}`,
      },
    ],
  }),
  approve_answer: (s, a, p, now) => ({
    state: {
      ...s,
      status: 'answered',
      answer: { text: s.draftAnswer?.text ?? '', approvedBy: { sub: a.sub, name: a.name }, at: now },
      clocks: stop(s, now, ALL),
    },
    entry: { text: p.note, data: { answer: s.draftAnswer?.text } },
    notifications: [toJournalist(s, 'answered', 'Cơ quan đã trả lời yêu cầu')],
  }),
  return_answer: (s, _a, p) => ({
    state: { ...s, status: 'in_progress' },
    entry: { text: p.reason },
    notifications: s.draftAnswer
      ? [
          {
            recipient: person(s.draftAnswer.bySub),
            type: 'answer_returned',
            text: `Dự thảo bị trả lại: ${s.subject}`,
          },
        ]
      : [],
  }),
  acknowledge: (s, _a, p) => ({
    state: { ...s, status: 'closed' },
    entry: { text: p.note },
    notifications: [],
  }),
  follow_up: (s, _a, p, now) => {
    const rule = s.clocks.answer?.rule;
    const clocks = rule ? { ...s.clocks, answer: startClock('answer', rule, now) } : s.clocks;
    const tell = s.assignee ? person(s.assignee.sub) : agencyRoles(s.agencyId, STAFF_TO_TELL);
    return {
      state: { ...s, status: s.assignee ? 'in_progress' : 'submitted', clocks },
      entry: { text: p.question, data: { clockRestarted: 'answer' } },
      notifications: [{ recipient: tell, type: 'follow_up', text: `Phóng viên hỏi thêm: ${s.subject}` }],
    };
  },
  decline: (s, _a, p, now) => ({
    state: {
      ...s,
      status: 'declined',
      decline: { ground: p.ground, explanation: p.explanation },
      clocks: stop(s, now, ALL),
    },
    entry: { text: p.explanation, data: { ground: p.ground } },
    notifications: [toJournalist(s, 'declined', 'Cơ quan từ chối cung cấp thông tin')],
  }),
  forward: (s, _a, p, now) => ({
    state: {
      ...s,
      status: 'forwarded',
      forwardedTo: { agencyId: p.toAgencyId, note: p.note },
      clocks: stop(s, now, ALL),
    },
    entry: { text: p.note, data: { toAgencyId: p.toAgencyId } },
    notifications: [toJournalist(s, 'forwarded', 'Yêu cầu đã được chuyển đến cơ quan có thẩm quyền')],
  }),
  withdraw: (s, _a, p, now) => ({
    state: { ...s, status: 'withdrawn', clocks: stop(s, now, ALL) },
    entry: { text: p.reason },
    notifications: [
      {
        recipient: agencyRoles(s.agencyId, STAFF_TO_TELL),
        type: 'withdrawn',
        text: `Phóng viên rút yêu cầu: ${s.subject}`,
      },
    ],
  }),
  extend: (s, a, p, now) => {
    const clock = s.clocks[p.clock];
    const before = clock ? dueAt(clock, s.calendar) : undefined;
    const clocks = mapClocks(s, [p.clock], (c) =>
      extendClock(c, { span: p.span, reason: p.reason, at: now, bySub: a.sub }),
    );
    const after = clocks[p.clock] ? dueAt(clocks[p.clock] as Clock, s.calendar) : undefined;
    return {
      state: { ...s, clocks },
      entry: {
        text: p.reason,
        data: { dueMoved: { clock: p.clock, from: before, to: after, reason: 'extension' }, span: p.span },
      },
      notifications: [toJournalist(s, 'extended', 'Thời hạn trả lời được gia hạn')],
    };
  },
  remind: (s, _a, p) => ({
    state: s,
    entry: { text: p.message },
    notifications: [
      {
        recipient: agencyRoles(s.agencyId, ['agency_head']),
        type: 'reminder',
        text: `Đôn đốc: ${s.subject}`,
      },
    ],
  }),
};

/** The role in which `actor` takes `action` (a person may hold several): the reporter's own actions as a
 * journalist, supervision as a supervisor when not of the agency, otherwise their highest agency role. */
function actingRole(
  state: InformationRequestState,
  actor: Actor,
  action: InformationRequestAction,
): Role | undefined {
  if (
    actor.sub === state.journalist.sub &&
    actor.roles.includes('journalist') &&
    ['clarify', 'acknowledge', 'follow_up', 'withdraw'].includes(action)
  ) {
    return 'journalist';
  }
  const agencyRole = (['agency_head', 'spokesperson', 'agency_staff'] as const).find(
    (r) => actor.agencyId === state.agencyId && actor.roles.includes(r),
  );
  return agencyRole ?? (actor.roles.includes('supervisor') ? 'supervisor' : actor.roles[0]);
}

/** Applies a validated action. Call `validateAction` first: this function trusts its input. */
export function performAction<A extends InformationRequestAction>(
  state: InformationRequestState,
  actor: Actor,
  action: A,
  input: ActionPayload<A>,
  now: number,
): Transition {
  const draft = (HANDLERS[action] as Handler<A>)(state, actor, input, now);
  const role = actingRole(state, actor, action);
  const entry: TimelineEntry = {
    seq: state.timeline.length + 1,
    at: now,
    type: action,
    actor: { sub: actor.sub, name: actor.name, role },
    ...draft.entry,
  };
  return {
    state: { ...draft.state, timeline: [...state.timeline, entry], updatedAt: now },
    entry,
    notifications: draft.notifications,
  };
}
