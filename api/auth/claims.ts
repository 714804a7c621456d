/**
 * @module
 * Turns verified JWT claims into an `Actor`. Claims: `sub`, `name`, `roles` (our role names), `agency_id`.
 * Unknown roles are dropped rather than trusted.
 */
import type { JWTPayload } from 'jose';
import type { Actor } from '../../domain/actor.ts';
import { ROLES, type Role } from '../../domain/vocabulary.ts';

export type TokenIdentity = Omit<Actor, 'provinceId'>;

export function identityFromClaims(payload: JWTPayload): TokenIdentity | undefined {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0) return undefined;
  const rawRoles: unknown[] = Array.isArray(payload.roles) ? (payload.roles as unknown[]) : [];
  const roles = rawRoles.filter(
    (r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r),
  );
  const agencyId = typeof payload.agency_id === 'string' ? payload.agency_id : undefined;
  const name = typeof payload.name === 'string' && payload.name ? payload.name : payload.sub;
  return { sub: payload.sub, name, roles, agencyId };
}
