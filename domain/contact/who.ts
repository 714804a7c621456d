/**
 * @module
 * Who may act on a contact, as small predicates that action definitions combine.
 */
import { actsForAgency, APPROVER_ROLES, hasAnyRole, supervisesProvince } from '../actor.ts';
import type { Who } from './define.ts';

/** The contact's own journalist. */
export const owner: Who = (s, a) => a.sub === s.journalist.sub && hasAnyRole(a, ['journalist']);
/** Any staff of the contact's agency. */
export const agencyMember: Who = (s, a) => actsForAgency(a, s.agencyId);
/** The agency's spokesperson or head. */
export const approver: Who = (s, a) => actsForAgency(a, s.agencyId, APPROVER_ROLES);
/** The agency's head. */
export const head: Who = (s, a) => actsForAgency(a, s.agencyId, ['agency_head']);
/** The assigned officer, or an approver. */
export const assigneeOrApprover: Who = (s, a) =>
  (agencyMember(s, a) && s.assignee?.sub === a.sub) || approver(s, a);
/** The press-management department of the contact's province. */
export const supervisor: Who = (s, a) => supervisesProvince(a, s.provinceId);

export const either =
  (...whos: Who[]): Who =>
  (s, a) =>
    whos.some((who) => who(s, a));
