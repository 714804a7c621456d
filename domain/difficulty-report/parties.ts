/**
 * @module
 * Who takes part in a difficulty report and how each is told. Three parties, unlike the other kinds: the
 * journalist, the press-management department (the contact's core agency and the province's supervisors),
 * and the agency the department referred the report to — which is *not* the contact's agency, so the
 * toolkit's agency rules (`agencyMember`, `contactScope`) do not cover it and it gets its own rule here.
 */
import { AGENCY_ROLES, actsForAgency } from '../actor.ts';
import type { Who } from '../contact/define.ts';
import { agencyRoles, person, type NotificationIntent, type Recipient } from '../contact/notifications.ts';
import { agencyMember, either, supervisor } from '../contact/who.ts';
import type { Role } from '../vocabulary.ts';
import { currentReferral, type DifficultyReportState } from './state.ts';

type St = DifficultyReportState;

/** Who at an agency hears of a referral addressed to it. */
export const AGENCY_STAFF: Role[] = ['agency_staff', 'spokesperson', 'agency_head'];

/**
 * The department: the province's supervisors, or its own staff acting for it (the report's core agency is
 * the department). An auditor reads but never acts (`supervisor` names supervisors only).
 */
export const department: Who<St> = either(supervisor, agencyMember);

/**
 * Staff of the agency the report is referred to now (the latest referral). An agency referred to earlier
 * may no longer respond: the department moved on.
 */
export const referredAgency: Who<St> = (s, a) => {
  const referral = currentReferral(s);
  return referral !== undefined && actsForAgency(a, referral.agencyId, AGENCY_ROLES);
};

/** The journalist, told `what` about the report. */
export const toJournalist = (s: St, type: NotificationIntent['type'], what: string): NotificationIntent => ({
  recipient: person(s.journalist.sub),
  type,
  text: `${what}: ${s.subject}`,
});

/**
 * The department's side: the officer handling the report once someone acknowledged it, else the province's
 * supervisors (as on submission) — one recipient, so nobody is told twice.
 */
export function departmentRecipient(s: St): Recipient {
  return s.assignee ? person(s.assignee.sub) : { kind: 'province_supervisors', provinceId: s.provinceId };
}

export const toDepartment = (s: St, type: NotificationIntent['type'], what: string): NotificationIntent => ({
  recipient: departmentRecipient(s),
  type,
  text: `${what}: ${s.subject}`,
});

/** The staff of `agencyId` (a referred agency), told `what`. */
export const toAgency = (
  s: St,
  agencyId: string,
  type: NotificationIntent['type'],
  what: string,
  roles: Role[] = AGENCY_STAFF,
): NotificationIntent => ({ recipient: agencyRoles(agencyId, roles), type, text: `${what}: ${s.subject}` });
