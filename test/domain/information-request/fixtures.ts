/**
 * Shared fixtures for the information-request unit tests: a cast of actors, fixed instants in Vietnam time and
 * helpers that open a request and drive it through validated actions.
 */
import type { Actor } from '../../../domain/actor.ts';
import { dueAt } from '../../../domain/deadlines/clock.ts';
import {
  defaultCalendar,
  endOfLocalDay,
  toLocalDate,
  type LocalDate,
} from '../../../domain/calendar/index.ts';
import {
  DEFAULT_DEADLINE_RULES,
  rulesForContact,
  type ContactRules,
  type DeadlineRule,
} from '../../../domain/deadlines/rules.ts';
import type { ActionContext } from '../../../domain/contact/define.ts';
import {
  openInformationRequest,
  performAction,
  validateAction,
  type InformationRequestAction,
  type InformationRequestState,
  type Transition,
} from '../../../domain/information-request/index.ts';
import { CLOCK_NAMES, type ClockName, type InformationRequestStatus } from '../../../domain/vocabulary.ts';

/** An instant given as a wall-clock time in Vietnam, e.g. `vn('2026-03-09T09:00')`. */
export const vn = (local: string): number => Date.parse(`${local}+07:00`);

/** The end (24:00 minus 1 ms) of a local day: what working-day deadlines resolve to. */
export const endOf = (d: LocalDate): number => endOfLocalDay(d);

/** Mon 9 Mar 2026, 09:00 in Vietnam: an ordinary week with no day off. */
export const T0 = vn('2026-03-09T09:00');
export const HOUR = 3_600_000;

export const AGENCY = 'so-y-te-qt';
export const OTHER_AGENCY = 'so-tai-chinh-hn';
export const PROVINCE = 'quang-tri';
export const OTHER_PROVINCE = 'ha-noi';

const agencyActor = (sub: string, name: string, role: Actor['roles'][number], agencyId = AGENCY): Actor => ({
  sub,
  name,
  roles: [role],
  agencyId,
  provinceId: agencyId === AGENCY ? PROVINCE : OTHER_PROVINCE,
});

