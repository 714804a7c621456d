/**
 * @module
 * What every contact kind's state has in common (SPEC.md C2): the parties, a status, deadline clocks, a
 * timeline, the calendar the clocks count on, and the links a forward creates. A kind adds its own fields
 * beside these. Plain serialisable data: it lives in Temporal workflow state and in the projection's `state`.
 */
import type { CalendarData, CarriedCalendar } from '../calendar/index.ts';
import type { Clock } from '../deadlines/clock.ts';
import type { ContactRules } from '../deadlines/rules.ts';
import type { ClockName, ContactKind, Role } from '../vocabulary.ts';
import type { NotificationIntent } from './notifications.ts';

export interface PersonRef {
  sub: string;
  name: string;
}

/** What happened, in order. `seq` is the contact's own event counter (1, 2, …): the projection's key. */
export interface TimelineEntry {
  seq: number;
  at: number;
  /** An action name, or a lifecycle event: `submitted`, `warning`, `overdue`, `escalated`, `auto_closed`… */
  type: string;
  actor?: (PersonRef & { role?: Role | undefined }) | undefined;
  /** Free text a person wrote (answer, reason, question). */
  text?: string | undefined;
  /** Structured details (assignee, ground, clock, old and new due dates…). */
  data?: Record<string, unknown> | undefined;
  /**
   * Who may read the entry: everyone who sees the contact (absent), or only the agency side (`agency`) — a
   * draft, a supervisor's reminder, an internal note. One flag read by the view, the list and the stream.
   */
  audience?: 'agency' | undefined;
}

/** Where a forwarded contact went, and where a contact opened by a forward came from. */
export interface ForwardLink {
  agencyId: string;
  /** The contact at the other agency (absent on contacts forwarded before forwarding opened one). */
  contactId?: string | undefined;
  note?: string | undefined;
}

/** An administrative close by a supervisor or the agency head, with its reason. */
export interface Closure {
  reason: string;
  by: PersonRef;
  at: number;
}

export interface ContactCore<K extends ContactKind = ContactKind, S extends string = string> {
  contactId: string;
  kind: K;
  agencyId: string;
  provinceId?: string | undefined;
  journalist: PersonRef;
  subject: string;
  status: S;
  assignee?: PersonRef | undefined;
  clocks: Partial<Record<ClockName, Clock>>;
  timeline: TimelineEntry[];
  submittedAt: number;
  updatedAt: number;
  calendar: CalendarData;
  forwardedTo?: ForwardLink | undefined;
  forwardedFrom?: ForwardLink | undefined;
  closure?: Closure | undefined;
  /** Rules of the kind's lifecycle timers that are not clocks (`auto_close`), as they were at opening. */
  rules?: ContactRules | undefined;
  /** Lifecycle timers of the kind that already fired, by name (e.g. `meeting_reminder:2`). */
  firedTimers?: string[] | undefined;
  /**
   * Agencies that see the contact besides its own — a difficulty report's referred agencies — as readers and
   * for the actions their kind gives them, never from the agency side (no internal entries).
   */
  alsoVisibleTo?: string[] | undefined;
}

/** Any contact's state, for code written once for all kinds. */
export type AnyContactState = ContactCore<ContactKind, string>;

/** What every kind's opening input has: the kind adds its own fields. */
export interface NewContactCore {
  contactId: string;
  agencyId: string;
  provinceId?: string | undefined;
  journalist: PersonRef;
  subject: string;
  submittedAt: number;
  rules: ContactRules;
  calendar: CalendarData;
  /** Set when the contact was opened by forwarding another one. */
  forwardedFrom?: ForwardLink | undefined;
}

/**
 * A kind's opening as its workflow receives it: the calendar as a reference to its version (see
 * `domain/calendar/reference.ts`), or — in histories from before versions — the years themselves.
 */
export type Opening<N extends NewContactCore = NewContactCore> = Omit<N, 'calendar'> & {
  calendar: CarriedCalendar;
};

/** A contact's state as it leaves the workflow (the projection, a forward): the calendar as carried. */
export type CarriedContactState<S extends AnyContactState = AnyContactState> = Omit<S, 'calendar'> & {
  calendar: CarriedCalendar;
};

/** A step: the new state, the timeline entry that explains it, and whom to tell. */
export interface Transition<St extends AnyContactState = AnyContactState> {
  state: St;
  entry: TimelineEntry;
  notifications: NotificationIntent[];
}

/** What an action's effect returns: the toolkit numbers the entry, stamps it and appends it. */
export interface Draft<St extends AnyContactState = AnyContactState> {
  state: St;
  entry: Omit<TimelineEntry, 'seq' | 'at' | 'type' | 'actor'> & { type?: string | undefined };
  notifications: NotificationIntent[];
}

/** Appends an entry that no person wrote (a timer, an incident) and returns the transition. */
export function appendEntry<St extends AnyContactState>(
  state: St,
  entry: Omit<TimelineEntry, 'seq'>,
  notifications: NotificationIntent[] = [],
): Transition<St> {
  const full: TimelineEntry = { seq: (state.timeline.at(-1)?.seq ?? 0) + 1, ...entry };
  return {
    state: { ...state, timeline: [...state.timeline, full], updatedAt: entry.at },
    entry: full,
    notifications,
  };
}
