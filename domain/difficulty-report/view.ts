/** @module What a difficulty report's view adds to the common contact view (the kind's `viewFields`). */
import type { PersonRef } from '../contact/state.ts';
import type { ContactViewCore } from '../contact/view.ts';
import type { DifficultyReportStatus } from '../vocabulary.ts';
import { currentReferral, type DifficultyReportState } from './state.ts';

export interface DifficultyReportView extends ContactViewCore {
  kind: 'difficulty_report';
  status: DifficultyReportStatus;
  description: string;
  /** The agency the journalist names as the obstacle, if any. */
  involvedAgencyId: string | null;
  relatedContactIds: string[];
  /** The latest referral and the agency's response to it; earlier ones are on the timeline. */
  referral: {
    agencyId: string;
    agencyName: string;
    note: string;
    at: number;
    by: PersonRef;
    response: { text: string; at: number; by: PersonRef } | null;
  } | null;
  /** How many times the report was referred (a second referral replaces `referral`). */
  referralCount: number;
  resolution: { text: string; at: number; by: PersonRef } | null;
  reopen: { reason: string; at: number } | null;
  /** The journalist's one reopening is still available (the status decides whether it is allowed now). */
  mayStillReopen: boolean;
}

/**
 * The kind's own fields of the view. Every party sees the same fields: the report, the referral and the
 * agency's response are what the journalist reported and what was done about it, nothing internal (the
 * department's reminders are agency-only timeline entries, filtered by the toolkit).
 */
export function difficultyReportViewFields(
  s: DifficultyReportState,
  _agencySide: boolean,
): Omit<DifficultyReportView, keyof ContactViewCore | 'kind' | 'status'> {
  const referral = currentReferral(s);
  return {
    description: s.description,
    involvedAgencyId: s.involvedAgencyId ?? null,
    relatedContactIds: s.relatedContactIds,
    referral: referral ? { ...referral, response: referral.response ?? null } : null,
    referralCount: s.referrals.length,
    resolution: s.resolution ?? null,
    reopen: s.reopen ?? null,
    mayStillReopen: s.reopen === undefined,
  };
}
