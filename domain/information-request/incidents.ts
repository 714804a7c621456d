/**
 * @module
 * Incidents: a side effect of the contact's workflow (recording it in the database) that failed. They go on
 * the contact's own timeline as `activity_failed` / `activity_recovered` entries, so the agency, the
 * supervisors' board and operators see that something is wrong instead of a workflow retrying in silence.
 * Journalists do not see them (see `view.ts`). Entries carry the failure's type and a message that holds no
 * personal data (activities sanitise their errors before they leave the worker).
 */
import { hasAnyRole, supervisesProvince, type Actor } from '../actor.ts';
import type { Transition } from './machine.ts';
import type { InformationRequestState, TimelineEntry } from './state.ts';

export interface ActivityIncident {
  /** The activity that failed, e.g. `recordContactEvent`. */
  activity: string;
  /** The failure's type, e.g. `DataError` or `TransientDatabaseError`. */
  failure: string;
  /** A message without personal data. */
  message: string;
  /** False when retrying cannot help (the data itself was refused). */
  retryable: boolean;
  /** The timeline entry whose recording failed. */
  failedSeq: number;
}

/** Entry types that report the health of the contact's side effects, not something a person did. */
export const INCIDENT_ENTRY_TYPES = ['activity_failed', 'activity_recovered'] as const;

function appendEntry(state: InformationRequestState, entry: Omit<TimelineEntry, 'seq'>): Transition {
  const full: TimelineEntry = { seq: (state.timeline.at(-1)?.seq ?? 0) + 1, ...entry };
  return { state: { ...state, timeline: [...state.timeline, full] }, entry: full, notifications: [] };
}

/** Notes on the timeline that a side effect failed (the state is otherwise unchanged). */
export function recordIncident(
  state: InformationRequestState,
  incident: ActivityIncident,
  now: number,
): Transition {
  return appendEntry(state, {
    at: now,
    type: 'activity_failed',
    data: {
      activity: incident.activity,
      failure: incident.failure,
      message: incident.message.slice(0, 300),
      retryable: incident.retryable,
      failedSeq: incident.failedSeq,
    },
  });
}

/** Notes that every delayed recording has now landed. */
export function recordRecovery(state: InformationRequestState, activity: string, now: number): Transition {
  return appendEntry(state, { at: now, type: 'activity_recovered', data: { activity } });
}

/** Operators (administrators) and the province's supervisors may make a contact retry its recordings now. */
export function mayRetryRecording(state: InformationRequestState, actor: Actor): boolean {
  return hasAnyRole(actor, ['admin']) || supervisesProvince(actor, state.provinceId);
}
