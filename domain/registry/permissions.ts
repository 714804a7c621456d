/**
 * @module
 * Who may manage and read registry records. An agency manages its own spokespersons; a province's
 * administrators manage their province's subtree; a central administrator (an administrator of an agency the
 * registry records as central, see `actor-scope.ts`) manages everything. Journalists' records are scoped by
 * province the same way (see `journalistScope`).
 */
import { actsForAgency, AGENCY_ROLES, hasAnyRole, type Actor } from '../actor.ts';

export interface AgencyScope {
  id: string;
  provinceId: string | null;
}

/**
 * Central administrator: an admin whose agency the registry records as central and provinceless. Both facts
 * are set at sign-in from the registry, so a token naming an unknown agency, or none, never gets here.
 */
export function isCentralAdmin(actor: Actor): boolean {
  return (
    hasAnyRole(actor, ['admin']) &&
    actor.agencyId !== undefined &&
    actor.agencyLevel === 'central' &&
    actor.provinceId === undefined
  );
}

/** Administrator of the agency's province, or central. */
export function administers(actor: Actor, agency: AgencyScope): boolean {
  if (!hasAnyRole(actor, ['admin'])) return false;
  if (isCentralAdmin(actor)) return true;
  return actor.provinceId !== undefined && actor.provinceId === agency.provinceId;
}

/** May create, change, end and confirm the agency's spokespersons. */
export function mayManageSpokespersons(actor: Actor, agency: AgencyScope): boolean {
  return actsForAgency(actor, agency.id) || administers(actor, agency);
}

/** May read the spokesperson change feed and subscribe to it: administrators and press supervisors. */
export function mayReadChangeFeed(actor: Actor): boolean {
  return hasAnyRole(actor, ['admin', 'supervisor']);
}

/** Matches no province: the scope of a reader who is neither central nor tied to a province. */
export const NO_PROVINCE = '__none__';

/** The province whose changes the actor may read (undefined: all provinces; `NO_PROVINCE`: none). */
export function changeFeedScope(actor: Actor): string | undefined {
  return isCentralAdmin(actor) ? undefined : (actor.provinceId ?? NO_PROVINCE);
}

/**
 * Which journalists' records an actor may see: every one (central administrators), those of one province
 * (a journalist with a resident registration there or a press contact with one of its agencies; the SQL is
 * in `db/repositories/journalists.ts`), or none.
 */
export type JournalistScope = { kind: 'all' } | { kind: 'province'; provinceId: string } | { kind: 'none' };

/** Roles that may list journalists at all: agency users, supervisors and administrators. */
export const JOURNALIST_READERS = [...AGENCY_ROLES, 'supervisor', 'admin'] as const;

export function journalistScope(actor: Actor): JournalistScope {
  if (!hasAnyRole(actor, JOURNALIST_READERS)) return { kind: 'none' };
  if (isCentralAdmin(actor)) return { kind: 'all' };
  return actor.provinceId ? { kind: 'province', provinceId: actor.provinceId } : { kind: 'none' };
}

/** Who records press-card verifications (for journalists in their scope): supervisors and administrators. */
export const JOURNALIST_VERIFIERS = ['supervisor', 'admin'] as const;

/**
 * Phones, e-mails and press-card verification evidence: supervisors and administrators, and only for the
 * journalists in their scope (the caller checks the scope).
 */
export function seesJournalistContactDetails(actor: Actor): boolean {
  return hasAnyRole(actor, JOURNALIST_VERIFIERS);
}