export const actors = {
  reporter: { sub: 'j-1', name: 'Nguyễn Văn A', roles: ['journalist'] },
  otherReporter: { sub: 'j-2', name: 'Trần Thị B', roles: ['journalist'] },
  staff: agencyActor('s-1', 'Lê Văn C', 'agency_staff'),
  otherStaff: agencyActor('s-2', 'Phạm Thị D', 'agency_staff'),
  spokesperson: agencyActor('sp-1', 'Hoàng Văn E', 'spokesperson'),
  head: agencyActor('h-1', 'Đỗ Thị F', 'agency_head'),
  foreignStaff: agencyActor('fs-1', 'Vũ Văn G', 'agency_staff', OTHER_AGENCY),
  foreignSpokesperson: agencyActor('fsp-1', 'Bùi Văn H', 'spokesperson', OTHER_AGENCY),
  foreignHead: agencyActor('fh-1', 'Ngô Thị I', 'agency_head', OTHER_AGENCY),
  supervisor: {
    sub: 'sv-1',
    name: 'Đặng Văn K',
    roles: ['supervisor'],
    agencyId: 'so-vhttdl-qt',
    provinceId: PROVINCE,
  },
  foreignSupervisor: {
    sub: 'sv-2',
    name: 'Lý Thị L',
    roles: ['supervisor'],
    agencyId: 'so-vhttdl-hn',
    provinceId: OTHER_PROVINCE,
  },
  admin: { sub: 'ad-1', name: 'Quản trị', roles: ['admin'] },
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof actors;

/** The default rules (first response: 1 working day, answer: 5 working days) in force on the day of `at`. */
export function defaultRules(at: number): Partial<Record<ClockName, DeadlineRule>> {
  return rulesForContact(DEFAULT_DEADLINE_RULES, 'information_request', CLOCK_NAMES, toLocalDate(at));
}

export interface OpenOptions {
  at?: number;
  provinceId?: string | undefined;
  /** Clock rules and lifecycle rules (`auto_close`). */
  rules?: ContactRules;
}

/** Opens a request from `actors.reporter` to `AGENCY` at `at` (default {@link T0}). */
export function open(options: OpenOptions = {}): Transition {
  const at = options.at ?? T0;
  return openInformationRequest({
    contactId: 'IR-2026-0001',
    agencyId: AGENCY,
    provinceId: 'provinceId' in options ? options.provinceId : PROVINCE,
    journalist: { sub: actors.reporter.sub, name: actors.reporter.name },
    subject: 'Tiến độ xây dựng bệnh viện tỉnh',
    question: 'Khi nào bệnh viện tỉnh mới đưa vào sử dụng?',
    submittedAt: at,
    rules: options.rules ?? defaultRules(at),
    calendar: defaultCalendar(),
  });
}

/** The registry facts the API would look up for `input` (members of AGENCY, any other agency exists). */
export function contextFor(input: unknown): ActionContext {
  const i = (input ?? {}) as Record<string, unknown>;
  const member = Object.values(actors).find(
    (a) => a.sub === i['assigneeSub'] && 'agencyId' in a && a.agencyId === AGENCY,
  );
  return {
    ...(member ? { assignee: { sub: member.sub, name: member.name, role: member.roles[0]! } } : {}),
    ...(typeof i['toAgencyId'] === 'string'
      ? { toAgency: { id: i['toAgencyId'], name: 'Sở Tài chính', provinceId: OTHER_PROVINCE } }
      : {}),
  };
}

/** Validates then performs `action`, as the workflow's Update validator and handler do. */
export function act(
  state: InformationRequestState,
  actor: Actor,
  action: InformationRequestAction,
  input: unknown,
  now: number,
  context: ActionContext = contextFor(input),
): Transition {
  const payload = validateAction(state, actor, action, input, context, now);
  return performAction(state, actor, action, payload, now, context);
}

export interface Step {
  actor: ActorName;
  action: InformationRequestAction;
  input?: unknown;
  /** Hours after the previous step (default 1). */
  after?: number;
}

/** The answer clock's due instant (undefined while paused). */
export const answerDue = (s: InformationRequestState): number | undefined =>
  s.clocks.answer ? dueAt(s.clocks.answer, s.calendar) : undefined;

/** Typical inputs, so steps need only name the action. */
export const SAMPLE_INPUT: Record<InformationRequestAction, unknown> = {
  assign: { assigneeSub: actors.staff.sub, assigneeName: actors.staff.name },
  request_clarification: { question: 'Anh hỏi về cơ sở nào?' },
  clarify: { text: 'Cơ sở 2 tại Đông Hà.' },
  submit_answer: { text: 'Dự kiến quý III/2026.' },
  approve_answer: {},
  return_answer: { reason: 'Cần nêu rõ nguồn vốn.' },
  acknowledge: {},
  follow_up: { question: 'Tổng mức đầu tư là bao nhiêu?' },
  decline: { ground: 'under_investigation', explanation: 'Vụ việc đang được điều tra.' },
  forward: { toAgencyId: OTHER_AGENCY, note: 'Thuộc thẩm quyền Sở Tài chính.' },
  withdraw: { reason: 'Không còn cần.' },
  extend: { span: { unit: 'working_days', amount: 2 }, reason: 'Cần lấy ý kiến nhiều đơn vị.' },
  remind: { message: 'Đề nghị trả lời đúng hạn.' },
  reassign: { assigneeSub: actors.otherStaff.sub, reason: 'Cán bộ cũ đi công tác.' },
  close: { reason: 'Phóng viên đã nhận thông tin qua họp báo.' },
};

/** Runs `steps` from `start` (default: a fresh request at T0); returns every transition and the last state. */
export function run(steps: readonly Step[], start: Transition = open()) {
  const transitions: Transition[] = [start];
  let state = start.state;
  let now = state.updatedAt;
  for (const step of steps) {
    now += (step.after ?? 1) * HOUR;
    const t = act(state, actors[step.actor], step.action, step.input ?? SAMPLE_INPUT[step.action], now);
    transitions.push(t);
    state = t.state;
  }
  return { state, transitions, now };
}

/** Steps that bring a fresh request into each status. */
export const PATH_TO: Record<InformationRequestStatus, Step[]> = {
  submitted: [],
  awaiting_journalist: [{ actor: 'staff', action: 'request_clarification' }],
  in_progress: [{ actor: 'staff', action: 'assign' }],
  pending_approval: [
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'submit_answer' },
  ],
  answered: [
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'submit_answer' },
    { actor: 'spokesperson', action: 'approve_answer' },
  ],
  closed: [
    { actor: 'staff', action: 'assign' },
    { actor: 'staff', action: 'submit_answer' },
    { actor: 'spokesperson', action: 'approve_answer' },
    { actor: 'reporter', action: 'acknowledge' },
  ],
  declined: [{ actor: 'head', action: 'decline' }],
  forwarded: [{ actor: 'staff', action: 'forward' }],
  withdrawn: [{ actor: 'reporter', action: 'withdraw' }],
};

/** A request in `status`, reached through real actions. */
export function inStatus(status: InformationRequestStatus): InformationRequestState {
  const { state } = run(PATH_TO[status]);
  if (state.status !== status) throw new Error(`fixture did not reach ${status} (got ${state.status})`);
  return state;
}
