/**
 * Shared fixtures for the appointment unit tests: the cast of actors of the information-request tests, an
 * appointment opened with the default appointment rules and slots in office hours of working days, a host
 * from the registry, and helpers that drive it through validated actions.
 */
import type { Actor } from '../../../domain/actor.ts';
import {
  appointmentKind,
  type AppointmentState,
  type AppointmentStatus,
  type Slot,
} from '../../../domain/appointment/index.ts';
import { defaultCalendar, toLocalDate } from '../../../domain/calendar/index.ts';
import type { ActionContext } from '../../../domain/contact/define.ts';
import * as machine from '../../../domain/contact/machine.ts';
import type { Transition } from '../../../domain/contact/state.ts';
import {
  CURRENT_TIMER_PLAN,
  fireNextTimer as fireTimer,
  nextTimer as pendingTimer,
} from '../../../domain/contact/timers.ts';
import { toContactView } from '../../../domain/contact/view.ts';
import type { AppointmentView } from '../../../domain/appointment/view.ts';
import {
  DEFAULT_DEADLINE_RULES,
  rulesForContact,
  type ContactRules,
} from '../../../domain/deadlines/rules.ts';
import {
  actors,
  contextFor as requestContextFor,
  HOUR,
  vn,
  type ActorName,
} from '../information-request/fixtures.ts';

export {
  actors,
  AGENCY,
  HOUR,
  OTHER_AGENCY,
  PROVINCE,
  vn,
  endOf,
  type ActorName,
} from '../information-request/fixtures.ts';

export const kind = appointmentKind;
/** The appointment's actions, in the kind's order (permissions.test.ts checks this against the kind). */
export const APPOINTMENT_ACTIONS = [
  'assign',
  'accept',
  'propose_time',
  'confirm',
  'reschedule',
  'cancel',
  'record_result',
  'acknowledge',
  'decline',
  'forward',
  'withdraw',
  'extend',
  'remind',
  'reassign',
  'close',
] as const;
export type AppointmentAction = (typeof APPOINTMENT_ACTIONS)[number];

/** Mon 9 Mar 2026, 09:00 in Vietnam: the journalist proposes. */
export const T0 = vn('2026-03-09T09:00');

/** A slot on local day `day` from `from` to `to` (wall-clock times in Vietnam). */
export const slot = (day: string, from: string, to: string): Slot => ({
  start: vn(`${day}T${from}`),
  end: vn(`${day}T${to}`),
});
/** A slot as the API receives it: ISO 8601 with an offset. */
export const isoSlot = (s: Slot) => ({
  start: new Date(s.start).toISOString(),
  end: new Date(s.end).toISOString(),
});

/** The journalist's proposals: Thu 12 Mar 09:00–10:00 and Mon 16 Mar 14:00–15:30. */
export const SLOT_THU = slot('2026-03-12', '09:00', '10:00');
export const SLOT_MON = slot('2026-03-16', '14:00', '15:30');
/** The agency's counter-proposals: Fri 13 Mar 08:00–09:00 and Tue 17 Mar 15:00–16:00. */
export const SLOT_FRI = slot('2026-03-13', '08:00', '09:00');
export const SLOT_TUE = slot('2026-03-17', '15:00', '16:00');

/** The default appointment rules in force on the day of `at`: first response, record result, auto close. */
export function appointmentRules(at: number): ContactRules {
  return rulesForContact(
    DEFAULT_DEADLINE_RULES,
    'appointment',
    ['first_response', 'record_result', 'auto_close'],
    toLocalDate(at),
  );
}

export interface OpenOptions {
  at?: number;
  slots?: Slot[];
  rules?: ContactRules;
  provinceId?: string | undefined;
}

/** Opens an appointment from `actors.reporter` to `AGENCY` at `at` (default {@link T0}). */
export function open(options: OpenOptions = {}): Transition<AppointmentState> {
  const at = options.at ?? T0;
  return appointmentKind.openContact({
    contactId: 'LV-2026-0001',
    agencyId: 'so-y-te-qt',
    provinceId: 'provinceId' in options ? options.provinceId : 'quang-tri',
    journalist: { sub: actors.reporter.sub, name: actors.reporter.name },
    subject: 'Phỏng vấn về bệnh viện tỉnh',
    questions: 'Tiến độ xây dựng và nguồn vốn của bệnh viện tỉnh mới?',
    format: 'in_person',
    participants: 'Giám đốc Sở Y tế',
    proposedSlots: options.slots ?? [SLOT_THU, SLOT_MON],
    submittedAt: at,
    rules: options.rules ?? appointmentRules(at),
    calendar: defaultCalendar(),
  });
}

/** The spokesperson as the registry knows them: the host the API resolves from `hostId`. */
export const HOST = { id: 'sp-1', name: 'Hoàng Văn E', title: 'Người phát ngôn' };
/** The host context of an action: `{ host: { id, name } }`. */
export const HOST_CONTEXT: ActionContext = { host: HOST };

/** The registry facts the API would look up for `input`: assignee, competent agency, and the host. */
export function contextFor(input: unknown): ActionContext {
  const i = (input ?? {}) as Record<string, unknown>;
  return {
    ...requestContextFor(input),
    ...(i['hostId'] === HOST.id ? HOST_CONTEXT : {}),
  };
}

/** Validates then performs `action` at `now`, as the workflow's Update validator and handler do. */
export function act(
  state: AppointmentState,
  actor: Actor,
  action: AppointmentAction,
  input: unknown,
  now: number,
  context: ActionContext = contextFor(input),
): Transition<AppointmentState> {
  const payload = machine.validateAction(kind, state, actor, action, input, context, now);
  return machine.performAction(kind, state, actor, action, payload, context, now);
}

