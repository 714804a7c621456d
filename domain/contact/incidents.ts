/**
 * @module
 * Incidents: a side effect of the contact's workflow (recording it in the database) that failed. They go on
 * the contact's own timeline as `activity_failed` / `activity_recovered` entries, so the agency, the
 * supervisors' board and operators see that something is wrong instead of a workflow retrying in silence.
 * Journalists do not see them (see `visibility.ts`). Entries carry the failure's type and a message that holds no
 * personal data (activities sanitise their errors before they leave the worker).
 */
import { hasAnyRole, supervisesProvince, type Actor } from '../actor.ts';
import { appendEntry, type AnyContactState, type Transition } from './state.ts';

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

/** Notes on the timeline that a side effect failed (the state is otherwise unchanged). */
export function recordIncident<St extends AnyContactState>(
  state: St,
  incident: ActivityIncident,
  now: number,
): Transition<St> {
  return appendEntry(state, {
    at: now,
    type: 'activity_failed',
    audience: 'agency',
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
export function recordRecovery<St extends AnyContactState>(
  state: St,
  activity: string,
  now: number,
): Transition<St> {
  return appendEntry(state, { at: now, type: 'activity_recovered', audience: 'agency', data: { activity } });
}

/** Operators (administrators) and the province's supervisors may make a contact retry its recordings now. */
export function mayRetryRecording(state: AnyContactState, actor: Actor): boolean {
  return hasAnyRole(actor, ['admin']) || supervisesProvince(actor, state.provinceId);
}
