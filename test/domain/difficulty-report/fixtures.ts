/**
 * Shared fixtures for the difficulty-report unit tests: the cast of the information-request tests plus the
 * department's own staff, an agency of the same province and an auditor; a report opened with the suggested
 * rules; the registry facts the API would look up; helpers that drive a report through validated actions.
 */
import type { Actor } from '../../../domain/actor.ts';
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
import { rulesForContact, type ContactRules } from '../../../domain/deadlines/rules.ts';
import {
  DIFFICULTY_REPORT_DEFAULT_RULES,
  difficultyReportKind,
  type DifficultyReportState,
  type DifficultyReportStatus,
  type DifficultyReportView,
  type NewDifficultyReport,
} from '../../../domain/difficulty-report/index.ts';
import {
  actors as requestActors,
  AGENCY,
  HOUR,
  OTHER_AGENCY,
  OTHER_PROVINCE,
  PROVINCE,
  vn,
} from '../information-request/fixtures.ts';

export { AGENCY, HOUR, OTHER_AGENCY, OTHER_PROVINCE, PROVINCE, vn } from '../information-request/fixtures.ts';
export { endOf } from '../information-request/fixtures.ts';

export const kind = difficultyReportKind;

/** The press-management department of PROVINCE: the report's core agency (the supervisors' agency). */
export const DEPARTMENT = 'so-vhttdl-qt';
/** Another agency of PROVINCE, for a second referral. */
export const ROADS = 'so-gtvt-qt';
/** A central agency (no province). */
export const MINISTRY = 'bo-khcn';

const member = (sub: string, name: string, role: Actor['roles'][number], agencyId: string): Actor => ({
  sub,
  name,
  roles: [role],
  agencyId,
  provinceId: PROVINCE,
});

export const actors = {
  ...requestActors,
  deptStaff: member('ds-1', 'Trịnh Văn M', 'agency_staff', DEPARTMENT),
  deptHead: member('dh-1', 'Mai Thị N', 'agency_head', DEPARTMENT),
  roadsStaff: member('rs-1', 'Cao Văn O', 'agency_staff', ROADS),
  auditor: { sub: 'au-1', name: 'Kiểm tra', roles: ['auditor'], agencyId: DEPARTMENT, provinceId: PROVINCE },
} satisfies Record<string, Actor>;
export type ActorName = keyof typeof actors;
export const ACTOR_NAMES = Object.keys(actors) as ActorName[];

/** The report's actions, in the kind's order (permissions.test.ts checks this against the kind). */
export const REPORT_ACTIONS = [
  'acknowledge_report',
  'refer',
  'respond',
  'resolve',
  'reopen',
  'withdraw',
  'extend',
  'remind',
  'reassign',
  'close',
] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Mon 9 Mar 2026, 09:00 in Vietnam: the journalist reports. */
export const T0 = vn('2026-03-09T09:00');

/** The suggested rules in force on the day of `at`: every clock and `auto_close`. */
export function reportRules(at: number): ContactRules {
  return rulesForContact(
    DIFFICULTY_REPORT_DEFAULT_RULES,
    'difficulty_report',
    ['first_response', 'answer', 'record_result', 'auto_close'],
    toLocalDate(at),
  );
}

/** Opens a report from `actors.reporter` about AGENCY at `at` (default {@link T0}). */
export function open(overrides: Partial<NewDifficultyReport> = {}): Transition<DifficultyReportState> {
  const at = overrides.submittedAt ?? T0;
  return kind.openContact({
    contactId: 'KN-2026-0001',
    agencyId: DEPARTMENT,
    provinceId: PROVINCE,
    journalist: { sub: actors.reporter.sub, name: actors.reporter.name },
    subject: 'Sở Y tế không tiếp phóng viên',
    description: 'Tôi đã đến Sở Y tế ba lần để đăng ký làm việc nhưng không được tiếp, không có lý do.',
    involvedAgencyId: AGENCY,
    relatedContactIds: ['LV-2026-0001'],
    submittedAt: at,
    rules: reportRules(at),
    calendar: defaultCalendar(),
    ...overrides,
  });
}

/** Agencies as the registry knows them (what the API's `toAgency` lookup answers). */
export const REGISTRY_AGENCIES: Record<string, NonNullable<ActionContext['toAgency']>> = {
  [AGENCY]: { id: AGENCY, name: 'Sở Y tế', provinceId: PROVINCE },
  [ROADS]: { id: ROADS, name: 'Sở Giao thông vận tải', provinceId: PROVINCE },
  [DEPARTMENT]: { id: DEPARTMENT, name: 'Sở Văn hóa, Thể thao và Du lịch', provinceId: PROVINCE },
  [OTHER_AGENCY]: { id: OTHER_AGENCY, name: 'Sở Tài chính Hà Nội', provinceId: OTHER_PROVINCE },
  [MINISTRY]: { id: MINISTRY, name: 'Bộ Khoa học và Công nghệ' },
};

