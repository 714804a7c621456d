/**
 * @module
 * The contact-kind toolkit: an action is defined once — its input schema, who may take it from which
 * statuses, its guard and its effect — and a kind is a set of statuses, clocks, actions and lifecycle timers.
 * The workflow runner, the API's action route, the view and the widgets all read these definitions, so a new
 * kind is a folder in `domain/` plus one line in `kinds.ts`.
 */
import type { AttachmentRef } from '../attachments/refs.ts';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { ClockName, ContactKind, Role } from '../vocabulary.ts';
import type { AnyContactState, Draft, NewContactCore, PersonRef, Transition } from './state.ts';

/** Whether `actor` may take an action on `state` (before the status check). */
export type Who<St extends AnyContactState = AnyContactState> = (state: St, actor: Actor) => boolean;

/**
 * Facts the API looked up in the registry for an action, passed beside the input: the workflow cannot read
 * the database in a validator, and the request's own words (an assignee's name) are never trusted.
 */
export interface ActionContext {
  /** The person to assign: an active member of the contact's agency in a role that can act. */
  assignee?: (PersonRef & { role: Role }) | undefined;
  /** The competent agency of a forward: it exists and is active. */
  toAgency?: { id: string; name: string; provinceId?: string | undefined } | undefined;
  /** The meeting's host: a current spokesperson or authorized person of the agency. */
  host?: { id: string; name: string; title?: string | undefined } | undefined;
  /**
   * A reminder's letter already issued for the whole agency (a bulk reminder): the contact records it instead
   * of issuing one of its own. Set by the bulk job, never by the API.
   */
  letter?: { documentId: string; numberText: string } | undefined;
  /** The contact's own files the input names (`attachmentIds`): an answer's documents, a meeting's minutes. */
  attachments?: AttachmentRef[] | undefined;
}

export interface ActionDefinition<St extends AnyContactState = AnyContactState, I = unknown> {
  /** The input schema: the API validates and documents with it, the Update validator validates again. */
  input: z.ZodType<I>;
  /** The statuses the action may be taken from. */
  from: readonly string[];
  who: Who<St>;
  /** A condition on the state and time beyond the status (a running clock to extend, a meeting that has
   * begun…); false hides the action. */
  when?: ((state: St, now: number) => boolean) | undefined;
  /** Registry facts the action needs (a request without them is refused). */
  needs?: readonly (keyof ActionContext)[] | undefined;
  /** Checks of the input against the state and time; throws `InvalidInputError`. */
  guard?: ((state: St, input: I, context: ActionContext, now: number) => void) | undefined;
  /** The role the actor takes it in when they hold several (the reporter's own actions: `journalist`). */
  actsAs?: Role | undefined;
  /** `agency`: the timeline entry is seen by the agency side only (drafts, reminders). */
  audience?: 'agency' | undefined;
  /** The effect: the next state, the entry's text and data, and whom to tell. */
  apply: (state: St, actor: Actor, input: I, context: ActionContext, now: number) => Draft<St>;
}

/** An action of a kind's table, whatever its input (each is checked where it is defined). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction<St extends AnyContactState = AnyContactState> = ActionDefinition<St, any>;

/** Defines an action; the schema's output type flows into `guard` and `apply`. */
export function defineAction<St extends AnyContactState, S extends z.ZodType>(
  definition: Omit<ActionDefinition<St, z.output<S>>, 'input'> & { input: S },
): ActionDefinition<St, z.output<S>> {
  return definition as ActionDefinition<St, z.output<S>>;
}

/**
 * A timer of the kind's lifecycle that is not a deadline clock: the host's reminder the working day before a
 * meeting, the automatic close of an answer nobody followed up. Fires once per `name` (names may carry a
 * generation, e.g. `meeting_reminder:2` after a reschedule).
 */
export interface KindTimer<St extends AnyContactState = AnyContactState> {
  /** The pending timer's name and instant, or `undefined` when none is pending. */
  next(state: St): { name: string; at: number } | undefined;
  fire(state: St, name: string, now: number): Transition<St>;
}

export interface ContactKindDefinition<
  St extends AnyContactState = AnyContactState,
  N extends NewContactCore = NewContactCore,
> {
  kind: ContactKind;
  /** The Temporal workflow type that runs this kind (one named export per kind). */
  workflowType: string;
  /** Prefix of the kind's business ids (`YC-…`, `LV-…`). */
  idPrefix: string;
  label: { vi: string; en: string };
  statuses: readonly St['status'][];
  terminal: readonly St['status'][];
  /** Statuses in which the contact is still being worked on (supervision applies). */
  open: readonly St['status'][];
  clocks: readonly ClockName[];
  actions: Readonly<Record<string, AnyAction<St>>>;
  timers?: readonly KindTimer<St>[] | undefined;
  /** The state of a contact just opened, with its clocks started. */
  openContact(input: N): Transition<St>;
  /** Text the projection searches (subject, questions…), besides the id and the journalist's name. */
  searchText(state: St): string;
  /** The kind's own fields of the view; `agencySide` says whether internal fields may be shown. */
  viewFields(state: St, agencySide: boolean): Record<string, unknown>;
  /**
   * The opening input of the contact a forward creates at `to`: the same request, with its own clocks under
   * the rules the original ran under.
   */
  reopenAt(state: St, to: NewContactCore): N;
  /** The next meeting, for lists (appointments); `null` when none. */
  nextMeetingAt?: ((state: St) => number | null) | undefined;
  /**
   * What a clock's notices call it, and who answers for it when that is not the contact's own agency (and
   * its assignee): a referred difficulty report's response clock belongs to the agency it was referred to,
   * so its warnings and overdue notices go there; escalation still goes to the province.
   */
  clockHolder?: ((state: St, clock: ClockName) => ClockHolder | undefined) | undefined;
}

/** A clock's words in notices, and the agency answerable for it when not the contact's own. */
export interface ClockHolder {
  /** The deadline in words ("hạn trả lời Sở về phản ánh"), after "Sắp đến" / "Quá". */
  deadline: string;
  agencyId?: string | undefined;
}

/** Defines a kind (identity function that checks the shape). */
export function defineContactKind<St extends AnyContactState, N extends NewContactCore>(
  definition: ContactKindDefinition<St, N>,
): ContactKindDefinition<St, N> {
  return definition;
}
