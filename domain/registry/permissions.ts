/**
 * @module
 * Who may manage registry records. An agency manages its own spokespersons; a province's administrators
 * manage their province's subtree; a central administrator (no province) manages everything.
 */
import { actsForAgency, hasAnyRole, type Actor } from '../actor.ts';

export interface AgencyScope {
  id: string;
  provinceId: string | null;
}

/** Central administrator: an admin not tied to a province. */
export function isCentralAdmin(actor: Actor): boolean {
  return hasAnyRole(actor, ['admin']) && !actor.provinceId;
}

/** Administrator of the agency's province, or central. */
export function administers(actor: Actor, agency: AgencyScope): boolean {
  return hasAnyRole(actor, ['admin']) && (!actor.provinceId || actor.provinceId === agency.provinceId);
}

/** May create, change, end and confirm the agency's spokespersons. */
export function mayManageSpokespersons(actor: Actor, agency: AgencyScope): boolean {
  return actsForAgency(actor, agency.id) || administers(actor, agency);
}

/** May read the spokesperson change feed and subscribe to it: administrators and press supervisors. */
export function mayReadChangeFeed(actor: Actor): boolean {
  return hasAnyRole(actor, ['admin', 'supervisor']);
}

/** The province whose changes the actor may read (undefined: all provinces). */
export function changeFeedScope(actor: Actor): string | undefined {
  return isCentralAdmin(actor) ? undefined : (actor.provinceId ?? '__none__');
}
