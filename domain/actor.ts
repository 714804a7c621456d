/**
 * @module
 * The person acting, as the API authenticated them. Workflows receive it inside every Update input, so the
 * same permission rules run in the validator and in the API's `allowedActions`.
 */
import type { AgencyLevel, Role } from './vocabulary.ts';

export interface Actor {
  /** Identity-provider subject; journalists are linked to it in the registry. */
  sub: string;
  /** Display name for timelines. */
  name: string;
  roles: Role[];
  /** The agency the person works for (agency users, supervisors). */
  agencyId?: string | undefined;
  /** The province the person's agency belongs to (supervisors watch a whole province). */
  provinceId?: string | undefined;
  /**
   * The level of the person's agency, copied from the registry at sign-in (never from the token): `central`
   * is what makes an administrator a central one (`domain/registry/actor-scope.ts`).
   */
  agencyLevel?: AgencyLevel | undefined;
}

export const AGENCY_ROLES: readonly Role[] = ['agency_staff', 'spokesperson', 'agency_head'];
export const APPROVER_ROLES: readonly Role[] = ['spokesperson', 'agency_head'];

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/** The actor works for `agencyId` in one of `roles`. */
export function actsForAgency(
  actor: Actor,
  agencyId: string,
  roles: readonly Role[] = AGENCY_ROLES,
): boolean {
  return actor.agencyId === agencyId && hasAnyRole(actor, roles);
}

/** The actor supervises press contacts in `provinceId` (the press-management department). */
export function supervisesProvince(actor: Actor, provinceId: string | undefined): boolean {
  return provinceId !== undefined && actor.provinceId === provinceId && hasAnyRole(actor, ['supervisor']);
}
