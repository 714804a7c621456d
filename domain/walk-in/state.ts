/**
 * @module
 * The state of one walk-in visit record (SPEC.md C2.3): a journalist came to the agency in person and was
 * received at once; agency staff record who came, when, about what and who received them, and then — within
 * the `record_result` rule, counted from the visit — what the visit gave. Times are epoch milliseconds.
 */
import type { Host } from '../appointment/state.ts';
import type { MeetingResult } from '../contact/meeting-result.ts';
import type { ContactCore, NewContactCore, PersonRef } from '../contact/state.ts';
import type { Role } from '../vocabulary.ts';

/** How far back a visit may be recorded, in days: an old visit belongs in a report, not in a record with a clock. */
export const WALK_IN_MAX_AGE_DAYS = 90;

export const WALK_IN_STATUSES = ['draft', 'completed', 'not_held', 'closed'] as const;
export type WalkInStatus = (typeof WALK_IN_STATUSES)[number];

/**
 * The visiting journalist as the record names them: from the registry (`journalistId`), or as they introduced
 * themselves (name, press organisation and card) when the registry does not know them.
 */
export interface Visitor {
  journalistId: string | null;
  fullName: string;
  pressOrganisation: string;
  pressCardNumber: string;
}

/**
 * The journalist `sub` of a record whose visitor has no account: no signed-in person has an empty subject, so
 * nobody sees the record as its journalist and nobody is notified in their name.
 */
export const NO_ACCOUNT = '';

export interface WalkInState extends ContactCore<'walk_in', WalkInStatus> {
  visitedAt: number;
  content: string;
  host: Host;
  visitor: Visitor;
  /** The staff member who opened the record. */
  recordedBy: PersonRef & { role: Role };
  result?: MeetingResult | undefined;
}

export interface NewWalkIn extends NewContactCore {
  visitedAt: number;
  content: string;
  host: Host;
  visitor: Visitor;
  recordedBy: PersonRef & { role: Role };
}