export const validate = (
  state: AppointmentState,
  actor: Actor,
  action: AppointmentAction,
  input: unknown,
  now: number,
  context: ActionContext = contextFor(input),
) => machine.validateAction(kind, state, actor, action, input, context, now);

export const mayPerform = (state: AppointmentState, actor: Actor, action: AppointmentAction, now: number) =>
  machine.mayPerform(kind, state, actor, action, now);
export const allowedActions = (state: AppointmentState, actor: Actor, now: number) =>
  machine.allowedActions(kind, state, actor, now);
export const view = (state: AppointmentState, actor: Actor, now: number) =>
  toContactView(kind, state, actor, now) as unknown as AppointmentView;
export const nextTimer = (state: AppointmentState) => pendingTimer(kind, state, CURRENT_TIMER_PLAN);
export const fireNextTimer = (state: AppointmentState, now: number) =>
  fireTimer(kind, state, now, CURRENT_TIMER_PLAN);

/** Fires timers one by one at `now` until none is due. */
export function fireAll(state: AppointmentState, now: number): Transition<AppointmentState>[] {
  const fired: Transition<AppointmentState>[] = [];
  for (let t = fireNextTimer(state, now); t; t = fireNextTimer(t.state, now)) fired.push(t);
  return fired;
}

/** Typical inputs, so steps need only name the action. */
export const SAMPLE_INPUT: Record<AppointmentAction, unknown> = {
  assign: { assigneeSub: actors.staff.sub, note: 'Chuẩn bị số liệu.' },
  accept: { slot: 0, place: 'Phòng họp tầng 2, Sở Y tế', hostId: HOST.id },
  propose_time: {
    slots: [isoSlot(SLOT_FRI), isoSlot(SLOT_TUE)],
    place: 'Phòng họp tầng 2, Sở Y tế',
    hostId: HOST.id,
    note: 'Lãnh đạo bận vào các ngày đề xuất.',
  },
  confirm: { slot: 0 },
  reschedule: { slots: [isoSlot(slot('2026-03-18', '09:00', '10:00'))], reason: 'Có việc đột xuất.' },
  cancel: { reason: 'Không còn cần thiết.' },
  record_result: {
    held: true,
    summary: 'Đã làm việc với lãnh đạo Sở.',
    informationProvided: 'Tiến độ đạt 70%, vốn ngân sách tỉnh.',
  },
  acknowledge: {},
  decline: { ground: 'under_investigation', explanation: 'Dự án đang được thanh tra.' },
  forward: { toAgencyId: 'so-tai-chinh-hn', note: 'Thuộc thẩm quyền Sở Tài chính.' },
  withdraw: { reason: 'Đã có thông tin.' },
  extend: { span: { unit: 'working_days', amount: 1 }, reason: 'Lãnh đạo đi công tác.' },
  remind: { message: 'Đề nghị phản hồi đúng hạn.' },
  reassign: { assigneeSub: actors.otherStaff.sub, reason: 'Cán bộ cũ đi công tác.' },
  close: { reason: 'Nhà báo đã làm việc qua họp báo.' },
};

export interface Step {
  actor: ActorName;
  action: AppointmentAction;
  input?: unknown;
  /** When: an instant, or hours after the previous step (default 1). */
  at?: number;
}

/** Runs `steps` from `start` (default: a fresh appointment at T0); returns every transition and the last state. */
export function run(steps: readonly Step[], start: Transition<AppointmentState> = open()) {
  const transitions: Transition<AppointmentState>[] = [start];
  let state = start.state;
  let now = state.updatedAt;
  for (const step of steps) {
    now = step.at ?? now + HOUR;
    const t = act(state, actors[step.actor], step.action, step.input ?? SAMPLE_INPUT[step.action], now);
    transitions.push(t);
    state = t.state;
  }
  return { state, transitions, now };
}

const HELD_AT = SLOT_THU.start + HOUR;

/** Steps that bring a fresh appointment into each status (scheduled: assigned, Thu 12 Mar 09:00). */
export const PATH_TO: Record<AppointmentStatus, Step[]> = {
  submitted: [],
  awaiting_journalist: [{ actor: 'staff', action: 'propose_time' }],
  scheduled: [
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'accept' },
  ],
  completed: [
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'accept' },
    { actor: 'staff', action: 'record_result', at: HELD_AT },
  ],
  not_held: [
    { actor: 'staff', action: 'accept' },
    {
      actor: 'staff',
      action: 'record_result',
      at: HELD_AT,
      input: {
        held: false,
        reason: 'Nhà báo không đến.',
        summary: 'Không làm việc.',
        informationProvided: 'Không có.',
      },
    },
  ],
  closed: [
    { actor: 'staff', action: 'accept' },
    { actor: 'staff', action: 'record_result', at: HELD_AT },
    { actor: 'reporter', action: 'acknowledge' },
  ],
  declined: [{ actor: 'head', action: 'decline' }],
  forwarded: [{ actor: 'staff', action: 'forward' }],
  cancelled: [
    { actor: 'staff', action: 'accept' },
    { actor: 'reporter', action: 'cancel' },
  ],
  withdrawn: [{ actor: 'reporter', action: 'withdraw' }],
};

/** An appointment in `status`, reached through real actions. */
export function inStatus(status: AppointmentStatus): AppointmentState {
  const { state } = run(PATH_TO[status]);
  if (state.status !== status) throw new Error(`fixture did not reach ${status} (got ${state.status})`);
  return state;
}
