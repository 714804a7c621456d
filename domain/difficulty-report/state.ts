/**
 * @module
 * The state of one difficulty report (SPEC.md C2.4): a journalist reports an obstacle in getting information
 * or doing press work to the province's press-management department, which acknowledges it, may refer it to
 * the agency involved, and resolves it; the journalist may reopen it once.
 *
 * The contact's core `agencyId` is the department (it handles the report, its staff see it, its clocks
 * count); the agency the journalist complains about is `involvedAgencyId`, and the agency the department
 * refers the report to is `referral.agencyId` — often the involved one, but the department decides.
 */
import type { ContactCore, NewContactCore, PersonRef } from '../contact/state.ts';
import { DIFFICULTY_REPORT_STATUSES, type ClockName, type DifficultyReportStatus } from '../vocabulary.ts';

export { DIFFICULTY_REPORT_STATUSES, type DifficultyReportStatus };

/** Ended: nothing more may happen. */
export const DIFFICULTY_REPORT_TERMINAL: readonly DifficultyReportStatus[] = ['closed', 'withdrawn'];

/**
 * Still being worked on: supervision applies and the journalist may withdraw. `resolved` is neither open nor
 * terminal: the journalist may reopen it, and otherwise it closes itself (like an answered request).
 */
export const DIFFICULTY_REPORT_OPEN: readonly DifficultyReportStatus[] = [
  'submitted',
  'under_review',
  'referred',
  'reopened',
];

/**
 * The report's duties, mapped onto the clock names that exist today. A clock name is shared vocabulary (the
 * clock read model, letters, widgets and the timers' labels are keyed by it), so until dedicated names exist
 * the report reuses the nearest meanings: the department's acknowledgement is its `first_response`, its
 * resolution its `answer`, and the referred agency's report back the `record_result` of its handling. Change
 * the mapping here only: the kind, its view and its tests read these constants.
 */
export const REPORT_CLOCKS = {
  /** The department acknowledges the report (from submission, again after a reopen). */
  acknowledge: 'first_response',
  /** The department resolves it (from its acknowledgement; it keeps running while referred). */
  resolve: 'answer',
  /** The referred agency responds to the department (from each referral). */
  referral: 'record_result',
} as const satisfies Record<string, ClockName>;

/** Every clock of the kind, the department's first: the default clock of `extend` is the first running. */
export const DIFFICULTY_REPORT_CLOCKS = [
  REPORT_CLOCKS.acknowledge,
  REPORT_CLOCKS.resolve,
  REPORT_CLOCKS.referral,
] as const satisfies readonly ClockName[];

/** The most contacts a report may link (the journalist's earlier requests or appointments with the agency). */
export const MAX_RELATED_CONTACTS = 20;

/** What the referred agency answered the department. */
export interface ReferralResponse {
  text: string;
  at: number;
  by: PersonRef;
}

/** A referral of the report to an agency that must respond to the department. */
export interface Referral {
  agencyId: string;
  /** The agency's name as the registry gave it when referred (for the timeline and notifications). */
  agencyName: string;
  note: string;
  at: number;
  by: PersonRef;
  response?: ReferralResponse | undefined;
}

export interface Resolution {
  text: string;
  at: number;
  by: PersonRef;
}

export interface Reopening {
  reason: string;
  at: number;
}

export interface DifficultyReportState extends ContactCore<'difficulty_report', DifficultyReportStatus> {
  /** The department's province: every report has one (its supervisors are told and see it). */
  provinceId: string;
  description: string;
  involvedAgencyId?: string | undefined;
  relatedContactIds: string[];
  /**
   * Every referral, the latest last. Earlier ones stay because each agency the report was referred to keeps
   * seeing it (they took part), while only the latest may respond.
   */
  referrals: Referral[];
  resolution?: Resolution | undefined;
  /** The journalist's one reopening. Its presence is what refuses a second one. */
  reopen?: Reopening | undefined;
}

/** The opening input: `agencyId` is the department, which the API finds for `provinceId`. */
export interface NewDifficultyReport extends NewContactCore {
  provinceId: string;
  description: string;
  involvedAgencyId?: string | undefined;
  relatedContactIds?: readonly string[] | undefined;
}

/** The latest referral, or `undefined` before any. */
export const currentReferral = (s: Pick<DifficultyReportState, 'referrals'>): Referral | undefined =>
  s.referrals.at(-1);

/** Every agency the report was referred to, once each, in order: they all see it. */
export function referredAgencyIds(s: Pick<DifficultyReportState, 'referrals'>): string[] {
  return [...new Set(s.referrals.map((r) => r.agencyId))];
}
