/**
 * @module
 * Who may take which action in which status (SPEC.md C2.1). One table, used by the workflow's Update
 * validators, by the API's `allowedActions` and therefore by the widgets, which render exactly those actions.
 */
import { actsForAgency, APPROVER_ROLES, hasAnyRole, supervisesProvince, type Actor } from '../actor.ts';
import { isPaused } from '../deadlines/clock.ts';
import type { InformationRequestStatus } from '../vocabulary.ts';
import type { InformationRequestAction } from './payloads.ts';
import type { InformationRequestState } from './state.ts';

type Who = (state: InformationRequestState, actor: Actor) => boolean;

const owner: Who = (s, a) => a.sub === s.journalist.sub && hasAnyRole(a, ['journalist']);
const agencyMember: Who = (s, a) => actsForAgency(a, s.agencyId);
const approver: Who = (s, a) => actsForAgency(a, s.agencyId, APPROVER_ROLES);
const head: Who = (s, a) => actsForAgency(a, s.agencyId, ['agency_head']);
const assigneeOrApprover: Who = (s, a) => (agencyMember(s, a) && s.assignee?.sub === a.sub) || approver(s, a);
const supervisor: Who = (s, a) => supervisesProvince(a, s.provinceId);
const either =
  (...whos: Who[]): Who =>
  (s, a) =>
    whos.some((who) => who(s, a));

interface ActionRule {
  from: readonly InformationRequestStatus[];
  who: Who;
  /** Extra state condition beyond the status (e.g. a running clock to extend). */
  when?: (state: InformationRequestState) => boolean;
}

const OPEN: readonly InformationRequestStatus[] = [
  'submitted',
  'awaiting_journalist',
  'in_progress',
  'pending_approval',
];

export const ACTION_RULES: Record<InformationRequestAction, ActionRule> = {
  assign: { from: ['submitted', 'in_progress'], who: agencyMember },
  request_clarification: { from: ['submitted', 'in_progress'], who: agencyMember },
  clarify: { from: ['awaiting_journalist'], who: owner },
  submit_answer: { from: ['in_progress'], who: assigneeOrApprover },
  approve_answer: { from: ['pending_approval'], who: approver },
  return_answer: { from: ['pending_approval'], who: approver },
  acknowledge: { from: ['answered'], who: owner },
  follow_up: { from: ['answered'], who: owner },
  decline: { from: ['submitted', 'in_progress', 'awaiting_journalist', 'pending_approval'], who: approver },
  forward: { from: ['submitted', 'in_progress'], who: agencyMember },
  withdraw: { from: OPEN, who: owner },
  extend: {
    from: OPEN,
    who: either(head, supervisor),
    when: (s) => Object.values(s.clocks).some((c) => c.stoppedAt === undefined && !isPaused(c)),
  },
  remind: { from: OPEN, who: supervisor },
};

/** Whether `actor` may take `action` now. */
export function mayPerform(
  state: InformationRequestState,
  actor: Actor,
  action: InformationRequestAction,
): boolean {
  const rule = ACTION_RULES[action];
  return rule.from.includes(state.status) && rule.who(state, actor) && (rule.when?.(state) ?? true);
}

/** The actions `actor` may take now, in the table's order. */
export function allowedActions(state: InformationRequestState, actor: Actor): InformationRequestAction[] {
  return (Object.keys(ACTION_RULES) as InformationRequestAction[]).filter((action) =>
    mayPerform(state, actor, action),
  );
}

/** Whether `actor` may see this contact at all (owner, the agency, the province's supervisors). */
export function mayView(state: InformationRequestState, actor: Actor): boolean {
  return owner(state, actor) || agencyMember(state, actor) || supervisor(state, actor);
}