/** The registry facts the API would look up for `input`: a department officer, an agency referred to. */
export function contextFor(input: unknown): ActionContext {
  const i = (input ?? {}) as Record<string, unknown>;
  const officer = Object.values(actors).find(
    (a) => a.sub === i['assigneeSub'] && 'agencyId' in a && a.agencyId === DEPARTMENT,
  );
  const agency = typeof i['toAgencyId'] === 'string' ? REGISTRY_AGENCIES[i['toAgencyId']] : undefined;
  return {
    ...(officer ? { assignee: { sub: officer.sub, name: officer.name, role: officer.roles[0]! } } : {}),
    ...(agency ? { toAgency: agency } : {}),
  };
}

export const validate = (
  state: DifficultyReportState,
  actor: Actor,
  action: string,
  input: unknown,
  now: number,
  context: ActionContext = contextFor(input),
) => machine.validateAction(kind, state, actor, action, input, context, now);

/** Validates then performs `action` at `now`, as the workflow's Update validator and handler do. */
export function act(
  state: DifficultyReportState,
  actor: Actor,
  action: ReportAction,
  input: unknown,
  now: number,
  context: ActionContext = contextFor(input),
): Transition<DifficultyReportState> {
  const payload = validate(state, actor, action, input, now, context);
  return machine.performAction(kind, state, actor, action, payload, context, now);
}

export const mayPerform = (state: DifficultyReportState, actor: Actor, action: string, now: number) =>
  machine.mayPerform(kind, state, actor, action, now);
export const allowedActions = (state: DifficultyReportState, actor: Actor, now: number) =>
  machine.allowedActions(kind, state, actor, now);
export const view = (state: DifficultyReportState, actor: Actor, now: number) =>
  toContactView(kind, state, actor, now) as unknown as DifficultyReportView;
export const nextTimer = (state: DifficultyReportState) => pendingTimer(kind, state, CURRENT_TIMER_PLAN);
export const fireNextTimer = (state: DifficultyReportState, now: number) =>
  fireTimer(kind, state, now, CURRENT_TIMER_PLAN);

/** Typical inputs, so steps need only name the action. */
export const SAMPLE_INPUT: Record<ReportAction, unknown> = {
  acknowledge_report: { note: 'Sở đã nhận và sẽ làm việc với cơ quan liên quan.' },
  refer: { toAgencyId: AGENCY, note: 'Đề nghị Sở Y tế làm rõ việc không tiếp phóng viên.' },
  respond: { text: 'Ngày đó lãnh đạo đi công tác; Sở sẽ bố trí lịch làm việc trong tuần.' },
  resolve: { resolution: 'Sở Y tế đã bố trí lịch làm việc ngày 16/3 và rút kinh nghiệm.' },
  reopen: { reason: 'Đến ngày hẹn vẫn không được tiếp.' },
  withdraw: { reason: 'Đã được giải quyết trực tiếp.' },
  extend: { span: { unit: 'working_days', amount: 2 }, reason: 'Chờ kết quả xác minh.' },
  remind: { message: 'Đề nghị Sở Y tế trả lời đúng hạn.' },
  reassign: { assigneeSub: actors.deptStaff.sub, reason: 'Chuyên viên phụ trách lĩnh vực y tế.' },
  close: { reason: 'Nhà báo đã phản ánh qua kênh khác.' },
};

export interface Step {
  actor: ActorName;
  action: ReportAction;
  input?: unknown;
  /** When: an instant, or an hour after the previous step by default. */
  at?: number;
}

/** Runs `steps` from `start` (default: a fresh report at T0); returns every transition and the last state. */
export function run(steps: readonly Step[], start: Transition<DifficultyReportState> = open()) {
  const transitions: Transition<DifficultyReportState>[] = [start];
  let state = start.state;
  let now = state.updatedAt;
  for (const step of steps) {
    now = step.at ?? now + HOUR;
    const input = step.input ?? SAMPLE_INPUT[step.action];
    const perform = act;
    const t = perform(state, actors[step.actor], step.action, input, now);
    transitions.push(t);
    state = t.state;
  }
  return { state, transitions, now };
}

const ACK: Step = { actor: 'supervisor', action: 'acknowledge_report' };
const REFER: Step = { actor: 'supervisor', action: 'refer' };
const RESOLVE: Step = { actor: 'supervisor', action: 'resolve' };
const REOPEN: Step = { actor: 'reporter', action: 'reopen' };

/** Steps that bring a fresh report into each status, through real actions. */
export const PATH_TO: Record<DifficultyReportStatus, Step[]> = {
  submitted: [],
  under_review: [ACK],
  referred: [ACK, REFER],
  resolved: [ACK, RESOLVE],
  reopened: [ACK, RESOLVE, REOPEN],
  closed: [ACK, { actor: 'deptHead', action: 'close' }],
  withdrawn: [{ actor: 'reporter', action: 'withdraw' }],
};

/** Further situations: back under review after the agency responded; resolved again after the reopening. */
export const PATH_TO_MORE = {
  responded: [ACK, REFER, { actor: 'staff', action: 'respond' }],
  resolved_again: [ACK, RESOLVE, REOPEN, ACK, RESOLVE],
} satisfies Record<string, Step[]>;

/** A report in `status`, reached through real actions. */
export function inStatus(status: DifficultyReportStatus): DifficultyReportState {
  const { state } = run(PATH_TO[status]);
  if (state.status !== status) throw new Error(`fixture did not reach ${status} (got ${state.status})`);
  return state;
}
