/**
 * @module
 * The information-request kind, plus the toolkit functions bound to it (what tests and older callers use).
 */
import type { AttachmentRef } from '../attachments/refs.ts';
import type { Actor } from '../actor.ts';
import type { ActionContext } from '../contact/define.ts';
import * as machine from '../contact/machine.ts';
import {
  CURRENT_TIMER_PLAN,
  fireNextTimer as fireTimer,
  nextTimer as pendingTimer,
} from '../contact/timers.ts';
import type { Transition as ContactTransition } from '../contact/state.ts';
import { toContactView, type ContactViewCore } from '../contact/view.ts';
import type { DeclineGround, InformationRequestStatus } from '../vocabulary.ts';
import { informationRequestKind } from './kind.ts';
import type { InformationRequestState, NewInformationRequest, PersonRef } from './state.ts';

export * from './state.ts';
export { informationRequestKind } from './kind.ts';
export { isAllowedExtension, EXTENSION_LIMITS } from '../contact/supervision.ts';
export {
  mayRetryRecording,
  recordIncident,
  recordRecovery,
  INCIDENT_ENTRY_TYPES,
} from '../contact/incidents.ts';
export type { NotificationIntent, Recipient, NotificationType } from '../contact/notifications.ts';
export { summarise, operatorSummary, type ClockView } from '../contact/view.ts';

export type InformationRequestAction = keyof typeof informationRequestKind.actions;
export type Transition = ContactTransition<InformationRequestState>;
export const INFORMATION_REQUEST_ACTIONS = Object.keys(informationRequestKind.actions);

export function isInformationRequestAction(action: string): action is InformationRequestAction {
  return machine.hasAction(informationRequestKind, action);
}

/** What an information request's view adds to the common view. */
export interface InformationRequestView extends ContactViewCore {
  kind: 'information_request';
  status: InformationRequestStatus;
  question: string;
  /** Only agency users see a draft before it is approved. */
  draftAnswer: string | null;
  /** The documents of the draft (agency side only; empty for others). */
  draftAttachments: AttachmentRef[];
  answer: { text: string; approvedBy: PersonRef; at: number; attachments: AttachmentRef[] } | null;
  decline: { ground: DeclineGround; explanation: string } | null;
  allowedActions: InformationRequestAction[];
}

const kind = informationRequestKind;

export const openInformationRequest = (input: NewInformationRequest): Transition => kind.openContact(input);
export const isTerminal = (state: Pick<InformationRequestState, 'status'>) => machine.isTerminal(kind, state);
export const mayView = machine.mayView;
export const mayPerform = (
  s: InformationRequestState,
  a: Actor,
  action: InformationRequestAction,
  now = s.updatedAt,
) => machine.mayPerform(kind, s, a, action, now);
export const allowedActions = (s: InformationRequestState, a: Actor, now = s.updatedAt) =>
  machine.allowedActions(kind, s, a, now);
export const validateAction = (
  s: InformationRequestState,
  a: Actor,
  action: InformationRequestAction,
  raw: unknown,
  context: ActionContext = {},
  now = s.updatedAt,
) => machine.validateAction(kind, s, a, action, raw, context, now);
export const performAction = (
  s: InformationRequestState,
  a: Actor,
  action: InformationRequestAction,
  input: unknown,
  now: number,
  context: ActionContext = {},
): Transition => machine.performAction(kind, s, a, action, input, context, now);
export const toView = (s: InformationRequestState, a: Actor, now: number) =>
  toContactView(kind, s, a, now) as unknown as InformationRequestView;
export const nextTimer = (s: InformationRequestState) => pendingTimer(kind, s, CURRENT_TIMER_PLAN);
export const fireNextTimer = (s: InformationRequestState, now: number) =>
  fireTimer(kind, s, now, CURRENT_TIMER_PLAN);

/** An information request's view (the name older callers use). */
export type ContactView = InformationRequestView;

/** Each action's rule (statuses, who, input), by name. */
export const ACTION_RULES = informationRequestKind.actions as Record<
  InformationRequestAction,
  (typeof informationRequestKind.actions)[InformationRequestAction]
>;

/** Each action's input schema, by name. */
export const actionPayloadSchemas = Object.fromEntries(
  INFORMATION_REQUEST_ACTIONS.map((a) => [a, ACTION_RULES[a]!.input]),
) as Record<InformationRequestAction, (typeof ACTION_RULES)[InformationRequestAction]['input']>;
